/** `security.getOverview`: each finding from its inputs (pure), and the whole overview against the sandbox. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Log, MfaFactors, User } from '../../../src-shared/appwrite'
import type { SecurityOverview, SessionDTO } from '../../../src-shared/ipc'
import { computeSecurityOverview, FIX_ROUTES, RECENT_SIGN_INS } from '../../../src-main/core/account/security-overview'
import { expectError, expectOk, PASSWORD, profileId, signInElsewhere, signUp, CoreWorld } from './core-world'

const NOW = Date.parse('2026-03-01T12:00:00.000Z')

function account(overrides: Partial<User> = {}): User {
  return {
    $id: 'u1',
    $createdAt: '2025-01-01T00:00:00.000+00:00',
    $updatedAt: '2025-01-01T00:00:00.000+00:00',
    name: 'Ada',
    registration: '2025-01-01T00:00:00.000+00:00',
    status: true,
    labels: [],
    passwordUpdate: '2026-02-01T00:00:00.000+00:00',
    email: 'ada@example.com',
    phone: '',
    emailVerification: true,
    phoneVerification: false,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: '2026-02-01T00:00:00.000+00:00',
    ...overrides,
  }
}

function session(overrides: Partial<SessionDTO> = {}): SessionDTO {
  return {
    $id: 's',
    $createdAt: '2026-02-01T00:00:00.000+00:00',
    $updatedAt: '',
    userId: 'u1',
    expire: '2027-02-01T00:00:00.000+00:00',
    provider: 'email',
    providerUid: '',
    providerAccessTokenExpiry: '',
    ip: '127.0.0.1',
    osCode: 'LIN',
    osName: 'Linux',
    osVersion: '',
    clientType: 'browser',
    clientCode: 'CH',
    clientName: 'Chrome',
    clientVersion: '126',
    clientEngine: 'Blink',
    clientEngineVersion: '',
    deviceName: 'desktop',
    deviceBrand: '',
    deviceModel: '',
    countryCode: 'de',
    countryName: 'Germany',
    current: false,
    factors: ['password'],
    mfaUpdatedAt: '',
    ...overrides,
  }
}

function log(event: string, time: string): Log {
  return {
    event,
    userId: 'u1',
    userEmail: '',
    userName: '',
    mode: '',
    ip: '127.0.0.1',
    time,
    osCode: '',
    osName: 'Linux',
    osVersion: '',
    clientType: '',
    clientCode: '',
    clientName: 'Chrome',
    clientVersion: '',
    clientEngine: '',
    clientEngineVersion: '',
    deviceName: '',
    deviceBrand: '',
    deviceModel: '',
    countryCode: 'de',
    countryName: 'Germany',
  }
}

const NO_FACTORS: MfaFactors = { totp: false, email: false, phone: false, recoveryCode: false }

function overview(inputs: { account?: User; factors?: MfaFactors | null; sessions?: SessionDTO[]; logs?: Log[] | null }): SecurityOverview {
  return computeSecurityOverview(
    {
      account: inputs.account ?? account(),
      factors: inputs.factors === undefined ? { ...NO_FACTORS, email: true } : inputs.factors,
      sessions: inputs.sessions ?? [session({ current: true })],
      logs: inputs.logs === undefined ? [] : inputs.logs,
    },
    NOW,
  )
}

const ids = (o: SecurityOverview) => o.findings.map((f) => f.id)
const finding = (o: SecurityOverview, id: string) => o.findings.find((f) => f.id === id)

describe('computeSecurityOverview', () => {
  it('calls a guest account the top risk, with the fix on the profile', () => {
    const o = overview({ account: account({ email: '', emailVerification: false, passwordUpdate: '' }), factors: NO_FACTORS })
    expect(o.findings[0]).toMatchObject({ id: 'guest-account', severity: 'risk', action: { route: FIX_ROUTES.profile } })
    expect(ids(o)).not.toContain('email-missing')
    expect(ids(o)).not.toContain('password-missing')
    expect(ids(o)).not.toContain('phone-missing')
  })

  it('asks to verify an unverified e-mail and to turn on MFA, warnings before good news', () => {
    const o = overview({ account: account({ emailVerification: false }), factors: NO_FACTORS })
    expect(finding(o, 'email-unverified')).toMatchObject({ severity: 'warning', action: { label: 'Verify e-mail', route: 'profile' } })
    expect(finding(o, 'mfa-off')).toMatchObject({ severity: 'warning', action: { route: FIX_ROUTES.mfa } })
    expect(finding(o, 'mfa-off')!.detail).toContain('Add an authenticator')
    const severities = o.findings.map((f) => f.severity)
    expect(severities.indexOf('good')).toBeGreaterThan(severities.lastIndexOf('warning'))
    expect(o.emailVerified).toBe(false)
  })

  it('reports MFA on with its factors, and missing recovery codes as a warning', () => {
    const o = overview({ account: account({ mfa: true }), factors: { totp: true, email: true, phone: false, recoveryCode: false } })
    expect(finding(o, 'mfa-on')!.detail).toBe('A second step can use: authenticator app, e-mail.')
    expect(finding(o, 'recovery-codes-missing')).toMatchObject({ severity: 'warning', action: { route: 'mfa' } })
    const withCodes = overview({ account: account({ mfa: true }), factors: { totp: true, email: true, phone: false, recoveryCode: true } })
    expect(finding(withCodes, 'recovery-codes')!.severity).toBe('good')
    expect(withCodes.mfaEnabled).toBe(true)
  })

  it('warns that MFA on without any second factor asks for nothing', () => {
    const o = overview({ account: account({ mfa: true, emailVerification: false }), factors: { ...NO_FACTORS, recoveryCode: true } })
    expect(finding(o, 'mfa-no-factor')!.severity).toBe('warning')
  })

  it('counts sessions, distinct countries (not "--") and devices, and flags several countries', () => {
    const sessions = [
      session({ $id: 'a', current: true, countryCode: 'de' }),
      session({ $id: 'b', countryCode: 'us', osName: 'Windows' }),
      session({ $id: 'c', countryCode: '--', osName: 'Windows' }),
    ]
    const o = overview({ sessions })
    expect(o).toMatchObject({ sessionCount: 3, countryCount: 2, deviceCount: 2 })
    expect(finding(o, 'sessions-countries')).toMatchObject({ title: 'Signed in from 2 countries', action: { route: FIX_ROUTES.sessions } })
    const many = overview({ sessions: Array.from({ length: 6 }, (_, i) => session({ $id: `s${i}`, countryCode: '--' })) })
    expect(finding(many, 'sessions-many')!.severity).toBe('info')
    expect(finding(overview({}), 'sessions-few')).toMatchObject({ severity: 'good', title: '1 session open' })
  })

  it('notes a password older than a year, and a missing one for accounts that have an e-mail', () => {
    const old = overview({ account: account({ passwordUpdate: '2024-12-01T00:00:00.000+00:00' }) })
    expect(finding(old, 'password-old')).toMatchObject({ severity: 'info', detail: 'It was last changed 455 days ago.' })
    expect(old.passwordUpdatedAt).toBe('2024-12-01T00:00:00.000+00:00')
    expect(finding(overview({ account: account({ passwordUpdate: '' }) }), 'password-missing')!.action!.route).toBe('profile')
  })

  it('lists recent sign-ins (session.create entries) only, newest first as the logs come, at most ten', () => {
    const logs = [
      log('user.update', '2026-02-03T00:00:00.000+00:00'),
      ...Array.from({ length: 12 }, (_, i) => log('session.create', `2026-02-${String(20 - i).padStart(2, '0')}T00:00:00.000+00:00`)),
    ]
    const o = overview({ logs })
    expect(o.recentSignIns).toHaveLength(RECENT_SIGN_INS)
    expect(o.recentSignIns?.every((l) => l.event === 'session.create')).toBe(true)
    expect(o.recentSignIns?.[0]?.time).toBe('2026-02-20T00:00:00.000+00:00')
    expect(overview({ logs: null }).recentSignIns).toBeNull()
  })

  it("falls back to the account's own verification flags when the factors cannot be read", () => {
    const o = overview({ account: account({ phone: '+14155550123', phoneVerification: true }), factors: null })
    expect(o.mfaFactors).toEqual({ totp: false, email: true, phone: true, recoveryCode: false })
    expect(finding(o, 'phone-verified')!.severity).toBe('good')
  })

  it('gives every non-good finding an action, and only routes the console has', () => {
    const cases = [
      overview({ account: account({ email: '', emailVerification: false, passwordUpdate: '' }), factors: NO_FACTORS }),
      overview({ account: account({ emailVerification: false, phone: '+14155550123' }), factors: NO_FACTORS }),
      overview({ account: account({ mfa: true, passwordUpdate: '2020-01-01T00:00:00.000+00:00' }), factors: { ...NO_FACTORS, totp: true } }),
    ]
    const routes = new Set<string>(Object.values(FIX_ROUTES))
    for (const o of cases) {
      for (const f of o.findings) {
        if (f.severity !== 'good') expect(f.action, f.id).toBeDefined()
        if (f.action) expect(routes.has(f.action.route)).toBe(true)
      }
    }
  })
})

describe('security.getOverview against the sandbox', () => {
  let h: CoreWorld
  beforeEach(async () => {
    h = await CoreWorld.start()
  })
  afterEach(async () => {
    await h.close()
  })

  it('sees a fresh account as it is, then sees a verified phone and a second device', async () => {
    const state = await signUp(h)
    const first = expectOk<SecurityOverview>(await h.core.invoke('security.getOverview', { profileId }))
    expect(first).toMatchObject({ emailVerified: false, phoneVerified: false, mfaEnabled: false, sessionCount: 1, deviceCount: 1, countryCount: 0 })
    expect(first.passwordUpdatedAt).toBe(state.account!.passwordUpdate)
    expect(first.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['email-unverified', 'phone-missing', 'mfa-off']))
    expect(first.recentSignIns?.length).toBeGreaterThanOrEqual(1)
    expect(first.recentSignIns?.every((l) => l.event === 'session.create')).toBe(true)

    const phone = '+14155550199'
    expectOk(await h.core.invoke('account.updatePhone', { profileId, phone, password: PASSWORD }))
    const flow = expectOk<{ flowId: string }>(await h.core.invoke('account.sendPhoneVerification', { profileId }))
    expectOk(await h.core.invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code: await h.lastSmsCode(phone) }))
    await signInElsewhere(h, state.account!.email)

    const second = expectOk<SecurityOverview>(await h.core.invoke('security.getOverview', { profileId }))
    expect(second).toMatchObject({ phoneVerified: true, sessionCount: 2, deviceCount: 2, mfaFactors: { phone: true } })
    expect(second.findings.map((f) => f.id)).toContain('phone-verified')
  })

  it('needs a session and a valid argument', async () => {
    expect(expectError(await h.core.invoke('security.getOverview', { profileId })).type).toBe('not_signed_in')
    expect(expectError(await h.core.invoke('security.getOverview', null)).type).toBe('invalid_argument')
  })
})
