/**
 * Appwrite Account API models and error types, as they travel on the wire.
 *
 * One fact in one place: the sandbox server builds these, the main-process
 * client parses them, and the renderer shows them (minus secrets).
 * Field lists follow docs/appwrite-behaviour.md §4.
 * Type-only module except for the constant tables, which have no dependencies.
 */

/** ISO-8601 with milliseconds and offset, e.g. `2020-10-15T06:38:00.000+00:00` (appwrite-behaviour §1.5). */
export type IsoDate = string

export type Preferences = Record<string, unknown>

export interface Target {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly name: string
  readonly userId: string
  /** `null` when absent (appwrite-behaviour §4). */
  readonly providerId: string | null
  readonly providerType: 'email' | 'sms' | 'push'
  readonly identifier: string
  readonly expired: boolean
}

/** The `Account` model: User minus password, hash and hashOptions. */
export interface User {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly name: string
  readonly registration: IsoDate
  readonly status: boolean
  readonly labels: readonly string[]
  /** `""` when the user never had a password. */
  readonly passwordUpdate: IsoDate | ''
  readonly email: string
  readonly phone: string
  readonly emailVerification: boolean
  /** 1.9.5+ e-mail metadata (appwrite-behaviour §12); optional because older servers omit them. */
  readonly emailCanonical?: string
  readonly emailIsFree?: boolean
  readonly emailIsDisposable?: boolean
  readonly emailIsCorporate?: boolean
  readonly emailIsCanonical?: boolean
  readonly phoneVerification: boolean
  readonly mfa: boolean
  readonly prefs: Preferences
  readonly targets: readonly Target[]
  readonly accessedAt: IsoDate
}

/** Device fields Appwrite derives from the User-Agent, on Session and Log (appwrite-behaviour §3.3, §4). */
export interface DeviceFields {
  readonly osCode: string
  readonly osName: string
  readonly osVersion: string
  readonly clientType: string
  readonly clientCode: string
  readonly clientName: string
  readonly clientVersion: string
  readonly clientEngine: string
  readonly clientEngineVersion: string
  readonly deviceName: string
  readonly deviceBrand: string
  readonly deviceModel: string
}

export interface Session extends DeviceFields {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly userId: string
  readonly expire: IsoDate
  readonly provider: string
  readonly providerUid: string
  readonly providerAccessToken: string
  readonly providerAccessTokenExpiry: IsoDate | ''
  readonly providerRefreshToken: string
  readonly ip: string
  readonly countryCode: string
  readonly countryName: string
  readonly current: boolean
  readonly factors: readonly string[]
  /** Sensitive: `""` for client callers (appwrite-behaviour §1.4). */
  readonly secret: string
  readonly mfaUpdatedAt: IsoDate | ''
}

export interface SessionList {
  readonly total: number
  readonly sessions: readonly Session[]
}

export interface Token {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly userId: string
  /** Sensitive: `""` for client callers. */
  readonly secret: string
  readonly expire: IsoDate
  readonly phrase: string
}

export interface Jwt {
  readonly jwt: string
}

export interface Log extends DeviceFields {
  readonly event: string
  readonly userId: string
  readonly userEmail: string
  readonly userName: string
  readonly mode: string
  readonly ip: string
  readonly time: IsoDate
  readonly countryCode: string
  readonly countryName: string
}

export interface LogList {
  readonly total: number
  readonly logs: readonly Log[]
}

export interface Identity {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly userId: string
  readonly provider: string
  readonly providerUid: string
  readonly providerEmail: string
  readonly providerAccessToken: string
  readonly providerAccessTokenExpiry: IsoDate | ''
  readonly providerRefreshToken: string
}

export interface IdentityList {
  readonly total: number
  readonly identities: readonly Identity[]
}

/**
 * A user's grant to a third-party app (2.x, appwrite-behaviour §13.5): `appId` for a registered app,
 * `cimdUrl` for a client identified by its metadata document (the other one is `""`).
 * `authorizationDetails` is JSON text (RFC 9396 entries); `expire` is `""` while unknown.
 */
export interface Oauth2Consent extends ConsentGrant {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
}

/** One token family of a consent: a device or session of the app (`expire`: its current access token). */
export interface Oauth2ConsentToken extends ConsentGrant {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly consentId: string
}

/** What a consent and each of its token families both say: who let which app in, for what. */
export interface ConsentGrant {
  readonly userId: string
  readonly appId: string
  readonly cimdUrl: string
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  readonly authorizationDetails: string
  readonly expire: IsoDate | ''
}

export interface Oauth2ConsentList {
  readonly total: number
  readonly consents: readonly Oauth2Consent[]
}

export interface Oauth2ConsentTokenList {
  readonly total: number
  readonly tokens: readonly Oauth2ConsentToken[]
}

export interface MfaType {
  readonly secret: string
  readonly uri: string
}

export interface MfaChallenge {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly userId: string
  readonly expire: IsoDate
}

export interface MfaRecoveryCodes {
  readonly recoveryCodes: readonly string[]
}

export interface MfaFactors {
  readonly totp: boolean
  readonly phone: boolean
  readonly email: boolean
  readonly recoveryCode: boolean
}

/** Second factors a challenge can be created for (appwrite-behaviour §6). */
export const MFA_FACTORS = ['email', 'phone', 'totp', 'recoverycode'] as const
export type MfaFactor = (typeof MFA_FACTORS)[number]

/** Error JSON as Appwrite sends it (appwrite-behaviour §2). */
export interface AppwriteErrorBody {
  readonly message: string
  readonly code: number
  readonly type: string
  readonly version: string
}

/**
 * Every error type an Account route can return, with its HTTP status (appwrite-behaviour §2, 1.9 where it
 * differs: `user_blocked` is 403 there, see §12). Codes outside Appwrite's pass-through list are
 * sent as 500 while keeping the type.
 */
export const ACCOUNT_ERROR_TYPES = {
  general_argument_invalid: 400,
  general_bad_request: 400,
  general_query_invalid: 400,
  general_cursor_not_found: 400,
  general_unauthorized_scope: 401,
  general_rate_limit_exceeded: 429,
  general_smtp_disabled: 503,
  general_phone_disabled: 503,
  general_unknown_origin: 403,
  general_service_disabled: 403,
  general_api_disabled: 403,
  general_route_not_found: 404,
  general_server_error: 500,
  project_not_found: 404,
  project_provider_disabled: 412,
  project_provider_unsupported: 400,
  project_invalid_success_url: 400,
  project_invalid_failure_url: 400,
  user_already_exists: 409,
  user_email_already_exists: 409,
  user_phone_already_exists: 409,
  user_target_already_exists: 409,
  user_invalid_credentials: 401,
  user_blocked: 403,
  user_invalid_token: 401,
  user_session_already_exists: 401,
  user_session_not_found: 404,
  user_not_found: 404,
  user_unauthorized: 401,
  user_more_factors_required: 401,
  user_challenge_required: 401,
  user_password_reset_required: 412,
  password_recently_used: 400,
  password_personal_data: 400,
  user_count_exceeded: 400,
  user_auth_method_unsupported: 501,
  user_jwt_invalid: 401,
  user_jwt_and_cookie_set: 403,
  user_jwt_creation_denied: 401,
  user_key_and_session_set: 403,
  user_email_not_found: 400,
  user_phone_not_found: 400,
  user_email_already_verified: 409,
  user_phone_already_verified: 409,
  user_email_not_verified: 400,
  user_phone_not_verified: 400,
  user_identity_not_found: 404,
  // Appwrite's type names for a missing consent or token family are not published; these are the
  // sandbox's (appwrite-behaviour §13.5), and the console treats any 404 on these routes alike.
  consent_not_found: 404,
  consent_token_not_found: 404,
  // 2.x ID-token sessions; Appwrite's HTTP code for it is not confirmed, 401 is its design note's.
  user_oauth2_token_invalid: 401,
  user_target_not_found: 404,
  user_recovery_codes_already_exists: 409,
  user_recovery_codes_not_found: 404,
  user_authenticator_not_found: 404,
  user_authenticator_already_verified: 409,
  user_missing_id: 400,
  user_oauth2_provider_error: 500,
  user_oauth2_bad_request: 400,
  user_oauth2_unauthorized: 401,
} as const satisfies Record<string, number>

export type AccountErrorType = keyof typeof ACCOUNT_ERROR_TYPES

/**
 * One message in the local sandbox's outbox (its in-process `outbox()`, or `GET /v1/dev/outbox` of `npm run server` with the dev key; sandbox only — not an
 * Appwrite route). Newest first in `OutboxList.messages`.
 */
export interface OutboxMessage {
  readonly $id: string
  readonly channel: 'email' | 'sms'
  readonly to: string
  readonly subject: string
  readonly body: string
  readonly createdAt: IsoDate
}

export interface OutboxList {
  readonly total: number
  readonly messages: readonly OutboxMessage[]
}
