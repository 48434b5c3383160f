/**
 * The records the renderer fake (fake-api.ts) starts from and tests build their own from: profiles,
 * server answers, an account, sessions, logs, targets, outbox messages and the errors main passes
 * on, each shaped exactly as the contract in src-shared/ipc.ts types it.
 */
import type { Log, Target, User } from '../../../src-shared/appwrite'
import type {
  AlertHistoryDTO,
  ApiError,
  KeychainStatus,
  MailboxMessageDTO,
  ProfileDTO,
  SandboxSettingsDTO,
  SecurityOverview,
  ServerInfoDTO,
  SessionDTO,
} from '../../../src-shared/ipc'

export const LOCAL_SANDBOX: ProfileDTO = {
  id: 'local',
  label: 'Local sandbox',
  endpoint: 'http://127.0.0.1:4010/v1',
  projectId: 'local',
  kind: 'sandbox',
  redirectStrategy: 'scheme',
  oauthProviders: [],
}

export const CLOUD_PROFILE: ProfileDTO = {
  id: 'cloud',
  label: 'Appwrite Cloud',
  endpoint: 'https://cloud.appwrite.io/v1',
  projectId: 'console-demo',
  kind: 'remote',
  redirectStrategy: 'appwrite-callback',
  oauthProviders: ['github'],
}

export const KEYCHAIN_OK: KeychainStatus = { kind: 'keychain', reason: '' }

export const SERVER_1_9: ServerInfoDTO = {
  version: '1.9.6',
  capabilities: { recoveryByCode: false, verificationByCode: false, consents: false, idTokenSessions: false, accountLogs: true },
  checkedAt: '2025-03-14T09:26:53.000+00:00',
}

export const SERVER_2_3: ServerInfoDTO = {
  version: '2.3.0',
  capabilities: { recoveryByCode: true, verificationByCode: true, consents: true, idTokenSessions: true, accountLogs: false },
  checkedAt: '2025-03-14T09:26:53.000+00:00',
}

/** The password of the account a signed-in fake starts with. */
export const PASSWORD = 'correct horse battery'
/** The code every fake mail and text carries. */
export const FAKE_CODE = '123456'
/** The code an authenticator app "shows": it completes an MFA challenge and verifies enrolment. */
export const FAKE_MFA_CODE = '654321'
export const FAKE_PHRASE = 'Brave zebra'

export const ERRORS = {
  invalidCredentials: {
    type: 'user_invalid_credentials',
    code: 401,
    message: 'Invalid credentials. Please check the email and password.',
  },
  alreadyExists: {
    type: 'user_already_exists',
    code: 409,
    message: 'A user with the same id, email, or phone already exists in this project.',
  },
  shortPassword: {
    type: 'general_argument_invalid',
    code: 400,
    message: 'Invalid `password` param: Password must be between 8 and 256 characters long.',
  },
  noProfile: { type: 'no_profile', code: 0, message: 'That profile does not exist.' },
  network: { type: 'network_error', code: 0, message: 'connect ECONNREFUSED 127.0.0.1:4010' },
  invalidToken: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' },
  blocked: { type: 'user_blocked', code: 403, message: 'The current user has been blocked.' },
  userNotFound: { type: 'user_not_found', code: 404, message: 'User with the requested ID could not be found.' },
  flowNotFound: { type: 'flow_not_found', code: 0, message: 'That sign-in link or code request is not (or no longer) waiting in this app.' },
  notSandbox: { type: 'not_sandbox', code: 0, message: 'This is only available for the local sandbox.' },
  sandboxProfile: { type: 'invalid_argument', code: 0, message: 'The local sandbox profile cannot be removed.' },
  notSignedIn: { type: 'not_signed_in', code: 0, message: 'You are not signed in.' },
  sessionNotFound: { type: 'user_session_not_found', code: 404, message: 'The current user session could not be found.' },
  identityNotFound: { type: 'user_identity_not_found', code: 404, message: 'Identity not found.' },
  targetExists: { type: 'user_target_already_exists', code: 409, message: 'A target with the same ID already exists.' },
  targetNotFound: { type: 'user_target_not_found', code: 404, message: 'Target not found.' },
  consentNotFound: { type: 'consent_not_found', code: 404, message: 'Consent not found.' },
  /** Appwrite's answer to a sensitive MFA change without a fresh challenge (`mfaProtected`). */
  challengeRequired: {
    type: 'user_challenge_required',
    code: 401,
    message: 'A recently successful challenge is required to complete this action.',
  },
} as const satisfies Record<string, ApiError>

export function makeAccount(overrides: Partial<User> = {}): User {
  return {
    $id: '6650a1b2c3d4e5f6a7b8',
    $createdAt: '2025-03-14T09:26:53.000+00:00',
    $updatedAt: '2025-03-14T09:26:53.000+00:00',
    name: 'Ada Lovelace',
    registration: '2025-03-14T09:26:53.000+00:00',
    status: true,
    labels: [],
    passwordUpdate: '2025-03-14T09:26:53.000+00:00',
    email: 'ada@example.com',
    phone: '',
    emailVerification: false,
    phoneVerification: false,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: '2025-03-14T09:26:53.000+00:00',
    ...overrides,
  }
}

export function makeSession(overrides: Partial<SessionDTO> = {}): SessionDTO {
  return {
    $id: 'session-here',
    $createdAt: '2025-03-14T09:26:53.000+00:00',
    $updatedAt: '2025-03-14T09:26:53.000+00:00',
    userId: 'user1',
    expire: '2026-03-14T09:26:53.000+00:00',
    provider: 'email',
    providerUid: 'ada@example.com',
    providerAccessTokenExpiry: '',
    ip: '127.0.0.1',
    osCode: 'LIN',
    osName: 'Linux',
    osVersion: '',
    clientType: 'desktop app',
    clientCode: '',
    clientName: 'Account Console',
    clientVersion: '0.1.0',
    clientEngine: '',
    clientEngineVersion: '',
    deviceName: 'desktop',
    deviceBrand: '',
    deviceModel: '',
    countryCode: '--',
    countryName: '',
    current: true,
    factors: ['password'],
    mfaUpdatedAt: '',
    ...overrides,
  }
}

export const OTHER_SESSION = makeSession({
  $id: 'session-other',
  $createdAt: '2025-03-10T08:00:00.000+00:00',
  current: false,
  osName: 'Windows',
  osVersion: '10',
  clientName: 'Chrome',
  clientVersion: '126.0',
  ip: '203.0.113.7',
  countryCode: 'de',
  countryName: 'Germany',
})

export function makeOverview(overrides: Partial<SecurityOverview> = {}): SecurityOverview {
  return {
    findings: [
      {
        id: 'email-unverified',
        severity: 'warning',
        title: 'E-mail not verified',
        detail: 'Confirm it is yours.',
        action: { label: 'Verify e-mail', route: 'profile' },
      },
      { id: 'mfa-off', severity: 'warning', title: 'Two-step sign-in is off', detail: 'Turn it on.', action: { label: 'Set up MFA', route: 'mfa' } },
      { id: 'sessions-few', severity: 'good', title: '1 session open', detail: 'Nothing unusual.' },
    ],
    emailVerified: false,
    phoneVerified: false,
    mfaEnabled: false,
    mfaFactors: { totp: false, email: false, phone: false, recoveryCode: false },
    sessionCount: 1,
    countryCount: 0,
    deviceCount: 1,
    passwordUpdatedAt: '2025-03-14T09:26:53.000+00:00',
    recentSignIns: [],
    ...overrides,
  }
}

export const NO_ALERTS: AlertHistoryDTO = { muted: false, alerts: [] }

export function makeLog(index: number, overrides: Partial<Log> = {}): Log {
  const events = ['session.create', 'user.update', 'session.delete'] as const
  return {
    event: events[index % 3] ?? 'session.create',
    userId: 'user1',
    userEmail: 'ada@example.com',
    userName: 'Ada Lovelace',
    mode: 'default',
    ip: '127.0.0.1',
    // Newest first, one an hour.
    time: new Date(Date.UTC(2025, 2, 14, 12) - index * 3_600_000).toISOString(),
    osCode: 'LIN',
    osName: 'Linux',
    osVersion: '',
    clientType: 'browser',
    clientCode: 'CH',
    clientName: 'Chrome',
    clientVersion: '126.0',
    clientEngine: 'Blink',
    clientEngineVersion: '126.0',
    deviceName: 'desktop',
    deviceBrand: '',
    deviceModel: '',
    countryCode: '--',
    countryName: 'Unknown',
    ...overrides,
  }
}

export function makeTarget(overrides: Partial<Target> = {}): Target {
  return {
    $id: 'target1',
    $createdAt: '2025-03-14T09:26:53.000+00:00',
    $updatedAt: '2025-03-14T09:26:53.000+00:00',
    name: 'Pixel 8',
    userId: 'user1',
    providerId: null,
    providerType: 'push',
    identifier: 'token-1',
    expired: false,
    ...overrides,
  }
}

/** A message in the fake outbox; put `[flow-N]` in the subject to tie its link to that flow. */
export function makeMessage(overrides: Partial<MailboxMessageDTO> = {}): MailboxMessageDTO {
  return {
    id: 'message-1',
    channel: 'email',
    to: 'ada@example.com',
    subject: 'Login',
    body: 'Hello,\n\nFollow this link to sign in:\n\n[link 1]\n\nThanks',
    createdAt: '2025-03-14T09:30:00.000+00:00',
    links: [{ index: 1, label: 'account-console://magic-url' }],
    ...overrides,
  }
}

/** A fresh sandbox as main reports it: every method on, the Local test provider on, no others. */
export function makeSandboxSettings(overrides: Partial<SandboxSettingsDTO> = {}): SandboxSettingsDTO {
  return {
    authMethods: { emailPassword: true, magicUrl: true, emailOtp: true, anonymous: true, invites: true, jwt: true, phone: true },
    passwordHistory: 0,
    passwordDictionary: false,
    personalDataCheck: false,
    sessionDuration: 31_536_000,
    sessionLimit: 10,
    invalidateSessions: true,
    localProvider: true,
    oauthProviders: [],
    appwriteVersion: '1.9.6',
    ...overrides,
  }
}
