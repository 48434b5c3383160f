/**
 * One typed method per Account route in Appwrite's REST reference and node-appwrite typings, named and shaped
 * like the official web SDK 27 (object parameters). Paths are the ones SDK 27 calls (plural
 * `/account/jwts`, `/account/mfa/challenges`, `/account/verifications/*`); Appwrite ≥ 1.8.1 and
 * the sandbox also answer the singular spellings (appwrite-behaviour §3.2, "Path history").
 *
 * Session-creating methods hand back the captured session and leave the client's own session
 * untouched: the caller decides whether to store it and call `setSession` (the app keeps the
 * value in the OS keychain, appwrite-behaviour §1.4).
 */
import type {
  IdentityList,
  Jwt,
  LogList,
  MfaChallenge,
  MfaFactors,
  MfaRecoveryCodes,
  MfaType,
  Oauth2Consent,
  Oauth2ConsentList,
  Oauth2ConsentToken,
  Oauth2ConsentTokenList,
  Preferences,
  Session,
  SessionList,
  Target,
  Token,
  User,
} from '../../../src-shared/appwrite'
import { OAUTH_PROVIDERS } from '../../../src-shared/appwrite-rules'
import { captureSession, type SessionCapture } from './session-capture'
import type { HttpMethod, Params, Transport } from './transport'
import { AppwriteError } from './errors'

export { OAUTH_PROVIDERS }
/** A known provider, or any other name a server may have enabled (e.g. Appwrite's hidden `mock`). */
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number] | (string & Record<never, never>)

export type AuthenticatorType = 'totp'
/**
 * Factors accepted by `createMfaChallenge`. The SDK enum sends `recoverycode`, the only spelling
 * Appwrite ≤ 1.8.1 completes (appwrite-behaviour §6); `recoveryCode` is accepted by 1.9.
 */
export type AuthenticationFactor = 'email' | 'phone' | 'totp' | 'recoverycode' | 'recoveryCode'

/** What a session-creating call returns: the Session model and the session value from the response headers. */
export interface CreatedSession {
  readonly session: Session
  /** `null` when the response carried neither `Set-Cookie` nor `X-Fallback-Cookies` for this project. */
  readonly capture: SessionCapture | null
}

export interface ListParams {
  /** JSON query strings (see `Query`). */
  readonly queries?: readonly string[]
  /** `false` asks the server not to count (the list's `total` is then 0). */
  readonly total?: boolean
}

export interface OAuth2Params {
  readonly provider: OAuthProvider
  readonly success?: string
  readonly failure?: string
  readonly scopes?: readonly string[]
}

type SessionIdParam = { readonly sessionId: string } | string

export interface AccountClient {
  readonly endpoint: string
  readonly projectId: string

  /** The session value (`X-Appwrite-Session`) used by every later request; `null` for guest requests. */
  setSession(value: string | null): void
  /** For core only: never hand this to the renderer. */
  getSessionValue(): string | null
  /** `X-Appwrite-JWT` for every later request. Appwrite 1.9 refuses a JWT together with a session (`user_jwt_and_cookie_set`). */
  setJwt(jwt: string | null): void
  setLocale(locale: string | null): void

  // Account
  get(): Promise<User>
  create(params: { userId: string; email: string; password: string; name?: string }): Promise<User>
  updateEmail(params: { email: string; password: string }): Promise<User>
  updateName(params: { name: string }): Promise<User>
  updatePassword(params: { password: string; oldPassword?: string }): Promise<User>
  updatePhone(params: { phone: string; password: string }): Promise<User>
  getPrefs(): Promise<Preferences>
  updatePrefs(params: { prefs: Preferences }): Promise<User>
  updateStatus(): Promise<User>

  // Identities, JWT, logs
  listIdentities(params?: ListParams): Promise<IdentityList>
  deleteIdentity(params: { identityId: string }): Promise<void>
  createJWT(params?: { duration?: number }): Promise<Jwt>
  listLogs(params?: ListParams): Promise<LogList>

  // MFA
  updateMFA(params: { mfa: boolean }): Promise<User>
  createMfaAuthenticator(params: { type: AuthenticatorType }): Promise<MfaType>
  updateMfaAuthenticator(params: { type: AuthenticatorType; otp: string }): Promise<User>
  /** `otp` is listed by the REST reference for older servers; newer servers ignore it. */
  deleteMfaAuthenticator(params: { type: AuthenticatorType; otp?: string }): Promise<void>
  createMfaChallenge(params: { factor: AuthenticationFactor }): Promise<MfaChallenge>
  /** Completes the challenge; the current session gains the factor (no new cookie). */
  updateMfaChallenge(params: { challengeId: string; otp: string }): Promise<Session>
  listMfaFactors(): Promise<MfaFactors>
  getMfaRecoveryCodes(): Promise<MfaRecoveryCodes>
  createMfaRecoveryCodes(): Promise<MfaRecoveryCodes>
  updateMfaRecoveryCodes(): Promise<MfaRecoveryCodes>

  // Recovery
  createRecovery(params: { email: string; url: string }): Promise<Token>
  updateRecovery(params: { userId: string; secret: string; password: string }): Promise<Token>
  /** 2.3.x: a 6-digit code by e-mail instead of a link (appwrite-behaviour §13.2). */
  createRecoveryOTP(params: { email: string; phrase?: boolean }): Promise<Token>
  updateRecoveryOTP(params: { userId: string; secret: string; password: string }): Promise<Token>

  // Sessions
  listSessions(): Promise<SessionList>
  deleteSessions(): Promise<void>
  createAnonymousSession(): Promise<CreatedSession>
  createEmailPasswordSession(params: { email: string; password: string }): Promise<CreatedSession>
  /** Deprecated by Appwrite since 1.6 (`PUT /account/sessions/magic-url`); same as `createSession`. */
  updateMagicURLSession(params: { userId: string; secret: string }): Promise<CreatedSession>
  /** Deprecated by Appwrite since 1.6 (`PUT /account/sessions/phone`); same as `createSession`. */
  updatePhoneSession(params: { userId: string; secret: string }): Promise<CreatedSession>
  /** Token (magic URL, e-mail OTP, phone OTP, OAuth2 token flow) → session. */
  createSession(params: { userId: string; secret: string }): Promise<CreatedSession>
  /** URL of the OAuth2 session flow, to open in the system browser. Nothing is requested. */
  createOAuth2Session(params: OAuth2Params): string
  /**
   * Asks the OAuth2 start URL (session or token flow) whether the server would send a browser on
   * to the provider. Resolves when it would (a redirect); throws the server's refusal as an
   * AppwriteError — a disabled or unsupported provider, a redirect URL it does not accept —
   * which Appwrite answers as an HTML page with the status (appwrite-behaviour §2, §7.1).
   */
  checkOAuth2Start(url: string): Promise<void>
  getSession(params: SessionIdParam): Promise<Session>
  updateSession(params: SessionIdParam): Promise<Session>
  /** `current` logs out this device on the server; the caller clears its own stored value. */
  deleteSession(params: SessionIdParam): Promise<void>

  // Push targets
  createPushTarget(params: { targetId: string; identifier: string; providerId?: string }): Promise<Target>
  updatePushTarget(params: { targetId: string; identifier: string }): Promise<Target>
  deletePushTarget(params: { targetId: string }): Promise<void>

  // Tokens
  createEmailToken(params: { userId: string; email: string; phrase?: boolean }): Promise<Token>
  createMagicURLToken(params: { userId: string; email: string; url?: string; phrase?: boolean }): Promise<Token>
  /** URL of the OAuth2 token flow, to open in the system browser. Nothing is requested. */
  createOAuth2Token(params: OAuth2Params): string
  createPhoneToken(params: { userId: string; phone: string }): Promise<Token>

  // Verification
  createEmailVerification(params: { url: string }): Promise<Token>
  updateEmailVerification(params: { userId: string; secret: string }): Promise<Token>
  createPhoneVerification(): Promise<Token>
  updatePhoneVerification(params: { userId: string; secret: string }): Promise<Token>
  /** 2.2.x: a 6-digit code instead of a link (appwrite-behaviour §13.3). */
  createEmailVerificationOTP(params?: { phrase?: boolean }): Promise<Token>
  updateEmailVerificationOTP(params: { userId: string; secret: string }): Promise<Token>

  // OAuth2 consents: third-party apps the user let in (2.x, appwrite-behaviour §13.5)
  listConsents(params?: ListParams): Promise<Oauth2ConsentList>
  getConsent(params: { consentId: string }): Promise<Oauth2Consent>
  deleteConsent(params: { consentId: string }): Promise<void>
  listConsentTokens(params: { consentId: string } & ListParams): Promise<Oauth2ConsentTokenList>
  getConsentToken(params: { consentId: string; tokenId: string }): Promise<Oauth2ConsentToken>
  deleteConsentToken(params: { consentId: string; tokenId: string }): Promise<void>

  // Health (not an Account route; public, appwrite-behaviour §13.1)
  /** `GET /health/version`: the version the server reports, e.g. `1.9.6` or `2.3.0`. */
  getServerVersion(): Promise<{ version: string }>
}

export interface AccountState {
  session: string | null
  jwt: string | null
  locale: string | null
}

/**
 * The refusal of an OAuth2 start route as an AppwriteError. Appwrite answers these routes' errors
 * with an HTML page (appwrite-behaviour §2), so the type is read from JSON when there is some, else
 * from the page if it names one, else from the status: 412 is only ever project_provider_disabled
 * there (§7.1), a 400 is a parameter it refused (an unknown provider, a redirect URL it does not accept).
 */
export function oauthStartRefusal(answer: { readonly status: number; readonly contentType: string; readonly text: string }): AppwriteError {
  const { status, text } = answer
  if (answer.contentType.includes('application/json')) {
    try {
      const body = JSON.parse(text) as { message?: unknown; type?: unknown; code?: unknown }
      if (typeof body.type === 'string' && body.type !== '') {
        return new AppwriteError(
          typeof body.message === 'string' ? body.message : `HTTP ${status}`,
          typeof body.code === 'number' ? body.code : status,
          body.type,
          text,
        )
      }
    } catch {
      // Not JSON after all: read it as a page.
    }
  }
  const named = /\b((?:project|general|user|router)_[a-z0-9_]{3,60})\b/.exec(text)?.[1]
  const type =
    named ?? (status === 412 ? 'project_provider_disabled' : status === 400 ? 'general_argument_invalid' : status >= 500 ? 'general_server_error' : 'unknown')
  const paragraph = /<p>([^<]{1,300})<\/p>/.exec(text)?.[1]?.trim()
  const message = paragraph ? decodeEntities(paragraph) : `The server refused to start the sign-in (HTTP ${status}).`
  return new AppwriteError(message, status, type, text.slice(0, 2000))
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,5});/gi, (whole, entity: string) => {
    const code =
      entity.startsWith('#x') || entity.startsWith('#X') ? Number.parseInt(entity.slice(2), 16) : entity.startsWith('#') ? Number(entity.slice(1)) : -1
    if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    return named[entity.toLowerCase()] ?? whole
  })
}

function segment(value: string): string {
  return encodeURIComponent(value)
}

function sessionIdOf(params: SessionIdParam): string {
  return typeof params === 'string' ? params : params.sessionId
}

export function buildAccountClient(transport: Transport, projectId: string, state: AccountState): AccountClient {
  const call = async <T>(method: HttpMethod, path: string, params: Params = {}): Promise<T> => {
    const response = await transport.request(method, path, params)
    return response.body as T
  }
  const callVoid = async (method: HttpMethod, path: string, params: Params = {}): Promise<void> => {
    await transport.request(method, path, params)
  }
  const callSession = async (method: HttpMethod, path: string, params: Params = {}): Promise<CreatedSession> => {
    const response = await transport.request(method, path, params)
    return {
      session: response.body as Session,
      capture: captureSession(response, projectId),
    }
  }
  const list = (params: ListParams = {}): Params => ({ queries: params.queries, total: params.total })
  const oauthUrl = (flow: 'sessions' | 'tokens', params: OAuth2Params): string =>
    transport.url(`/account/${flow}/oauth2/${segment(params.provider)}`, {
      success: params.success,
      failure: params.failure,
      scopes: params.scopes,
      // A browser carries no headers of ours: the project goes in the query (appwrite-behaviour §1.1, §7.1).
      project: projectId,
    })

  const mfa = {
    createAuthenticator: (params: { type: AuthenticatorType }): Promise<MfaType> =>
      call<MfaType>('POST', `/account/mfa/authenticators/${segment(params.type)}`),
    updateAuthenticator: (params: { type: AuthenticatorType; otp: string }): Promise<User> =>
      call<User>('PUT', `/account/mfa/authenticators/${segment(params.type)}`, { otp: params.otp }),
    deleteAuthenticator: (params: { type: AuthenticatorType; otp?: string }): Promise<void> =>
      callVoid('DELETE', `/account/mfa/authenticators/${segment(params.type)}`, { otp: params.otp }),
    createChallenge: (params: { factor: AuthenticationFactor }): Promise<MfaChallenge> =>
      call<MfaChallenge>('POST', '/account/mfa/challenges', { factor: params.factor }),
    updateChallenge: (params: { challengeId: string; otp: string }): Promise<Session> =>
      call<Session>('PUT', '/account/mfa/challenges', { challengeId: params.challengeId, otp: params.otp }),
    listFactors: (): Promise<MfaFactors> => call<MfaFactors>('GET', '/account/mfa/factors'),
    getRecoveryCodes: (): Promise<MfaRecoveryCodes> => call<MfaRecoveryCodes>('GET', '/account/mfa/recovery-codes'),
    createRecoveryCodes: (): Promise<MfaRecoveryCodes> => call<MfaRecoveryCodes>('POST', '/account/mfa/recovery-codes'),
    updateRecoveryCodes: (): Promise<MfaRecoveryCodes> => call<MfaRecoveryCodes>('PATCH', '/account/mfa/recovery-codes'),
  }
  const emailVerification = {
    create: (params: { url: string }): Promise<Token> => call<Token>('POST', '/account/verifications/email', { url: params.url }),
    update: (params: { userId: string; secret: string }): Promise<Token> =>
      call<Token>('PUT', '/account/verifications/email', { userId: params.userId, secret: params.secret }),
  }

  return {
    endpoint: transport.endpoint,
    projectId,

    setSession: (value) => {
      state.session = value === '' ? null : value
    },
    getSessionValue: () => state.session,
    setJwt: (jwt) => {
      state.jwt = jwt === '' ? null : jwt
    },
    setLocale: (locale) => {
      state.locale = locale === '' ? null : locale
    },

    get: () => call<User>('GET', '/account'),
    create: (params) =>
      call<User>('POST', '/account', {
        userId: params.userId,
        email: params.email,
        password: params.password,
        name: params.name,
      }),
    updateEmail: (params) => call<User>('PATCH', '/account/email', { email: params.email, password: params.password }),
    updateName: (params) => call<User>('PATCH', '/account/name', { name: params.name }),
    updatePassword: (params) => call<User>('PATCH', '/account/password', { password: params.password, oldPassword: params.oldPassword }),
    updatePhone: (params) => call<User>('PATCH', '/account/phone', { phone: params.phone, password: params.password }),
    getPrefs: () => call<Preferences>('GET', '/account/prefs'),
    updatePrefs: (params) => call<User>('PATCH', '/account/prefs', { prefs: params.prefs }),
    updateStatus: () => call<User>('PATCH', '/account/status'),

    listIdentities: (params) => call<IdentityList>('GET', '/account/identities', list(params)),
    deleteIdentity: (params) => callVoid('DELETE', `/account/identities/${segment(params.identityId)}`),
    createJWT: (params = {}) => call<Jwt>('POST', '/account/jwts', { duration: params.duration }),
    listLogs: (params) => call<LogList>('GET', '/account/logs', list(params)),

    updateMFA: (params) => call<User>('PATCH', '/account/mfa', { mfa: params.mfa }),
    createMfaAuthenticator: mfa.createAuthenticator,
    updateMfaAuthenticator: mfa.updateAuthenticator,
    deleteMfaAuthenticator: mfa.deleteAuthenticator,
    createMfaChallenge: mfa.createChallenge,
    updateMfaChallenge: mfa.updateChallenge,
    listMfaFactors: mfa.listFactors,
    getMfaRecoveryCodes: mfa.getRecoveryCodes,
    createMfaRecoveryCodes: mfa.createRecoveryCodes,
    updateMfaRecoveryCodes: mfa.updateRecoveryCodes,

    createRecovery: (params) => call<Token>('POST', '/account/recovery', { email: params.email, url: params.url }),
    updateRecovery: (params) =>
      call<Token>('PUT', '/account/recovery', {
        userId: params.userId,
        secret: params.secret,
        password: params.password,
      }),
    createRecoveryOTP: (params) => call<Token>('POST', '/account/recovery/otp', { email: params.email, phrase: params.phrase }),
    updateRecoveryOTP: (params) => call<Token>('PUT', '/account/recovery/otp', { userId: params.userId, secret: params.secret, password: params.password }),

    listSessions: () => call<SessionList>('GET', '/account/sessions'),
    deleteSessions: () => callVoid('DELETE', '/account/sessions'),
    createAnonymousSession: () => callSession('POST', '/account/sessions/anonymous'),
    createEmailPasswordSession: (params) => callSession('POST', '/account/sessions/email', { email: params.email, password: params.password }),
    updateMagicURLSession: (params) => callSession('PUT', '/account/sessions/magic-url', { userId: params.userId, secret: params.secret }),
    updatePhoneSession: (params) => callSession('PUT', '/account/sessions/phone', { userId: params.userId, secret: params.secret }),
    createSession: (params) => callSession('POST', '/account/sessions/token', { userId: params.userId, secret: params.secret }),
    createOAuth2Session: (params) => oauthUrl('sessions', params),
    async checkOAuth2Start(url) {
      const answer = await transport.peek(url)
      if (answer.status >= 300 && answer.status < 400) return
      throw oauthStartRefusal(answer)
    },
    getSession: (params) => call<Session>('GET', `/account/sessions/${segment(sessionIdOf(params))}`),
    updateSession: (params) => call<Session>('PATCH', `/account/sessions/${segment(sessionIdOf(params))}`),
    deleteSession: (params) => callVoid('DELETE', `/account/sessions/${segment(sessionIdOf(params))}`),

    createPushTarget: (params) =>
      call<Target>('POST', '/account/targets/push', {
        targetId: params.targetId,
        identifier: params.identifier,
        providerId: params.providerId,
      }),
    updatePushTarget: (params) => call<Target>('PUT', `/account/targets/${segment(params.targetId)}/push`, { identifier: params.identifier }),
    deletePushTarget: (params) => callVoid('DELETE', `/account/targets/${segment(params.targetId)}/push`),

    createEmailToken: (params) =>
      call<Token>('POST', '/account/tokens/email', {
        userId: params.userId,
        email: params.email,
        phrase: params.phrase,
      }),
    createMagicURLToken: (params) =>
      call<Token>('POST', '/account/tokens/magic-url', {
        userId: params.userId,
        email: params.email,
        url: params.url,
        phrase: params.phrase,
      }),
    createOAuth2Token: (params) => oauthUrl('tokens', params),
    createPhoneToken: (params) => call<Token>('POST', '/account/tokens/phone', { userId: params.userId, phone: params.phone }),

    createEmailVerification: emailVerification.create,
    updateEmailVerification: emailVerification.update,
    createPhoneVerification: () => call<Token>('POST', '/account/verifications/phone'),
    updatePhoneVerification: (params) => call<Token>('PUT', '/account/verifications/phone', { userId: params.userId, secret: params.secret }),
    createEmailVerificationOTP: (params = {}) => call<Token>('POST', '/account/verifications/email/otp', { phrase: params.phrase }),
    updateEmailVerificationOTP: (params) => call<Token>('PUT', '/account/verifications/email/otp', { userId: params.userId, secret: params.secret }),

    listConsents: (params) => call<Oauth2ConsentList>('GET', '/account/consents', list(params)),
    getConsent: (params) => call<Oauth2Consent>('GET', `/account/consents/${segment(params.consentId)}`),
    deleteConsent: (params) => callVoid('DELETE', `/account/consents/${segment(params.consentId)}`),
    listConsentTokens: (params) => call<Oauth2ConsentTokenList>('GET', `/account/consents/${segment(params.consentId)}/tokens`, list(params)),
    getConsentToken: (params) => call<Oauth2ConsentToken>('GET', `/account/consents/${segment(params.consentId)}/tokens/${segment(params.tokenId)}`),
    deleteConsentToken: (params) => callVoid('DELETE', `/account/consents/${segment(params.consentId)}/tokens/${segment(params.tokenId)}`),

    getServerVersion: () => call<{ version: string }>('GET', '/health/version'),
  }
}
