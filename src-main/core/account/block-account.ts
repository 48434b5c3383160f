/**
 * "Block my account" (`PATCH /account/status`, appwrite-behaviour §3.2).
 *
 * Appwrite blocks the user but leaves every session in its database (§11.19): from then on each
 * request made with any of them fails with `user_blocked`. So every device is effectively signed
 * out, yet the sessions cannot be deleted — not even this one (deleting needs an unblocked user).
 * Signing out here therefore only forgets our own copy (the auth service takes Appwrite's
 * `user_blocked` answer to the delete as "gone"), and a notice explains what happened: only the
 * project's administrator can unblock the account.
 */
import type { AuthState } from '../../../src-shared/ipc'
import type { AuthService } from '../auth/auth-service'
import type { Host } from '../host'

export const BLOCKED_NOTICE = 'Your account is blocked and you are signed out on every device. Only the project’s administrator can unblock it.'

export async function blockAccount(host: Host, auth: Pick<AuthService, 'withSession' | 'signOut' | 'endingHere'>, profileId: string): Promise<AuthState> {
  // Our own doing: the live feed must not explain the server's "blocked" as news from elsewhere.
  auth.endingHere(profileId)
  await auth.withSession(profileId, (client) => client.updateStatus())
  const state = await auth.signOut(profileId)
  host.emit('notice', { level: 'warning', message: BLOCKED_NOTICE })
  return state
}
