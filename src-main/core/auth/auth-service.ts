/**
 * Signing in and out of a profile, and knowing whether we are signed in.
 *
 * The session value (base64 `{id, secret}`, appwrite-behaviour §1.3) is captured by the client from
 * Set-Cookie / X-Fallback-Cookies, goes straight to a SecretStore, and is only ever read back
 * to authenticate requests as `X-Appwrite-Session`. What leaves this module is an AuthState,
 * which holds the Account model and nothing secret.
 *
 * Where a session lives ("keep me signed in", issue #4 item 5):
 * - remembered: the OS keychain (the probed store), under ProfileStore.sessionKey(…);
 * - not remembered: a MemorySecretStore owned here, never written to the keychain, gone when
 *   the app quits. Without a keychain the probed store is memory too (secrets/probe.ts).
 * `AuthState.remembered` says which.
 */
import type { MfaChallenge, MfaFactor } from '../../../src-shared/appwrite'
import type { AccountDTO, AuthState, SignInWithPasswordArgs, SignUpArgs } from '../../../src-shared/ipc'
import { AppwriteError, NetworkError, type AccountClient, type CreatedSession, type SessionCapture } from '../appwrite'
import type { Host } from '../host'
import type { ProfileStore, SignedInRef } from '../profiles/profile-store'
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store'
import { CoreError } from './errors'

/**
 * Appwrite answers that mean "this session no longer exists" (appwrite-behaviour §2, §11.5): a guest
 * request (`general_unauthorized_scope`), an unknown session. `user_invalid_token` is NOT one:
 * it answers a wrong OTP or MFA code and must never sign anybody out.
 */
const SESSION_GONE = new Set(['general_unauthorized_scope', 'user_jwt_invalid', 'user_session_not_found'])

export const BLOCKED_MESSAGE = 'This account is blocked, so you have been signed out here. Only the project’s administrator can unblock it.'

/** The blocked notice for a sign-in the server refused (`user_blocked` from a token, link or code). */
export const BLOCKED_SIGN_IN_MESSAGE = 'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.'

/** A session with less time left than this is extended at start-up (issue #4 item 5). */
export const EXTEND_WHEN_LEFT_MS = 7 * 24 * 60 * 60 * 1000
/** …or with less than this share of its whole length left. */
export const EXTEND_WHEN_SHARE_LEFT = 0.1
/** How often one profile's session expiry is looked at (one extra request). */
const EXPIRY_CHECK_INTERVAL_MS = 60 * 60 * 1000

export type ClientFactory = (profileId: string) => AccountClient

/** Options every sign-in shares. `remember` omitted = keep the session (the pre-issue-#4 behaviour). */
export interface SignInOptions {
  readonly remember?: boolean
}

/** Told when this app signs a profile in or out (the live feed follows it: live/live-feeds.ts). */
export interface SessionListener {
  /** Every AuthState announced to the window, and every signed-in state the server confirmed. */
  changed(state: AuthState): void
  /** This device is about to end the profile's session itself (sign-out, replacement). */
  ending(profileId: string): void
  /** The server just refused the profile's session to one of our requests (a 401): say why. */
  lost(profileId: string): void
}

export class AuthService {
  sessionListener: SessionListener | null = null
  /** Asks the profile's server again what it offers, at every sign-in (server/server-info.ts). */
  serverCheck: ((profileId: string) => Promise<void>) | null = null

  /** Last account seen per profile, shown read-only while offline. Memory only. */
  readonly #cachedAccounts = new Map<string, AccountDTO>()
  /** Sessions the user chose not to keep (or every session when there is no keychain). */
  readonly #memory = new MemorySecretStore()
  readonly #expiryCheckedAt = new Map<string, number>()

  constructor(
    private readonly host: Host,
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly clientFor: ClientFactory,
  ) {}

  /**
   * Checks the stored session against the server. A 401 means the session is gone: sign out
   * cleanly. No answer at all means we are offline: keep the session and say so — never drop a
   * session because the network is down (electron-practice §3, "Pitfalls").
   * `user_more_factors_required` keeps the session and asks for the second factor (appwrite-behaviour §6).
   */
  async getState(profileId: string): Promise<AuthState> {
    const held = await this.#held(profileId)
    if (!held) return this.#signedOut(profileId)
    const { client, ref } = held
    const remembered = this.#isRemembered(ref)
    try {
      const account = await client.get()
      this.#cachedAccounts.set(profileId, account)
      await this.#extendIfNearExpiry(profileId, client)
      const state: AuthState = { profileId, status: 'signed-in', account, remembered }
      // The live feed starts (or stays) with a session the server just accepted — at start-up
      // too, without a keychain read of its own before the app asked for one.
      this.sessionListener?.changed(state)
      return state
    } catch (error) {
      if (error instanceof NetworkError) {
        return { profileId, status: 'offline', account: this.#cachedAccounts.get(profileId) ?? null, remembered }
      }
      if (error instanceof AppwriteError && error.type === 'user_more_factors_required') {
        return this.#mfaRequired(profileId, client, remembered)
      }
      if (error instanceof AppwriteError && error.type === 'user_blocked') {
        await this.#signOutBlocked(profileId)
        return this.#signedOut(profileId)
      }
      if (error instanceof AppwriteError && (error.code === 401 || error.code === 403 || error.code === 404)) {
        await this.forgetSession(profileId)
        return this.#signedOut(profileId)
      }
      throw error
    }
  }

  /** Appwrite's sign-up does not create a session (appwrite-behaviour §3.2), so we sign in right after. */
  async signUp(args: SignUpArgs): Promise<AuthState> {
    const client = this.#anonymousClient(args.profileId)
    await client.create({ userId: 'unique()', email: args.email, password: args.password, name: args.name })
    return this.signInWithPassword(args)
  }

  async signInWithPassword(args: SignInWithPasswordArgs): Promise<AuthState> {
    const client = this.#anonymousClient(args.profileId)
    const created = await client.createEmailPasswordSession({ email: args.email, password: args.password })
    return this.establish(args.profileId, created, args)
  }

  async signInAnonymously(profileId: string, options: SignInOptions = {}): Promise<AuthState> {
    const created = await this.#anonymousClient(profileId).createAnonymousSession()
    return this.establish(profileId, created, options)
  }

  /** Token → session (magic URL, e-mail/phone OTP, OAuth2 token flow; appwrite-behaviour §3.2 `POST /account/sessions/token`). */
  async signInWithToken(profileId: string, token: { readonly userId: string; readonly secret: string }, options: SignInOptions = {}): Promise<AuthState> {
    const created = await this.#anonymousClient(profileId).createSession({ userId: token.userId, secret: token.secret })
    return this.establish(profileId, created, options)
  }

  /**
   * Stores a freshly created session for the profile (replacing any earlier one, which is ended
   * on the server when possible), reads the account, and tells the window.
   */
  async establish(profileId: string, created: CreatedSession, options: SignInOptions): Promise<AuthState> {
    await this.#replaceWith(profileId, created.session.userId, created.capture, options.remember !== false)
    await this.serverCheck?.(profileId)
    const state = await this.getState(profileId)
    this.#announce(state)
    return state
  }

  /**
   * Ends the session on the server, then forgets it here. If the server cannot be reached the
   * local copy is still removed (the user asked to sign out of this device) and a notice says the
   * server-side session may live on until it expires.
   */
  async signOut(profileId: string): Promise<AuthState> {
    this.sessionListener?.ending(profileId)
    const client = await this.#authenticatedClient(profileId)
    if (client) {
      try {
        await client.deleteSession({ sessionId: 'current' })
      } catch (error) {
        if (error instanceof NetworkError) {
          this.host.emit('notice', {
            level: 'warning',
            message: 'Signed out on this device. The server could not be reached, so the session stays valid there until it expires.',
          })
        } else if (!(error instanceof AppwriteError && (error.code === 401 || error.code === 403 || error.code === 404))) {
          throw error
        }
      }
    }
    return this.#signedOutNow(profileId)
  }

  /**
   * Signs out on this device whatever the server says (used when a profile is removed or points
   * at another server): the server session is ended when it answers, and forgotten here anyway.
   */
  async signOutHere(profileId: string): Promise<AuthState> {
    this.sessionListener?.ending(profileId)
    const client = await this.#authenticatedClient(profileId)
    if (client) await client.deleteSession({ sessionId: 'current' }).catch(() => undefined)
    return this.#signedOutNow(profileId)
  }

  /**
   * `DELETE /account/sessions`: every session of the account ends, on every device, this one
   * included. That route is not MFA-exempt (appwrite-behaviour §6), so while a second factor is pending only
   * this device's session can be ended. Offline, nothing is changed and the error is returned:
   * the other devices could not be signed out.
   */
  async signOutEverywhere(profileId: string): Promise<AuthState> {
    const client = await this.#authenticatedClient(profileId)
    if (!client) throw new CoreError('not_signed_in')
    this.sessionListener?.ending(profileId)
    try {
      await client.deleteSessions()
    } catch (error) {
      if (error instanceof AppwriteError && error.type === 'user_more_factors_required') {
        await client.deleteSession({ sessionId: 'current' }).catch(() => undefined)
        this.host.emit('notice', {
          level: 'warning',
          message: 'Signed out here. Other devices stay signed in until you complete the second step and sign out everywhere.',
        })
      } else if (error instanceof AppwriteError && error.type === 'user_blocked') {
        await this.#signOutBlocked(profileId)
        return this.#signedOut(profileId)
      } else if (!(error instanceof AppwriteError && (error.code === 401 || error.code === 404))) {
        throw error
      }
    }
    return this.#signedOutNow(profileId)
  }

  /**
   * MFA at sign-in (appwrite-behaviour §6): creates a challenge for one factor on the pending session. The
   * recovery-code factor is sent as `recoverycode`, the only spelling Appwrite ≤ 1.8.1 completes.
   */
  async createMfaChallenge(profileId: string, factor: MfaFactor): Promise<MfaChallenge> {
    return this.withSession(profileId, (client) => client.createMfaChallenge({ factor }))
  }

  /** Completes a challenge; the session gains the factor, and the new state is announced. */
  async completeMfaChallenge(profileId: string, challengeId: string, otp: string): Promise<AuthState> {
    await this.withSession(profileId, (client) => client.updateMfaChallenge({ challengeId, otp }))
    // Logs could not be asked for while the second factor was pending.
    await this.serverCheck?.(profileId)
    const state = await this.getState(profileId)
    this.#announce(state)
    return state
  }

  /** Removes this device's copy of the session (keychain or memory) without asking the server. */
  async forgetSession(profileId: string): Promise<void> {
    const ref = this.profiles.signedIn(profileId)
    if (ref) {
      const key = this.profiles.sessionKey(profileId, ref.userId)
      if (key) {
        await this.#memory.delete(key)
        if (ref.remembered !== false)
          await this.secrets
            .delete(key)
            .catch((error: unknown) => this.host.log(`keychain delete failed: ${error instanceof Error ? error.message : String(error)}`))
      }
    }
    await this.profiles.setSignedIn(profileId, null)
    this.#cachedAccounts.delete(profileId)
    this.#expiryCheckedAt.delete(profileId)
  }

  /**
   * Runs `call` with a client carrying the profile's stored session. When Appwrite says the
   * session is gone, or the account is blocked, the profile is signed out here too and the
   * renderer is told, so no screen keeps showing an account we can no longer act for.
   */
  async withSession<T>(profileId: string, call: (client: AccountClient) => Promise<T>): Promise<T> {
    const client = await this.#authenticatedClient(profileId)
    if (!client) throw new CoreError('not_signed_in')
    try {
      return await call(client)
    } catch (error) {
      if (error instanceof AppwriteError && error.type === 'user_blocked') {
        await this.#signOutBlocked(profileId)
      } else if (error instanceof AppwriteError && error.code === 401 && SESSION_GONE.has(error.type)) {
        // Explained before the window drops to the sign-in screen: never a silent sign-out.
        this.sessionListener?.lost(profileId)
        await this.forgetSession(profileId)
        this.#announce(this.#signedOut(profileId))
      }
      throw error
    }
  }

  /**
   * A session near its end is extended with `PATCH /account/sessions/current` (appwrite-behaviour §3.2;
   * the cookie is not re-issued, so the stored value stays valid). Never fails the caller.
   */
  async #extendIfNearExpiry(profileId: string, client: AccountClient): Promise<void> {
    const now = this.host.now()
    const last = this.#expiryCheckedAt.get(profileId)
    if (last !== undefined && now - last < EXPIRY_CHECK_INTERVAL_MS) return
    this.#expiryCheckedAt.set(profileId, now)
    try {
      const session = await client.getSession({ sessionId: 'current' })
      if (!isNearExpiry(session.$createdAt, session.expire, now)) return
      await client.updateSession({ sessionId: 'current' })
      this.host.log(`session of profile ${profileId} extended`)
    } catch (error) {
      this.host.log(`session expiry check skipped: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  async #mfaRequired(profileId: string, client: AccountClient, remembered: boolean): Promise<AuthState> {
    try {
      const mfaFactors = await client.listMfaFactors()
      return { profileId, status: 'mfa-required', account: null, mfaFactors, remembered }
    } catch (error) {
      if (error instanceof NetworkError) return { profileId, status: 'offline', account: null, remembered }
      throw error
    }
  }

  /**
   * `user_blocked` (401 up to 1.8, 403 in 1.9): every session of the account is refused from now
   * on and none can be deleted (appwrite-behaviour §11.19), so only our copy is removed.
   */
  async #signOutBlocked(profileId: string): Promise<void> {
    await this.forgetSession(profileId)
    this.#announce(this.#signedOut(profileId))
    this.host.emit('notice', { level: 'error', message: BLOCKED_MESSAGE, topic: 'session-ended' })
  }

  async #signedOutNow(profileId: string): Promise<AuthState> {
    await this.forgetSession(profileId)
    const state = this.#signedOut(profileId)
    this.#announce(state)
    return state
  }

  async #replaceWith(profileId: string, userId: string, capture: SessionCapture | null, remember: boolean): Promise<void> {
    if (!capture) throw new CoreError('internal_error', 'The server created a session but did not hand it over (no session cookie in the answer).')
    const previous = this.profiles.signedIn(profileId)
    if (previous) {
      this.sessionListener?.ending(profileId)
      // One session per profile: the one it replaces is ended on the server when possible.
      const old = await this.#authenticatedClient(profileId)
      if (old && old.getSessionValue() !== capture.value) await old.deleteSession({ sessionId: 'current' }).catch(() => undefined)
      await this.forgetSession(profileId)
    }
    // Without a keychain the probed store is itself memory-only; the session then lives as long
    // as the app either way, and AuthState.remembered says false.
    const kept = remember
    const key = this.#key(profileId, userId)
    if (kept) {
      await this.secrets.set(key, capture.value).catch((error: unknown) => {
        this.host.log(`keychain write failed: ${error instanceof Error ? error.message : String(error)}`)
        throw new CoreError('keychain_error')
      })
    } else await this.#memory.set(key, capture.value)
    await this.profiles.setSignedIn(profileId, { userId, remembered: kept })
  }

  async #held(profileId: string): Promise<{ client: AccountClient; ref: SignedInRef } | null> {
    const ref = this.profiles.signedIn(profileId)
    if (!ref) return null
    const client = await this.#authenticatedClient(profileId)
    return client ? { client, ref } : null
  }

  async #authenticatedClient(profileId: string): Promise<AccountClient | null> {
    const ref = this.profiles.signedIn(profileId)
    if (!ref) return null
    const key = this.#key(profileId, ref.userId)
    const value =
      ref.remembered === false
        ? await this.#memory.get(key)
        : await this.secrets.get(key).catch((error: unknown) => {
            this.host.log(`keychain read failed: ${error instanceof Error ? error.message : String(error)}`)
            throw new CoreError('keychain_error')
          })
    if (!value) {
      // The profile file says signed in but the keychain has nothing (memory store after a
      // restart, or the entry was removed by hand): treat as signed out.
      await this.profiles.setSignedIn(profileId, null)
      return null
    }
    const client = this.clientFor(profileId)
    client.setSession(value)
    return client
  }

  /** This device is about to end the session by an action of its own (e.g. blocking the account). */
  endingHere(profileId: string): void {
    this.sessionListener?.ending(profileId)
  }

  #announce(state: AuthState): void {
    this.host.emit('authChanged', state)
    this.sessionListener?.changed(state)
  }

  /**
   * Asks the server whether the profile's session still works, and tells the window when it does
   * not (getState alone signs out quietly: it also answers start-up, which announces itself).
   */
  async confirmSession(profileId: string): Promise<AuthState> {
    const state = await this.getState(profileId)
    if (state.status === 'signed-out') this.#announce(state)
    return state
  }

  /** The profile's session value and user, for main-only use (the live feed authenticates with it). */
  async heldSession(profileId: string): Promise<{ value: string; userId: string } | null> {
    const ref = this.profiles.signedIn(profileId)
    const client = ref ? await this.#authenticatedClient(profileId) : null
    const value = client?.getSessionValue()
    return ref && value ? { value, userId: ref.userId } : null
  }

  #isRemembered(ref: SignedInRef): boolean {
    return ref.remembered !== false && this.secrets.kind === 'keychain'
  }

  #anonymousClient(profileId: string): AccountClient {
    const client = this.clientFor(profileId)
    client.setSession(null)
    return client
  }

  #key(profileId: string, userId: string): string {
    const key = this.profiles.sessionKey(profileId, userId)
    if (!key) throw new CoreError('no_profile')
    return key
  }

  #signedOut(profileId: string): AuthState {
    return { profileId, status: 'signed-out', account: null }
  }
}

/**
 * Less than 7 days left, or less than 10 % of the session's whole length. Appwrite may send the
 * expiry as ISO or as a database date (`YYYY-MM-DD HH:MM:SS.mmm`, contract "Not confirmed").
 */
export function isNearExpiry(createdAt: string, expire: string, now: number): boolean {
  const end = parseAppwriteDate(expire)
  const start = parseAppwriteDate(createdAt)
  if (end === null) return false
  const left = end - now
  if (left < EXTEND_WHEN_LEFT_MS) return true
  if (start === null || end <= start) return false
  return left < (end - start) * EXTEND_WHEN_SHARE_LEFT
}

function parseAppwriteDate(value: string): number | null {
  if (!value) return null
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? `${value.replace(' ', 'T')}Z` : value
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}
