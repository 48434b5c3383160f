/**
 * A pretend main process for the account screens (Profile, Preferences, Sessions, Developer,
 * Security overview): the shared fake (profiles, auth, flows) plus an in-memory account, prefs,
 * sessions and overview behind the same `window.api` contract, with handles to fail or hold the
 * next call of a method.
 */
import { vi } from 'vitest'
import type { Preferences, User } from '../../../src-shared/appwrite'
import type {
  AccountDTO,
  AlertHistoryDTO,
  Api,
  ApiError,
  AuthState,
  ProfileDTO,
  Result,
  SecurityOverview,
  ServerInfoDTO,
  SessionDTO,
} from '../../../src-shared/ipc'
import { createFakeApi, fail, ok, FAKE_CODE, installApi, makeAccount, type FakeApi, type MethodPath, type RecordedCall } from './fake-api'

export const PASSWORD = 'correct horse battery'

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

export interface AccountFake {
  readonly base: FakeApi
  /** Every call, this fake's and the base's. */
  readonly calls: RecordedCall[]
  account: User
  password: string
  prefs: Preferences
  sessions: SessionDTO[]
  overview: SecurityOverview
  /** The active profile's sign-in alert history and mute setting, as main keeps them. */
  alerts: AlertHistoryDTO
  failNext(method: MethodPath, error: ApiError): void
  holdNext(method: MethodPath): { release(): void }
  callsOf(method: MethodPath): unknown[]
}

export const WRONG_PASSWORD: ApiError = { type: 'user_invalid_credentials', code: 401, message: 'Invalid credentials. Please check the email and password.' }

/** Installs the fake as `window.api`, signed in on the Local sandbox profile. */
export function installAccountFake(
  options: { account?: Partial<User>; prefs?: Preferences; sessions?: SessionDTO[]; server?: ServerInfoDTO; profiles?: readonly ProfileDTO[] } = {},
): AccountFake {
  const account = makeAccount({ $id: 'user1', ...options.account })
  const base = createFakeApi({
    accounts: [{ account, password: PASSWORD }],
    signedIn: { local: account.email },
    ...(options.server ? { server: options.server } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
  })

  const fake: AccountFake = {
    base,
    calls: base.calls,
    account,
    password: PASSWORD,
    prefs: options.prefs ?? { ...account.prefs },
    sessions: options.sessions ?? [makeSession(), OTHER_SESSION],
    overview: makeOverview(),
    alerts: { muted: false, alerts: [] },
    failNext: base.failNext,
    holdNext: base.holdNext,
    callsOf: (method) => fake.calls.filter((c) => c.method === method).map((c) => c.args),
  }

  const call = base.answer
  const changed = (change: Partial<User>): Result<AccountDTO> => {
    fake.account = { ...fake.account, ...change }
    return ok(fake.account)
  }
  /** Appwrite checks the password only when the account has one; otherwise it sets it (appwrite-behaviour §3.2). */
  const passwordAccepted = (password: string): boolean => fake.account.passwordUpdate === '' || password === fake.password

  const api: Api = {
    ...base.api,
    account: {
      ...base.api.account,
      get: (args) => call('account.get', args, () => ok(fake.account)),
      updateName: (args) => call('account.updateName', args, () => changed({ name: args.name })),
      updateEmail: (args) =>
        call('account.updateEmail', args, () => {
          if (!passwordAccepted(args.password)) return fail(WRONG_PASSWORD)
          const first = fake.account.passwordUpdate === ''
          if (first) fake.password = args.password
          return changed({ email: args.email.toLowerCase(), emailVerification: false, ...(first ? { passwordUpdate: '2025-04-01T10:00:00.000+00:00' } : {}) })
        }),
      updatePhone: (args) =>
        call('account.updatePhone', args, () => {
          if (!passwordAccepted(args.password)) return fail(WRONG_PASSWORD)
          return changed({ phone: args.phone, phoneVerification: false })
        }),
      updatePassword: (args) =>
        call('account.updatePassword', args, () => {
          if (fake.account.passwordUpdate !== '' && args.oldPassword !== fake.password) return fail(WRONG_PASSWORD)
          fake.password = args.password
          return changed({ passwordUpdate: '2025-04-01T10:00:00.000+00:00' })
        }),
      block: (args) =>
        call('account.block', args, () => {
          fake.account = { ...fake.account, status: false }
          const state: AuthState = { profileId: args.profileId, status: 'signed-out', account: null }
          base.emitAuthChanged(state)
          return ok(state)
        }),
      confirmPhoneVerification: async (args) => {
        const result = await base.api.account.confirmPhoneVerification(args)
        return result.ok ? changed({ phoneVerification: true }) : result
      },
      confirmEmailVerification: async (args) => {
        // As main: the server has the address verified before the flow is reported completed.
        const flow = base.flow(args.flowId)
        const before = fake.account
        if (flow?.kind === 'verify-email-code' && flow.status === 'pending' && args.code === FAKE_CODE)
          fake.account = { ...fake.account, emailVerification: true }
        const result = await base.api.account.confirmEmailVerification(args)
        if (!result.ok) fake.account = before
        return result.ok ? ok(fake.account) : result
      },
    },
    prefs: {
      get: (args) => call('prefs.get', args, () => ok({ ...fake.prefs })),
      update: (args) =>
        call('prefs.update', args, () => {
          fake.prefs = { ...args.prefs }
          fake.account = { ...fake.account, prefs: fake.prefs }
          return ok({ ...fake.prefs })
        }),
    },
    sessions: {
      list: (args) => call('sessions.list', args, () => ok([...fake.sessions])),
      remove: (args) =>
        call('sessions.remove', args, () => {
          if (!fake.sessions.some((s) => s.$id === args.sessionId))
            return fail({ type: 'user_session_not_found', code: 404, message: 'The current user session could not be found.' })
          fake.sessions = fake.sessions.filter((s) => s.$id !== args.sessionId)
          return ok([...fake.sessions])
        }),
      removeOthers: (args) =>
        call('sessions.removeOthers', args, () => {
          fake.sessions = fake.sessions.filter((s) => s.current)
          return ok([...fake.sessions])
        }),
      extendCurrent: (args) =>
        call('sessions.extendCurrent', args, () => {
          const current = fake.sessions.find((s) => s.current)
          if (!current) return fail({ type: 'user_session_not_found', code: 404, message: 'Not found.' })
          const extended = { ...current, expire: '2027-01-01T12:00:00.000+00:00' }
          fake.sessions = fake.sessions.map((s) => (s.current ? extended : s))
          return ok(extended)
        }),
    },
    developer: {
      createJwt: (args) =>
        call('developer.createJwt', args, () => ok({ expiresAt: new Date(Date.now() + (args.duration ?? 900) * 1000).toISOString(), preview: 'eyJ0eXAiOi…' })),
    },
    security: {
      getOverview: (args) => call('security.getOverview', args, () => ok(fake.overview)),
    },
    alerts: {
      history: (args) => call('alerts.history', args, () => ok(fake.alerts)),
      setMuted: (args) =>
        call('alerts.setMuted', args, () => {
          fake.alerts = { ...fake.alerts, muted: args.muted }
          return ok(fake.alerts)
        }),
    },
  }
  installApi(api)
  return fake
}

/** Waits, with a deadline, until `check` stops throwing (an answer arrived and was drawn). */
export async function eventually(check: () => void): Promise<void> {
  await vi.waitFor(check, { timeout: 5000 })
}
