/**
 * Which service answers which contract method. Adding a method to src-shared/ipc.ts without a
 * line here is a compile error (HandlerTable is a mapped type over every MethodKey).
 */
import { z } from 'zod'
import type { AppStatus } from '../../../src-shared/ipc'
import type { AuthService } from '../auth/auth-service'
import { CoreError } from '../auth/errors'
import type { ProfileStore } from '../profiles/profile-store'
import { email, name, noArgs, password, profileId, type HandlerTable } from './handlers'

export interface Services {
  readonly auth: AuthService
  readonly profiles: ProfileStore
  status(): AppStatus
}

export function createHandlerTable(s: Services): HandlerTable {
  const requireProfile = (id: string): string => {
    if (!s.profiles.get(id)) throw new CoreError('no_profile')
    return id
  }
  return {
    'app.getStatus': { args: noArgs, run: async () => s.status() },
    'profiles.select': {
      args: z.strictObject({ profileId }),
      run: async ({ profileId: id }) => {
        await s.profiles.select(requireProfile(id))
        return s.status()
      },
    },
    'auth.getState': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.getState(requireProfile(id)),
    },
    'auth.signUp': {
      args: z.strictObject({ profileId, name, email, password }),
      run: (a) => s.auth.signUp({ ...a, profileId: requireProfile(a.profileId) }),
    },
    'auth.signInWithPassword': {
      args: z.strictObject({ profileId, email, password }),
      run: (a) => s.auth.signInWithPassword({ ...a, profileId: requireProfile(a.profileId) }),
    },
    'auth.signOut': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.signOut(requireProfile(id)),
    },
  }
}
