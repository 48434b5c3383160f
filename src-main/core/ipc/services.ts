/** Everything a handler may use, and the two steps almost every handler starts with. */
import type { AppStatus, Notice } from '../../../src-shared/ipc'
import type { AccountClient } from '../appwrite'
import type { AuthService } from '../auth/auth-service'
import { CoreError } from '../auth/errors'
import type { FlowRegistry } from '../auth/flows'
import type { LinkEntry } from '../auth/links'
import type { SignInFlows } from '../auth/sign-in-flows'
import type { Host } from '../host'
import type { SignInAlerts } from '../live/alerts'
import type { Mailbox } from '../mailbox/mailbox'
import type { ProfileStore } from '../profiles/profile-store'
import type { SecretStore } from '../secrets/secret-store'
import type { ServerDirectory } from '../server/server-info'
import type { SandboxSettings } from '../sandbox/sandbox-settings'

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
  /** The embedded sandbox's project settings (Local sandbox profile only). */
  readonly sandboxSettings: SandboxSettings
  /** Each profile's server version and capabilities (server/server-info.ts). */
  readonly servers: ServerDirectory
  /** Sign-in alerts: each profile's recent ones and its mute setting (live/alerts.ts). */
  readonly alerts: SignInAlerts
  status(): AppStatus
  /** Found at start-up, before any window could listen for events; handed over by `app.start`. */
  readonly startupNotices: readonly Notice[]
}

/** Looks a profile up or fails with `no_profile`; returns the id for chaining. */
export function requireProfile(s: { readonly profiles: { get(id: string): unknown } }, id: string): string {
  if (!s.profiles.get(id)) throw new CoreError('no_profile')
  return id
}

/**
 * Runs `call` with the profile's stored session. A session Appwrite no longer knows signs the
 * profile out everywhere in the app; Appwrite's refusals come back unchanged as error values.
 */
export function withProfileSession<T>(s: Pick<Services, 'auth' | 'profiles'>, profileId: string, call: (client: AccountClient) => Promise<T>): Promise<T> {
  return s.auth.withSession(requireProfile(s, profileId), call)
}
