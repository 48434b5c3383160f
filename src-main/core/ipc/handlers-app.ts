/** `app.*` and `profiles.*`. */
import { z } from 'zod'
import type { HandlerTable } from './handlers'
import { noArgs, profileId, requireProfile } from './handlers'
import { pendingHandler } from './pending'
import type { Services } from './table'

type AppKeys = 'app.getStatus' | `profiles.${'select' | 'add' | 'update' | 'remove'}`

export function appHandlers(s: Services): Pick<HandlerTable, AppKeys> {
  return {
    'app.getStatus': { args: noArgs, run: async () => s.status() },
    'profiles.select': {
      args: z.strictObject({ profileId }),
      run: async ({ profileId: id }) => {
        await s.profiles.select(requireProfile(s, id))
        return s.status()
      },
    },
    'profiles.add': pendingHandler('profiles.add'),
    'profiles.update': pendingHandler('profiles.update'),
    'profiles.remove': pendingHandler('profiles.remove'),
  }
}
