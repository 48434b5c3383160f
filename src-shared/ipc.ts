/**
 * The one contract between the renderer and the main process.
 *
 * - `Api` is what `window.api` looks like in the renderer.
 * - `API_METHODS` / `API_EVENTS` are the runtime lists the preload builds that object from, and
 *   the main process registers handlers for; the mapped types below make the compiler reject a
 *   method that is in one and not the other.
 * - No DTO here carries a session secret, a token secret, a JWT cookie or a keychain value.
 *
 * Every method takes at most one argument (a plain object) and resolves to a `Result`: errors are
 * values that keep Appwrite's `type`, `code` and message so the renderer can say something precise.
 */
import type { Identity, IsoDate, Log, MfaChallenge, MfaFactor, MfaFactors, MfaRecoveryCodes, MfaType, Preferences, Session, Target, User } from './appwrite'
import type { SandboxSettingsDTO, SandboxSettingsPatch } from './sandbox-settings'

export type { SandboxSettingsDTO, SandboxSettingsPatch, SandboxProviderDTO, SandboxProviderInput, SandboxAuthMethod } from './sandbox-settings'

export interface ApiError {
  /** Appwrite's error type (`user_invalid_credentials`…) or one of ours (`network_error`, `invalid_argument`, …). */
  readonly type: string
  /** HTTP status for Appwrite errors, 0 when there was no answer. */
  readonly code: number
  readonly message: string
}

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiError }

/** Errors that do not come from Appwrite. */
export const LOCAL_ERROR_TYPES = {
  network_error: 'The server could not be reached.',
  response_too_large: 'The server’s answer was larger than this app reads, so it was not used.',
  invalid_argument: 'The request was not valid.',
  no_profile: 'That profile does not exist.',
  not_signed_in: 'You are not signed in.',
  keychain_error: 'The system keychain refused the request.',
  flow_not_found: 'That sign-in link or code request is not (or no longer) waiting in this app.',
  flow_expired: 'That sign-in link or code has expired. Start again.',
  not_sandbox: 'This is only available for the local sandbox.',
  cancelled: 'Cancelled.',
  internal_error: 'Something went wrong inside the app.',
} as const
export type LocalErrorType = keyof typeof LOCAL_ERROR_TYPES

/**
 * How links from Appwrite come back to the app (issue #4): our own scheme `account-console://`,
 * Appwrite's native-app scheme `appwrite-callback-<projectId>://`, or a one-shot listener on
 * 127.0.0.1 (RFC 8252 §7.3).
 */
export type RedirectStrategy = 'scheme' | 'appwrite-callback' | 'loopback'
export const REDIRECT_STRATEGIES: readonly RedirectStrategy[] = ['scheme', 'appwrite-callback', 'loopback']

/** A saved connection to an Appwrite project. Holds no secret. */
export interface ProfileDTO {
  readonly id: string
  readonly label: string
  readonly endpoint: string
  readonly projectId: string
  /** `sandbox` is the built-in local sandbox profile; it cannot be removed. */
  readonly kind: 'sandbox' | 'remote'
  readonly redirectStrategy: RedirectStrategy
  /** OAuth2 providers offered on the sign-in screen, e.g. `['github', 'oidc']`. */
  readonly oauthProviders: readonly string[]
  /** Sign-in alerts raise no desktop notification and no banner (the history still records them). Absent = false. */
  readonly alertsMuted?: boolean
}

/**
 * What a server offers beyond the Account API every supported Appwrite has (appwrite-behaviour §13).
 * Screens and flows ask these, never the version string.
 */
export interface ServerCapabilities {
  /** `POST|PUT /account/recovery/otp`: a 6-digit code instead of a recovery link (2.3.x). */
  readonly recoveryByCode: boolean
  /** `POST|PUT /account/verifications/email/otp` (2.2.x). */
  readonly verificationByCode: boolean
  /** `/account/consents…`: third-party apps with access (2.x). */
  readonly consents: boolean
  /** `POST /account/sessions/id-token` (2.1.x). */
  readonly idTokenSessions: boolean
  /**
   * `GET /account/logs` answers. Gone in 2.x and in self-hosted builds after mid-2026, so it is
   * learnt from the route itself once signed in (appwrite-behaviour §13.8).
   */
  readonly accountLogs: boolean
}

/** What the console knows of a profile's server, cached with the profile and asked again at sign-in. */
export interface ServerInfoDTO {
  /** As the server reports it (`GET /v1/health/version`, or an error body), e.g. `1.9.6`; '' when never reached. */
  readonly version: string
  readonly capabilities: ServerCapabilities
  /** When the server was last asked; '' when never. */
  readonly checkedAt: IsoDate | ''
}

export interface KeychainStatus {
  /** `keychain` when the OS keychain answered the start-up probe, `memory` otherwise. */
  readonly kind: 'keychain' | 'memory'
  /** Why we fell back to memory, in words a person understands. */
  readonly reason: string
  /**
   * The keychain worked at start-up and fails now (locked, daemon gone): sessions wait in memory
   * and are written to it as soon as it answers (docs/reliability.md §4).
   */
  readonly retrying?: boolean
}

export interface AppStatus {
  readonly version: string
  readonly keychain: KeychainStatus
  readonly profiles: readonly ProfileDTO[]
  readonly activeProfileId: string
}

/** The account as the renderer sees it: Appwrite's Account model, which carries no secret. */
export type AccountDTO = User

/**
 * `mfa-required`: a session exists but Appwrite answers `user_more_factors_required` (appwrite-behaviour §6);
 * the renderer shows the challenge step with the factors in `mfaFactors`.
 */
export type AuthStatus = 'signed-out' | 'signed-in' | 'offline' | 'mfa-required'

export interface AuthState {
  readonly profileId: string
  readonly status: AuthStatus
  /** Present when signed in (or offline with a cached account). */
  readonly account: AccountDTO | null
  /** Second factors the user can complete, when status is `mfa-required`. */
  readonly mfaFactors?: MfaFactors | null
  /** The session is in the keychain (kept across restarts) rather than in memory only. */
  readonly remembered?: boolean
}

/**
 * What the window needs before its first screen, in one answer: the app status and the active
 * profile's auth state (its stored session checked against the server). `auth` is a Result of its
 * own, so a failed session check still lets the window start and say what went wrong.
 */
export interface Startup {
  readonly status: AppStatus
  readonly auth: Result<AuthState>
  /** What main found wrong while starting (e.g. profiles restored from the last good copy), told once. */
  readonly notices: readonly Notice[]
}

export interface Notice {
  readonly level: 'info' | 'warning' | 'error'
  readonly message: string
  /** A button to show with it; `start-sign-in` opens the sign-in screen (a link came too late). */
  readonly action?: NoticeAction
  /**
   * `session-ended`: why this profile was just signed out by something that happened elsewhere
   * (deleted from another device, evicted, expired, blocked). The window keeps it on screen
   * rather than in a toast that goes by itself: a sign-out is never silent (issue 15 item 5).
   */
  readonly topic?: 'session-ended'
}

export type NoticeAction = 'start-sign-in'

/**
 * Flows that leave the app (a mail, an SMS, the browser) and come back by link or code.
 * `recovery-code`: password recovery by an e-mailed code, on servers that offer it (2.3.x).
 * `verify-email-code`: e-mail verification by an e-mailed code, on servers that offer it (2.2.x).
 */
export type FlowKind = 'magic-url' | 'oauth' | 'recovery' | 'recovery-code' | 'verify-email' | 'verify-email-code' | 'email-otp' | 'phone-otp' | 'verify-phone'
export type FlowStatus = 'pending' | 'needs-password' | 'completed' | 'failed' | 'expired' | 'cancelled'

/**
 * A pending flow as the renderer sees it. `flowId` is NOT the one-time nonce carried in the link
 * (that stays in main); it only names the flow between renderer and main.
 */
export interface FlowDTO {
  readonly flowId: string
  readonly profileId: string
  readonly kind: FlowKind
  readonly status: FlowStatus
  readonly expiresAt: IsoDate
  /** Appwrite's security phrase, when one was requested, to compare with the mail. */
  readonly phrase?: string
  /** Where the mail or SMS went (as typed by the user). */
  readonly destination?: string
  /**
   * For OAuth: where the system browser was sent (origin and path only; the query carries the
   * return link's nonce, which stays in main). `auth.copyFlowUrl` copies the full URL from main.
   */
  readonly address?: string
  /** Why it failed or expired, in words. */
  readonly message?: string
}

/** Sessions and identities without the OAuth provider's tokens (the renderer never needs them). */
export type SessionDTO = Omit<Session, 'secret' | 'providerAccessToken' | 'providerRefreshToken'>
export type IdentityDTO = Omit<Identity, 'providerAccessToken' | 'providerRefreshToken'>

/**
 * One RFC 9396 authorization detail of a consent, made readable in main: its `type` and the other
 * fields as text (arrays joined). Fields whose names look secret-like never come here.
 */
export interface AuthorizationDetailDTO {
  readonly type: string
  readonly fields: readonly { readonly name: string; readonly value: string }[]
}

/**
 * A third-party app the user let in (Appwrite 2.x OAuth2 consent, appwrite-behaviour §13.5), built
 * field by field in main: no token, secret or anything the model may grow later reaches the window.
 * `appId` for a registered app, `cimdUrl` for one named by its metadata document ('' otherwise).
 */
export interface ConsentDTO {
  readonly $id: string
  readonly $createdAt: IsoDate
  readonly $updatedAt: IsoDate
  readonly appId: string
  readonly cimdUrl: string
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  readonly authorizationDetails: readonly AuthorizationDetailDTO[]
  /** '' while the server gives none. */
  readonly expire: IsoDate | ''
}

/** One token family of a consent: a device or session of the app, without any token. */
export interface ConsentTokenDTO {
  readonly $id: string
  readonly consentId: string
  readonly $createdAt: IsoDate
  /** Moves on each refresh: when the app last renewed its access. */
  readonly $updatedAt: IsoDate
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  /** When the family's current access token expires; '' when not given. */
  readonly expire: IsoDate | ''
}

/** Which account field an `account` change is about (Appwrite's `users.<id>.update.<field>`). */
export type LiveAccountField = 'name' | 'email' | 'phone' | 'password' | 'prefs' | 'status' | 'mfa'
/** Account resources whose changes arrive with only their id. */
export type LiveResource = 'identities' | 'targets' | 'tokens' | 'recovery' | 'verification' | 'challenges'
export type LiveAction = 'create' | 'update' | 'delete'

/**
 * One account event from Appwrite Realtime (channel `account`), reduced to what a screen needs.
 * Payloads that can hold secrets (MFA secrets and recovery codes, provider tokens) never pass.
 */
export type LiveChange =
  | { readonly kind: 'session'; readonly action: LiveAction; readonly session: SessionDTO; readonly thisDevice: boolean }
  /** `account` is null when the event carried no account model (e.g. MFA recovery codes). */
  | { readonly kind: 'account'; readonly field: LiveAccountField; readonly account: AccountDTO | null }
  | { readonly kind: 'account-deleted' }
  | { readonly kind: 'resource'; readonly resource: LiveResource; readonly action: LiveAction; readonly id: string }

export interface LiveEventDTO {
  readonly profileId: string
  /** When Appwrite sent it. */
  readonly timestamp: IsoDate
  /** Appwrite's most specific event name, e.g. `users.<id>.update.prefs`. */
  readonly event: string
  readonly change: LiveChange
}

/**
 * `live`: subscribed and authenticated; `connecting`: opening or waiting to retry (`retryInMs`);
 * `paused`: the machine is offline, resumed when it is back; `stopped`: signed out.
 */
export interface LiveStatusDTO {
  readonly profileId: string
  readonly state: 'connecting' | 'live' | 'paused' | 'stopped'
  readonly retryInMs?: number
}

/**
 * What a sign-in alert is about (issue 15 item 4): a session created on another device, or the
 * password or e-mail changed, two-step sign-in turned off, or the account blocked — each by
 * something other than this app.
 */
export type AlertKind = 'sign-in' | 'password' | 'email' | 'mfa-off' | 'blocked'
export const ALERT_KINDS: readonly AlertKind[] = ['sign-in', 'password', 'email', 'mfa-off', 'blocked']

export interface AlertDTO {
  /** Names the alert between main and the window; not an Appwrite id. */
  readonly id: string
  readonly profileId: string
  readonly kind: AlertKind
  /** When the server said it happened (the event's time). */
  readonly time: IsoDate
  /** For `sign-in`: the new session, without secrets — its id, browser/app, OS, device, IP and country. */
  readonly session?: SessionDTO
  /** For `email`: the address the account has now. */
  readonly email?: string
  /** The profile had alerts muted: recorded in the history, no notification, no banner. */
  readonly muted: boolean
}

/** A profile's recent alerts, newest first (at most `ALERT_HISTORY_LIMIT`), and its mute setting. */
export interface AlertHistoryDTO {
  readonly muted: boolean
  readonly alerts: readonly AlertDTO[]
}
export const ALERT_HISTORY_LIMIT = 20

export interface MailboxMessageDTO {
  readonly id: string
  readonly channel: 'email' | 'sms'
  readonly to: string
  readonly subject: string
  /** The body with every link replaced by `[link N]`: link secrets stay in main. */
  readonly body: string
  readonly createdAt: IsoDate
  readonly links: readonly { readonly index: number; readonly label: string }[]
}

export type SecuritySeverity = 'good' | 'info' | 'warning' | 'risk'
export interface SecurityFinding {
  readonly id: string
  readonly severity: SecuritySeverity
  readonly title: string
  readonly detail: string
  /** The one-click fix: a route name in the renderer, or a contract method the screen calls. */
  readonly action?: { readonly label: string; readonly route: string }
}
export interface SecurityOverview {
  readonly findings: readonly SecurityFinding[]
  readonly emailVerified: boolean
  readonly phoneVerified: boolean
  readonly mfaEnabled: boolean
  readonly mfaFactors: MfaFactors
  readonly sessionCount: number
  readonly countryCount: number
  readonly deviceCount: number
  readonly passwordUpdatedAt: IsoDate | ''
  /** `null`: the server keeps no account logs (appwrite-behaviour §13.8), so there is nothing to list. */
  readonly recentSignIns: readonly Log[] | null
}

// ---- arguments -------------------------------------------------------------------------------

export interface ProfileArgs {
  readonly profileId: string
}
/** Sign-in options common to every method: `remember` = keep the session in the keychain. */
export interface RememberArg {
  readonly remember?: boolean
}
export interface SignUpArgs extends ProfileArgs, RememberArg {
  readonly name: string
  readonly email: string
  readonly password: string
}
export interface SignInWithPasswordArgs extends ProfileArgs, RememberArg {
  readonly email: string
  readonly password: string
}
export interface ProfileInput {
  readonly label: string
  readonly endpoint: string
  readonly projectId: string
  readonly redirectStrategy: RedirectStrategy
  readonly oauthProviders: readonly string[]
}
export interface FlowArgs {
  readonly flowId: string
}
export interface ListArgs extends ProfileArgs {
  readonly limit?: number
  readonly offset?: number
}

export interface Api {
  readonly app: {
    /**
     * The start-up answer. The preload asks for it as the document starts (build-api.ts), so the
     * window's first call usually finds it already there.
     */
    start(): Promise<Result<Startup>>
  }
  readonly profiles: {
    select(args: ProfileArgs): Promise<Result<AppStatus>>
    add(args: ProfileInput): Promise<Result<AppStatus>>
    update(args: ProfileArgs & ProfileInput): Promise<Result<AppStatus>>
    /** Signs the profile out on this device (keychain entry removed) and forgets it. */
    remove(args: ProfileArgs): Promise<Result<AppStatus>>
  }
  readonly auth: {
    /** Current state of a profile; checks the stored session against the server. */
    getState(args: ProfileArgs): Promise<Result<AuthState>>
    /** Creates the account (Appwrite does not sign in on sign-up), then signs in. */
    signUp(args: SignUpArgs): Promise<Result<AuthState>>
    signInWithPassword(args: SignInWithPasswordArgs): Promise<Result<AuthState>>
    signInAnonymously(args: ProfileArgs & RememberArg): Promise<Result<AuthState>>
    /** E-mail OTP: sends a 6-digit code. */
    sendEmailCode(args: ProfileArgs & RememberArg & { readonly email: string; readonly phrase?: boolean }): Promise<Result<FlowDTO>>
    sendPhoneCode(args: ProfileArgs & RememberArg & { readonly phone: string }): Promise<Result<FlowDTO>>
    /** Completes an e-mail or phone OTP flow with the code the user typed. */
    verifyCode(args: FlowArgs & { readonly code: string }): Promise<Result<AuthState>>
    /** Magic URL: the mail's link comes back as a deep link and completes the flow by itself. */
    sendMagicLink(args: ProfileArgs & RememberArg & { readonly email: string; readonly phrase?: boolean }): Promise<Result<FlowDTO>>
    /** OAuth2 token flow in the system browser. */
    startOAuth(args: ProfileArgs & RememberArg & { readonly provider: string; readonly scopes?: readonly string[] }): Promise<Result<FlowDTO>>
    /** The "paste the link" fallback: same entry as a deep link, but answers with the outcome. */
    completeFromLink(args: { readonly url: string }): Promise<Result<FlowDTO>>
    getFlow(args: FlowArgs): Promise<Result<FlowDTO>>
    /** Puts the full browser URL of a waiting OAuth flow on the clipboard, from main (it carries the nonce). */
    copyFlowUrl(args: FlowArgs): Promise<Result<null>>
    cancelFlow(args: FlowArgs): Promise<Result<FlowDTO>>
    /**
     * Mails a 6-digit code (flow `recovery-code`) when the server offers recovery by code, else a
     * link (flow `recovery`). `phrase` asks for a security phrase (code path only).
     */
    requestRecovery(args: ProfileArgs & { readonly email: string; readonly phrase?: boolean }): Promise<Result<FlowDTO>>
    /**
     * Sets the new password: after the recovery link arrived (flow status `needs-password`), or
     * with the mailed `code` (flow `recovery-code`, still `pending`).
     */
    completeRecovery(args: FlowArgs & { readonly password: string; readonly code?: string }): Promise<Result<AuthState>>
    signOut(args: ProfileArgs): Promise<Result<AuthState>>
    /** Deletes every session of the account, on every device. */
    signOutEverywhere(args: ProfileArgs): Promise<Result<AuthState>>
  }
  readonly sandbox: {
    /** The Local sandbox's project settings (the Local sandbox profile only; `not_sandbox` otherwise). */
    getSettings(args: ProfileArgs): Promise<Result<SandboxSettingsDTO>>
    /** Changes only the fields given; saved with the sandbox's data and applied at once. */
    updateSettings(args: ProfileArgs & { readonly settings: SandboxSettingsPatch }): Promise<Result<SandboxSettingsDTO>>
  }
  readonly mailbox: {
    /** The sandbox outbox, newest first (sandbox profiles only). */
    list(args: ProfileArgs): Promise<Result<readonly MailboxMessageDTO[]>>
    /** Opens a link of a message through the deep-link entry, as if the OS had delivered it. */
    openLink(args: ProfileArgs & { readonly messageId: string; readonly linkIndex: number }): Promise<Result<FlowDTO | null>>
  }
  readonly account: {
    get(args: ProfileArgs): Promise<Result<AccountDTO>>
    updateName(args: ProfileArgs & { readonly name: string }): Promise<Result<AccountDTO>>
    /** Also turns an anonymous account permanent (Appwrite sets the password then). */
    updateEmail(args: ProfileArgs & { readonly email: string; readonly password: string }): Promise<Result<AccountDTO>>
    updatePhone(args: ProfileArgs & { readonly phone: string; readonly password: string }): Promise<Result<AccountDTO>>
    updatePassword(args: ProfileArgs & { readonly password: string; readonly oldPassword?: string }): Promise<Result<AccountDTO>>
    /** Mails a verification link back to this app (flow `verify-email`); every server offers it. */
    sendEmailVerification(args: ProfileArgs): Promise<Result<FlowDTO>>
    /**
     * Mails a 6-digit verification code instead (flow `verify-email-code`), where the server's
     * capabilities offer `verificationByCode`. `phrase` asks for a security phrase in the mail.
     */
    sendEmailVerificationCode(args: ProfileArgs & { readonly phrase?: boolean }): Promise<Result<FlowDTO>>
    /** Confirms a `verify-email-code` flow with the mailed code; answers the verified account. */
    confirmEmailVerification(args: FlowArgs & { readonly code: string }): Promise<Result<AccountDTO>>
    sendPhoneVerification(args: ProfileArgs): Promise<Result<FlowDTO>>
    confirmPhoneVerification(args: FlowArgs & { readonly code: string }): Promise<Result<AccountDTO>>
    /** Blocks the account (Appwrite `PATCH /account/status`), then signs out here. */
    block(args: ProfileArgs): Promise<Result<AuthState>>
  }
  readonly prefs: {
    get(args: ProfileArgs): Promise<Result<Preferences>>
    /** Replaces the whole object (Appwrite semantics). */
    update(args: ProfileArgs & { readonly prefs: Preferences }): Promise<Result<Preferences>>
  }
  readonly sessions: {
    list(args: ProfileArgs): Promise<Result<readonly SessionDTO[]>>
    remove(args: ProfileArgs & { readonly sessionId: string }): Promise<Result<readonly SessionDTO[]>>
    removeOthers(args: ProfileArgs): Promise<Result<readonly SessionDTO[]>>
    extendCurrent(args: ProfileArgs): Promise<Result<SessionDTO>>
  }
  readonly logs: {
    /**
     * One page, newest first. `olderUnreachable`: the page starts past what the server lets a
     * client page to (Appwrite caps list offsets; appwrite-behaviour §9), so `logs` is empty although older
     * entries exist.
     */
    list(args: ListArgs): Promise<Result<{ readonly total: number; readonly logs: readonly Log[]; readonly olderUnreachable?: boolean }>>
    /** Writes every log row as CSV through a save dialog in main; `path` null when cancelled. */
    exportCsv(args: ProfileArgs): Promise<Result<{ readonly path: string | null; readonly rows: number }>>
  }
  readonly identities: {
    list(args: ProfileArgs): Promise<Result<readonly IdentityDTO[]>>
    remove(args: ProfileArgs & { readonly identityId: string }): Promise<Result<readonly IdentityDTO[]>>
  }
  readonly mfa: {
    getFactors(args: ProfileArgs): Promise<Result<MfaFactors>>
    /** Starts TOTP enrolment: the secret and otpauth URI go to the screen to draw the QR code. */
    createAuthenticator(args: ProfileArgs): Promise<Result<MfaType>>
    verifyAuthenticator(args: ProfileArgs & { readonly otp: string }): Promise<Result<AccountDTO>>
    removeAuthenticator(args: ProfileArgs): Promise<Result<MfaFactors>>
    createRecoveryCodes(args: ProfileArgs): Promise<Result<MfaRecoveryCodes>>
    regenerateRecoveryCodes(args: ProfileArgs): Promise<Result<MfaRecoveryCodes>>
    saveRecoveryCodes(args: ProfileArgs & { readonly codes: readonly string[] }): Promise<Result<{ readonly path: string | null }>>
    setEnabled(args: ProfileArgs & { readonly enabled: boolean }): Promise<Result<AccountDTO>>
    /** A challenge at sign-in (status `mfa-required`) or a fresh one for protected actions. */
    createChallenge(args: ProfileArgs & { readonly factor: MfaFactor }): Promise<Result<MfaChallenge>>
    completeChallenge(args: ProfileArgs & { readonly challengeId: string; readonly otp: string }): Promise<Result<AuthState>>
  }
  readonly targets: {
    list(args: ProfileArgs): Promise<Result<readonly Target[]>>
    createPush(args: ProfileArgs & { readonly identifier: string; readonly providerId?: string }): Promise<Result<Target>>
    updatePush(args: ProfileArgs & { readonly targetId: string; readonly identifier: string }): Promise<Result<Target>>
    removePush(args: ProfileArgs & { readonly targetId: string }): Promise<Result<readonly Target[]>>
  }
  readonly developer: {
    /** Creates a JWT and copies it to the clipboard from main; the token itself never reaches the window. */
    createJwt(args: ProfileArgs & { readonly duration?: number }): Promise<Result<{ readonly expiresAt: IsoDate; readonly preview: string }>>
  }
  readonly security: {
    getOverview(args: ProfileArgs): Promise<Result<SecurityOverview>>
  }
  /** Connected apps (OAuth2 consents), where the server's capabilities offer `consents`. */
  readonly consents: {
    list(args: ProfileArgs): Promise<Result<readonly ConsentDTO[]>>
    /** The token families (devices or sessions) of one consent. */
    listTokens(args: ProfileArgs & { readonly consentId: string }): Promise<Result<readonly ConsentTokenDTO[]>>
    /** Signs one device of the app out (its access and refresh tokens stop working); answers the families left. */
    removeToken(args: ProfileArgs & { readonly consentId: string; readonly tokenId: string }): Promise<Result<readonly ConsentTokenDTO[]>>
    /** Takes the app's access away: every family is revoked; answers the consents left. */
    remove(args: ProfileArgs & { readonly consentId: string }): Promise<Result<readonly ConsentDTO[]>>
  }
  readonly alerts: {
    /** The profile's recent sign-in alerts and whether they are muted. */
    history(args: ProfileArgs): Promise<Result<AlertHistoryDTO>>
    /** Mutes (or unmutes) the profile's desktop notifications and banners; kept with the profile. */
    setMuted(args: ProfileArgs & { readonly muted: boolean }): Promise<Result<AlertHistoryDTO>>
  }
  readonly server: {
    /**
     * The profile's server and what it offers: the cached answer, asked again when nothing is
     * cached yet, when account logs are still unknown and a session now exists, or on `refresh`.
     */
    get(args: ProfileArgs & { readonly refresh?: boolean }): Promise<Result<ServerInfoDTO>>
  }
  readonly events: {
    onAuthChanged(listener: (state: AuthState) => void): () => void
    onNotice(listener: (notice: Notice) => void): () => void
    /** A flow moved on (link arrived, completed, expired, failed). */
    onFlowUpdated(listener: (flow: FlowDTO) => void): () => void
    /** The keychain stopped answering, or answers again (AppStatus.keychain's new value). */
    onKeychainChanged(listener: (status: KeychainStatus) => void): () => void
    /** Something changed on the signed-in account, told by Appwrite Realtime as it happened. */
    onLiveEvent(listener: (event: LiveEventDTO) => void): () => void
    /** The live connection of a profile went up, down, or paused. */
    onLiveStatus(listener: (status: LiveStatusDTO) => void): () => void
    /** Something happened to an account elsewhere that the person should know (`muted`: history only, no banner). */
    onAlert(listener: (alert: AlertDTO) => void): () => void
    /** The person clicked an alert's desktop notification: show that alert. */
    onAlertOpened(listener: (alert: AlertDTO) => void): () => void
  }
}

/** The contract's invokable namespaces (`events` only pushes). */
export type MethodNamespace = Exclude<keyof Api, 'events'>

/** Every invokable method, by namespace. Channel name = `ac:<namespace>.<method>`. */
export const API_METHODS: { readonly [N in MethodNamespace]: { readonly [M in keyof Api[N]]: true } } = {
  app: { start: true },
  profiles: { select: true, add: true, update: true, remove: true },
  auth: {
    getState: true,
    signUp: true,
    signInWithPassword: true,
    signInAnonymously: true,
    sendEmailCode: true,
    sendPhoneCode: true,
    verifyCode: true,
    sendMagicLink: true,
    startOAuth: true,
    completeFromLink: true,
    getFlow: true,
    copyFlowUrl: true,
    cancelFlow: true,
    requestRecovery: true,
    completeRecovery: true,
    signOut: true,
    signOutEverywhere: true,
  },
  mailbox: { list: true, openLink: true },
  sandbox: { getSettings: true, updateSettings: true },
  account: {
    get: true,
    updateName: true,
    updateEmail: true,
    updatePhone: true,
    updatePassword: true,
    sendEmailVerification: true,
    sendEmailVerificationCode: true,
    confirmEmailVerification: true,
    sendPhoneVerification: true,
    confirmPhoneVerification: true,
    block: true,
  },
  prefs: { get: true, update: true },
  sessions: { list: true, remove: true, removeOthers: true, extendCurrent: true },
  logs: { list: true, exportCsv: true },
  identities: { list: true, remove: true },
  mfa: {
    getFactors: true,
    createAuthenticator: true,
    verifyAuthenticator: true,
    removeAuthenticator: true,
    createRecoveryCodes: true,
    regenerateRecoveryCodes: true,
    saveRecoveryCodes: true,
    setEnabled: true,
    createChallenge: true,
    completeChallenge: true,
  },
  targets: { list: true, createPush: true, updatePush: true, removePush: true },
  developer: { createJwt: true },
  security: { getOverview: true },
  consents: { list: true, listTokens: true, removeToken: true, remove: true },
  alerts: { history: true, setMuted: true },
  server: { get: true },
}

/** Main → renderer events. Channel name = `ac:event.<name>`. */
export const API_EVENTS: { readonly [K in keyof Api['events']]: EventName } = {
  onAuthChanged: 'authChanged',
  onNotice: 'notice',
  onFlowUpdated: 'flowUpdated',
  onKeychainChanged: 'keychainChanged',
  onLiveEvent: 'liveEvent',
  onLiveStatus: 'liveStatus',
  onAlert: 'alert',
  onAlertOpened: 'alertOpened',
}

export interface EventPayloads {
  authChanged: AuthState
  notice: Notice
  flowUpdated: FlowDTO
  keychainChanged: KeychainStatus
  liveEvent: LiveEventDTO
  liveStatus: LiveStatusDTO
  alert: AlertDTO
  alertOpened: AlertDTO
}
export type EventName = keyof EventPayloads

export const CHANNEL_PREFIX = 'ac:'
export function methodChannel(namespace: string, method: string): string {
  return `${CHANNEL_PREFIX}${namespace}.${method}`
}
export function eventChannel(name: EventName): string {
  return `${CHANNEL_PREFIX}event.${name}`
}

/** The method names as `namespace.method`, for the handler table and the preload. */
export type MethodKey = {
  [N in MethodNamespace]: `${N}.${Extract<keyof Api[N], string>}`
}[MethodNamespace]

type Fn<N extends MethodNamespace, M extends keyof Api[N]> = Api[N][M] extends (...a: infer A) => Promise<Result<infer R>> ? { args: A; result: R } : never

/** `'auth.signUp'` → its argument tuple and result type. */
export type MethodSignature<K extends MethodKey> = K extends `${infer N}.${infer M}`
  ? N extends MethodNamespace
    ? M extends keyof Api[N]
      ? Fn<N, M>
      : never
    : never
  : never
