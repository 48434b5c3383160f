/** `app.*`: what the window asks before its first screen. */
import type { AuthState, Result } from '../../../../src-shared/ipc'
import { toApiError } from '../../auth/errors'
import { noArgs } from '../args'
import type { NamespaceHandlers } from '../handler'
import type { Services } from '../services'

export function appHandlers(s: Services): NamespaceHandlers<'app'> {
  return {
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
          if (auth.error.type === 'internal_error')
            s.host.log(`internal error at start-up: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        }
        return { status, auth, notices: s.startupNotices }
      },
    },
  }
}
