/**
 * Sign-in alerts (issue 15 item 4): from the live feed's typed changes, the few a person must hear
 * about at once — a session created on another device, the password or e-mail changed, two-step
 * sign-in turned off, the account blocked — when they were not this app's own doing.
 *
 * - "Not this device": the new session is not the feed's own session, and not one this app
 *   created (own-writes.ts matches our sign-ins by session id, and our other writes by a short
 *   note made before the request left).
 * - "MFA turned off" is a change from on to off: the `users.<id>.update.mfa` event also follows
 *   adding an authenticator or recovery codes, with MFA off all along. The state before comes from
 *   the account at sign-in and every account the feed carried since; unknown → no alert.
 * - An alert goes to the history (alert-history.ts) and to the window (`alert` event, marked
 *   `muted` when the profile muted alerts: no banner then, the history still lists it); to the
 *   desktop (`host.notify`) only when not muted. Clicking the notification brings the
 *   window up and emits `alertOpened`, so the window shows that alert again.
 *
 * Only Appwrite's own event names and models are read (the `Session` and `User` models), so the
 * same path works against Appwrite Cloud or a self-hosted Appwrite as against the sandbox.
 */
import { randomUUID } from 'node:crypto'
import { alertDetail, alertTitle } from '../../../src-shared/alert-words'
import type { AccountDTO, AlertDTO, AlertHistoryDTO, AlertKind, LiveChange, LiveEventDTO, SessionDTO } from '../../../src-shared/ipc'
import type { Host } from '../host'
import type { AlertHistory } from './alert-history'
import type { OwnWrites } from './own-writes'

/**
 * Which alert a change is, before asking whether it was our own: null for everything a person
 * need not be told about. `mfaBefore` is whether MFA was on before this change (null = unknown).
 */
export function alertKindOf(change: LiveChange, mfaBefore: boolean | null): AlertKind | null {
  switch (change.kind) {
    case 'session':
      return change.action === 'create' && !change.thisDevice ? 'sign-in' : null
    case 'account':
      switch (change.field) {
        case 'password':
          return 'password'
        case 'email':
          return 'email'
        case 'mfa':
          return change.account?.mfa === false && mfaBefore === true ? 'mfa-off' : null
        case 'status':
          return change.account?.status === false ? 'blocked' : null
        default:
          return null
      }
    case 'resource':
      // Appwrite's `users.<id>.recovery.<id>.update`: a password set by a recovery link or code.
      return change.resource === 'recovery' && change.action === 'update' ? 'password' : null
    case 'account-deleted':
      return null
    default:
      return change satisfies never
  }
}

/** The session as the window may see it — again without secrets, whatever the event carried. */
function withoutSecrets(session: SessionDTO): SessionDTO {
  const {
    secret: _secret,
    providerAccessToken: _access,
    providerRefreshToken: _refresh,
    ...rest
  } = session as SessionDTO & Partial<Record<'secret' | 'providerAccessToken' | 'providerRefreshToken', string>>
  return { ...rest, current: false }
}

export interface SignInAlertsDeps {
  readonly host: Host
  readonly profiles: {
    get(profileId: string): { readonly label: string } | null
    alertsMuted(profileId: string): boolean
    setAlertsMuted(profileId: string, muted: boolean): Promise<void>
  }
  readonly ownWrites: OwnWrites
  readonly history: AlertHistory
}

export class SignInAlerts {
  /** Whether MFA was on, per profile, as last seen. */
  readonly #mfa = new Map<string, boolean>()
  /** Events of a profile are judged in order (judging a sign-in may wait for our own). */
  readonly #queues = new Map<string, Promise<void>>()

  constructor(private readonly deps: SignInAlertsDeps) {}

  /** The account as a sign-in or a confirmed session found it (the MFA state before any event). */
  accountSeen(profileId: string, account: AccountDTO | null): void {
    if (account) this.#mfa.set(profileId, account.mfa)
  }

  /** Every live event of every profile passes here, after the window got it. */
  observe(event: LiveEventDTO): void {
    const previous = this.#queues.get(event.profileId) ?? Promise.resolve()
    const next = previous
      .then(() => this.#judge(event))
      .catch((error: unknown) => this.deps.host.log(`alert for ${event.profileId}: ${error instanceof Error ? error.message : String(error)}`))
    this.#queues.set(event.profileId, next)
  }

  /** Resolves when every event observed so far has been judged (for tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.#queues.values()])
  }

  history(profileId: string): AlertHistoryDTO {
    return { muted: this.deps.profiles.alertsMuted(profileId), alerts: this.deps.history.list(profileId) }
  }

  async setMuted(profileId: string, muted: boolean): Promise<AlertHistoryDTO> {
    await this.deps.profiles.setAlertsMuted(profileId, muted)
    return this.history(profileId)
  }

  /** The profile was removed: its history and what we knew of it go too. */
  async forget(profileId: string): Promise<void> {
    this.#mfa.delete(profileId)
    this.#queues.delete(profileId)
    this.deps.ownWrites.forget(profileId)
    await this.deps.history.forget(profileId)
  }

  async #judge(event: LiveEventDTO): Promise<void> {
    const { profileId, change } = event
    const mfaBefore = this.#mfa.get(profileId) ?? null
    if (change.kind === 'account' && change.account) this.#mfa.set(profileId, change.account.mfa)
    const kind = alertKindOf(change, mfaBefore)
    if (kind === null || !this.deps.profiles.get(profileId)) return
    if (change.kind === 'session') {
      if (await this.deps.ownWrites.isOwnSession(profileId, change.session.$id)) return
    } else if (this.deps.ownWrites.consume(profileId, kind)) return

    const muted = this.deps.profiles.alertsMuted(profileId)
    const alert: AlertDTO = {
      id: randomUUID(),
      profileId,
      kind,
      time: event.timestamp || new Date(this.deps.host.now()).toISOString(),
      ...(change.kind === 'session' ? { session: withoutSecrets(change.session) } : {}),
      ...(kind === 'email' && change.kind === 'account' && change.account ? { email: change.account.email } : {}),
      muted,
    }
    // A history that cannot be written still lets the person hear about it now.
    const recorded = this.deps.history
      .add(alert)
      .catch((error: unknown) => this.deps.host.log(`alert history not saved: ${error instanceof Error ? error.message : String(error)}`))
    // The window hears of every alert (its history follows), but shows no banner for a muted one.
    this.deps.host.emit('alert', alert)
    if (!muted) {
      const label = this.deps.profiles.get(profileId)?.label
      this.deps.host.notify({
        title: alertTitle(kind),
        body: label ? `${alertDetail(alert)} (${label})` : alertDetail(alert),
        onClick: () => this.deps.host.emit('alertOpened', alert),
      })
    }
    await recorded
  }
}
