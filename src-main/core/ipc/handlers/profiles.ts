/** `profiles.*`: the saved connections; every change answers with the new app status. */
import { registerCallbackScheme } from '../../profiles/callback-scheme'
import { checkRedirectStrategy, profileInput, profileInputFields } from '../../profiles/profile-input'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, type Services } from '../services'

export function profilesHandlers(s: Services): NamespaceHandlers<'profiles'> {
  return {
    'profiles.select': {
      args: profileOnly,
      run: async ({ profileId: id }) => {
        await s.profiles.select(requireProfile(s, id))
        return s.status()
      },
    },
    'profiles.add': {
      args: profileInput,
      run: async (input) => {
        await s.profiles.add(input)
        registerCallbackScheme(s.host, input)
        return s.status()
      },
    },
    'profiles.update': {
      args: profileInputFields.extend({ profileId }).superRefine(checkRedirectStrategy),
      run: async ({ profileId: id, ...input }) => {
        const before = s.profiles.get(requireProfile(s, id))
        // A session belongs to one (endpoint, project): pointing the profile elsewhere signs it
        // out on this device first, and drops the flows that would come back to the old server.
        if (before && before.kind !== 'sandbox' && (before.endpoint !== input.endpoint || before.projectId !== input.projectId)) {
          s.flows.cancelProfile(id)
          await s.auth.signOutHere(id)
        }
        await s.profiles.update(id, input)
        registerCallbackScheme(s.host, s.profiles.get(id) ?? input)
        return s.status()
      },
    },
    'profiles.remove': {
      args: profileOnly,
      run: async ({ profileId: id }) => {
        const profile = s.profiles.get(requireProfile(s, id))
        if (profile?.kind !== 'sandbox') {
          s.flows.cancelProfile(id)
          await s.auth.signOutHere(id)
        }
        await s.profiles.remove(id)
        await s.alerts.forget(id)
        return s.status()
      },
    },
  }
}
