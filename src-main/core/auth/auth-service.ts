/**
 * Signing in and out of a profile, and knowing whether we are signed in.
 *
 * The session value (base64 `{id, secret}`, contract §1.3) is captured by the client from
 * Set-Cookie / X-Fallback-Cookies, goes straight to the SecretStore, and is only ever read back
 * to authenticate requests as `X-Appwrite-Session`. What leaves this module is an AuthState,
 * which holds the Account model and nothing secret.
 */
import type { AccountDTO, AuthState, SignInWithPasswordArgs, SignUpArgs } from '../../../src-shared/ipc'
import { AppwriteError, NetworkError, type AccountClient, type SessionCapture } from '../appwrite'
import type { Host } from '../host'
import type { ProfileStore } from '../profiles/profile-store'
import type { SecretStore } from '../secrets/secret-store'
import { CoreError } from './errors'

/** Appwrite answers that mean "this session no longer exists" (contract §2). */
const SESSION_GONE = new Set(['general_unauthorized_scope', 'user_invalid_token', 'user_jwt_invalid', 'user_session_not_found'])

export type ClientFactory = (profileId: string) => AccountClient

export class AuthService {
  /** Last account seen per profile, shown read-only while offline. Memory only. */
  readonly #cachedAccounts = new Map<string, AccountDTO>()

  constructor(
    private readonly host: Host,
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly clientFor: ClientFactory,
  ) {}

  /**
   * Checks the stored session against the server. A 401 means the session is gone: sign out
   * cleanly. No answer at all means we are offline: keep the session and say so — never drop a
   * session because the network is down (reference/electron-practices.md §3, "Pitfalls").
   */
  async getState(profileId: string): Promise<AuthState> {
    const client = await this.#authenticatedClient(profileId)
    if (!client) return this.#signedOut(profileId)
    try {
      const account = await client.get()
      this.#cachedAccounts.set(profileId, account)
      return { profileId, status: 'signed-in', account }
    } catch (error) {
      if (error instanceof NetworkError) {
        return { profileId, status: 'offline', account: this.#cachedAccounts.get(profileId) ?? null }
      }
      if (error instanceof AppwriteError && (error.code === 401 || error.code === 403 || error.code === 404)) {
        await this.#forget(profileId)
        return this.#signedOut(profileId)
      }
      throw error
    }
  }

  /** Appwrite's sign-up does not create a session (contract §3.2), so we sign in right after. */
  async signUp(args: SignUpArgs): Promise<AuthState> {
    const client = this.#anonymousClient(args.profileId)
    await client.create({ userId: 'unique()', email: args.email, password: args.password, name: args.name })
    return this.signInWithPassword(args)
  }

  async signInWithPassword(args: SignInWithPasswordArgs): Promise<AuthState> {
    const client = this.#anonymousClient(args.profileId)
    const { session, capture } = await client.createEmailPasswordSession({ email: args.email, password: args.password })
    await this.#remember(args.profileId, session.userId, capture)
    const state = await this.getState(args.profileId)
    this.host.emit('authChanged', state)
    return state
  }

  /**
   * Ends the session on the server, then forgets it here. If the server cannot be reached the
   * local copy is still removed (the user asked to sign out of this device) and a notice says the
   * server-side session may live on until it expires.
   */
  async signOut(profileId: string): Promise<AuthState> {
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
        } else if (!(error instanceof AppwriteError && (error.code === 401 || error.code === 404))) {
          throw error
        }
      }
    }
    await this.#forget(profileId)
    const state = this.#signedOut(profileId)
    this.host.emit('authChanged', state)
    return state
  }

  async #remember(profileId: string, userId: string, capture: SessionCapture | null): Promise<void> {
    if (!capture) throw new CoreError('internal_error', 'The server created a session but did not hand it over (no session cookie in the answer).')
    const key = this.#key(profileId, userId)
    await this.secrets.set(key, capture.value)
    await this.profiles.setSignedIn(profileId, { userId })
  }

  async #forget(profileId: string): Promise<void> {
    const ref = this.profiles.signedIn(profileId)
    if (ref) {
      const key = this.profiles.sessionKey(profileId, ref.userId)
      if (key) await this.secrets.delete(key)
    }
    await this.profiles.setSignedIn(profileId, null)
    this.#cachedAccounts.delete(profileId)
  }

  /**
   * Runs `call` with a client carrying the profile's stored session. When Appwrite says the
   * session is gone (401 other than an MFA demand), the profile is signed out here too and the
   * renderer is told, so no screen keeps showing an account we can no longer act for.
   */
  async withSession<T>(profileId: string, call: (client: AccountClient) => Promise<T>): Promise<T> {
    const client = await this.#authenticatedClient(profileId)
    if (!client) throw new CoreError('not_signed_in')
    try {
      return await call(client)
    } catch (error) {
      if (error instanceof AppwriteError && error.code === 401 && SESSION_GONE.has(error.type)) {
        await this.#forget(profileId)
        this.host.emit('authChanged', this.#signedOut(profileId))
      }
      throw error
    }
  }

  async #authenticatedClient(profileId: string): Promise<AccountClient | null> {
    const ref = this.profiles.signedIn(profileId)
    if (!ref) return null
    const value = await this.secrets.get(this.#key(profileId, ref.userId))
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
