/**
 * Which service answers which contract method. Each area contributes its slice; the spread below
 * is typed as the full HandlerTable, so a method in src-shared/ipc.ts without a handler is a
 * compile error.
 */
import type { AppStatus } from '../../../src-shared/ipc'
import type { AuthService } from '../auth/auth-service'
import type { FlowRegistry } from '../auth/flows'
import type { LinkEntry } from '../auth/links'
import type { SignInFlows } from '../auth/sign-in-flows'
import type { Mailbox } from '../mailbox/mailbox'
import type { Host } from '../host'
import type { ProfileStore } from '../profiles/profile-store'
import type { SecretStore } from '../secrets/secret-store'
import type { HandlerTable } from './handlers'
import { accountHandlers } from './handlers-account'
import { activityHandlers } from './handlers-activity'
import { appHandlers } from './handlers-app'
import { authHandlers } from './handlers-auth'

/** Everything a handler may use. */
export interface Services {
  readonly host: Host
  readonly auth: AuthService
  readonly profiles: ProfileStore
  readonly secrets: SecretStore
  /** Pending flows (one-time nonces); `flows.start(...)` for any flow that leaves the app — see auth/flows.ts. */
  readonly flows: FlowRegistry
  /** OTP, magic URL, OAuth and recovery (issue #4). */
  readonly signIn: SignInFlows
  /** The one entry for returning links (deep links, loopback, pasted, mailbox). */
  readonly links: LinkEntry
  readonly mailbox: Mailbox
  status(): AppStatus
}

export function createHandlerTable(s: Services): HandlerTable {
  return {
    ...appHandlers(s),
    ...authHandlers(s),
    ...accountHandlers(s),
    ...activityHandlers(s),
  }
}
