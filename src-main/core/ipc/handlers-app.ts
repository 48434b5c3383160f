/** `app.*` and `profiles.*`. */
import { z } from 'zod'
import { profileInput } from '../profiles/profile-input'
import type { AuthState, Result } from '../../../src-shared/ipc'
import { toApiError } from '../auth/errors'
import type { HandlerTable } from './handlers'
import { noArgs, profileId, requireProfile } from './handlers'
import type { Services } from './table'

type AppKeys = `app.${'getStatus' | 'start'}` | `profiles.${'select' | 'add' | 'update' | 'remove'}`

export function appHandlers(s: Services): Pick<HandlerTable, AppKeys> {
  return {
    'app.getStatus': { args: noArgs, run: async () => s.status() },
    // One round trip for the window's first screen: the status, and the active profile's stored
    // session checked as `auth.getState` would (its failure is reported, not thrown, so the
    // window still learns the profiles and the keychain state).
    'app.start': {
      args: noArgs,
      run: async () => {
        const status = s.status()
        let auth: Result<AuthState>
        try {
          auth = { ok: true, data: await s.auth.getState(status.activeProfileId) }
        } catch (error) {
          auth = { ok: false, error: toApiError(error) }
          if (auth.error.type === 'internal_error') s.host.log(`internal error at start-up: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        }
        return { status, auth }
      },
    },
    'profiles.select': {
      args: z.strictObject({ profileId }),
      run: async ({ profileId: id }) => {
        await s.profiles.select(requireProfile(s, id))
        return s.status()
      },
    },
    'profiles.add': {
      args: profileInput,
      run: async (input) => {
        await s.profiles.add(input)
        registerCallbackScheme(s, input)
        return s.status()
      },
    },
    'profiles.update': {
      args: profileInput.extend({ profileId }),
      run: async ({ profileId: id, ...input }) => {
        const before = s.profiles.get(requireProfile(s, id))
        // A session belongs to one (endpoint, project): pointing the profile elsewhere signs it
        // out on this device first, and drops the flows that would come back to the old server.
        if (before && before.kind !== 'sandbox' && (before.endpoint !== input.endpoint || before.projectId !== input.projectId)) {
          s.flows.cancelProfile(id)
          await s.auth.signOutHere(id)
        }
        await s.profiles.update(id, input)
        registerCallbackScheme(s, s.profiles.get(id) ?? input)
        return s.status()
      },
    },
    'profiles.remove': {
      args: z.strictObject({ profileId }),
      run: async ({ profileId: id }) => {
        const profile = s.profiles.get(requireProfile(s, id))
        if (profile?.kind !== 'sandbox') {
          s.flows.cancelProfile(id)
          await s.auth.signOutHere(id)
        }
        await s.profiles.remove(id)
        return s.status()
      },
    },
  }
}

/** Profiles that receive links on Appwrite's native scheme need the OS to route it to us. */
export function registerCallbackScheme(s: Pick<Services, 'host'>, profile: { readonly redirectStrategy: string; readonly projectId: string }): void {
  if (profile.redirectStrategy === 'appwrite-callback') s.host.registerUrlScheme(`appwrite-callback-${profile.projectId.toLowerCase()}`)
}
