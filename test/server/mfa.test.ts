/**
 * MFA routes (appwrite-behaviour §3.2, §6; Appwrite's docs for paths and status codes) driven through the official
 * web SDK 27 where it has the method, and raw HTTP for the older paths, status codes and
 * spellings. TOTP codes come from the same otpauth library an authenticator app would use.
 */
import { join } from 'node:path'
import Libsql from 'libsql'
import { describe, expect, it } from 'vitest'
import { AuthenticationFactor, AuthenticatorType, type Account } from 'appwrite'
import { PASSWORD, call, eventually, newUserSession, sdkAccount, sdkError, sessionFromResponse, signIn, useSandbox, withSandbox } from './support/sandbox'
import { totpNow } from './support/authenticator'

const sandbox = useSandbox({ projectName: 'Console Test: MFA' })

/** A code that is certainly not the current one. */
function wrongCode(code: string): string {
  return code === '000000' ? '000001' : '000000'
}

interface Enrolled {
  readonly userId: string
  readonly email: string
  readonly session: string
  readonly secret: string
  readonly account: Account
}

/** Sign up, sign in, add and verify a TOTP authenticator. */
async function enrolTotp(name = ''): Promise<Enrolled> {
  const user = await newUserSession(sandbox, name)
  const account = sdkAccount(sandbox, user.session)
  const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp })
  await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) })
  return { ...user, secret, account }
}

/** Completes e-mail verification through the outbox link (framework routes). */
async function verifyEmail(session: string, email: string): Promise<void> {
  const started = await call(sandbox, 'POST', '/account/verifications/email', {
    body: { url: 'http://localhost/verify' },
    headers: { 'X-Appwrite-Session': session },
  })
  expect(started.status).toBe(201)
  const mail = await eventually(async () => (await sandbox.outbox()).find((m) => m.to === email && m.body.includes('http://localhost/verify')))
  const link = new URL(/http:\/\/localhost\/verify\?\S+/.exec(mail.body)?.[0] ?? '')
  const done = await call(sandbox, 'PUT', '/account/verifications/email', {
    body: { userId: link.searchParams.get('userId'), secret: link.searchParams.get('secret') },
  })
  expect(done.status).toBe(200)
}

/** Opens the sandbox database beside the server (WAL allows it) to move a session's clock. */
function setMfaUpdatedAt(sessionId: string, ms: number | null): void {
  type Db = { prepare(sql: string): { run(...args: unknown[]): unknown }; close(): void }
  const db = new (Libsql as unknown as new (path: string) => Db)(join(sandbox.dataDir, 'sandbox.db'))
  try {
    db.prepare('UPDATE sessions SET mfaUpdatedAt = ? WHERE id = ?').run(ms, sessionId)
  } finally {
    db.close()
  }
}

describe('TOTP authenticator (POST/PUT/DELETE /account/mfa/authenticators/{type})', () => {
  it('adds an authenticator: 200, 103-char base32 secret, otpauth URI with the project name as issuer', async () => {
    const { email, session } = await newUserSession(sandbox)
    const raw = await call(sandbox, 'POST', '/account/mfa/authenticators/totp', { body: {}, headers: { 'X-Appwrite-Session': session } })
    expect(raw.status).toBe(200)
    const body = raw.body as { secret: string; uri: string }
    expect(Object.keys(body).sort()).toEqual(['secret', 'uri'])
    expect(body.secret).toMatch(/^[A-Z2-7]{103}$/)
    const label = encodeURIComponent(email).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    expect(body.uri).toBe(`otpauth://totp/Console%20Test%3A%20MFA%3A${label}?issuer=Console%20Test%3A%20MFA&secret=${body.secret}`)
  })

  it('replaces an unverified authenticator, verifies with the current code and credits the session', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const first = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp })
    const second = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp })
    expect(second.secret).not.toBe(first.secret)

    // The replaced secret no longer verifies.
    const stale = await sdkError(account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(first.secret) }))
    expect([stale.code, stale.type]).toEqual([401, 'user_invalid_token'])

    const user = await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(second.secret) })
    expect(user.mfa).toBe(false)
    const current = await account.getSession({ sessionId: 'current' })
    expect(current.factors).toEqual(['password', 'totp'])
    // Verifying is not a challenge: the mfaProtected clock does not start.
    expect(current.mfaUpdatedAt).toBe('')
    expect((await account.listMFAFactors()).totp).toBe(true)
  })

  it('refuses a second add or verify once verified (409) and a verify without one (404)', async () => {
    const { account, secret } = await enrolTotp()
    const again = await sdkError(account.createMFAAuthenticator({ type: AuthenticatorType.Totp }))
    expect([again.code, again.type]).toEqual([409, 'user_authenticator_already_verified'])
    const verifyAgain = await sdkError(account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) }))
    expect([verifyAgain.code, verifyAgain.type]).toEqual([409, 'user_authenticator_already_verified'])

    const fresh = sdkAccount(sandbox, (await newUserSession(sandbox)).session)
    const missing = await sdkError(fresh.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: '123456' }))
    expect([missing.code, missing.type]).toEqual([404, 'user_authenticator_not_found'])
  })

  it('rejects a wrong code and an unknown authenticator type with Appwrite errors', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp })
    const wrong = await sdkError(account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: wrongCode(await totpNow(secret)) }))
    expect([wrong.code, wrong.type]).toEqual([401, 'user_invalid_token'])

    const badType = await call(sandbox, 'POST', '/account/mfa/authenticators/sms', { body: {}, headers: { 'X-Appwrite-Session': session } })
    expect(badType.status).toBe(400)
    expect(badType.body).toMatchObject({ type: 'general_argument_invalid', message: 'Invalid `type` param: Value must be one of (totp)' })
    const noOtp = await call(sandbox, 'PUT', '/account/mfa/authenticators/totp', { body: {}, headers: { 'X-Appwrite-Session': session } })
    expect(noOtp.body).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Param "otp" is not optional.' })
  })

  it('deletes the authenticator only after a recent challenge (mfaProtected)', async () => {
    const { account, secret } = await enrolTotp()
    const blocked = await sdkError(account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp }))
    expect([blocked.code, blocked.type]).toEqual([401, 'user_challenge_required'])

    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp })
    await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(secret) })
    // 204: the SDK resolves (it wraps the empty body); a refusal would throw.
    await account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp })
    expect((await account.listMFAFactors()).totp).toBe(false)
    const gone = await sdkError(account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp }))
    expect([gone.code, gone.type]).toEqual([404, 'user_authenticator_not_found'])
  })
})

describe('enabling MFA and signing in with a second factor', () => {
  it('PATCH /account/mfa turns MFA on, credits the caller, and later sign-ins need a TOTP challenge', async () => {
    const { account, email, secret } = await enrolTotp()
    const user = await account.updateMFA({ mfa: true })
    expect(user.mfa).toBe(true)
    // The enabling session is not locked out.
    await expect(account.get()).resolves.toMatchObject({ email, mfa: true })

    const session = await signIn(sandbox, email)
    const second = sdkAccount(sandbox, session)
    const pending = await sdkError(second.get())
    expect([pending.code, pending.type]).toEqual([401, 'user_more_factors_required'])
    // Exempt while pending: factors, challenges, and deleting the session.
    expect(await second.listMFAFactors()).toEqual({ totp: true, phone: false, email: false, recoveryCode: false })

    const created = await call(sandbox, 'POST', '/account/mfa/challenges', { body: { factor: 'totp' }, headers: { 'X-Appwrite-Session': session } })
    expect(created.status).toBe(201)
    const challenge = created.body as Record<string, unknown>
    expect(Object.keys(challenge).sort()).toEqual(['$createdAt', '$id', 'expire', 'userId'])
    expect(challenge['userId']).toBe(user.$id)
    expect(Date.parse(String(challenge['expire'])) - Date.parse(String(challenge['$createdAt']))).toBe(3600_000)

    const wrong = await sdkError(second.updateMFAChallenge({ challengeId: String(challenge['$id']), otp: wrongCode(await totpNow(secret)) }))
    expect([wrong.code, wrong.type]).toEqual([401, 'user_invalid_token'])

    const completed = await second.updateMFAChallenge({ challengeId: String(challenge['$id']), otp: await totpNow(secret) })
    expect(completed.factors).toEqual(['password', 'totp'])
    expect(completed.current).toBe(true)
    expect(completed.mfaUpdatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
    await expect(second.get()).resolves.toMatchObject({ $id: user.$id })

    // The challenge is spent.
    const reused = await sdkError(second.updateMFAChallenge({ challengeId: String(challenge['$id']), otp: await totpNow(secret) }))
    expect(reused.type).toBe('user_invalid_token')
  })

  it('enabling credits a verified e-mail to the current session; disabling is refused while factors are missing', async () => {
    const { email, session } = await newUserSession(sandbox)
    await verifyEmail(session, email)
    const account = sdkAccount(sandbox, session)
    await account.updateMFA({ mfa: true })
    expect((await account.getSession({ sessionId: 'current' })).factors).toEqual(['password', 'email'])

    const pendingSession = await signIn(sandbox, email)
    const pending = sdkAccount(sandbox, pendingSession)
    const refused = await sdkError(pending.updateMFA({ mfa: false }))
    expect(refused.type).toBe('user_more_factors_required')
    // DELETE /account/sessions/{id} stays open to a pending session (appwrite-behaviour §6).
    await pending.deleteSession({ sessionId: 'current' })
    expect((await sdkError(pending.get())).type).toBe('general_unauthorized_scope')
  })

  it('serves the older singular /account/mfa/challenge path for create and confirm', async () => {
    const { account, email, secret } = await enrolTotp()
    await account.updateMFA({ mfa: true })
    const session = await signIn(sandbox, email)
    const headers = { 'X-Appwrite-Session': session }
    const created = await call(sandbox, 'POST', '/account/mfa/challenge', { body: { factor: 'totp' }, headers })
    expect(created.status).toBe(201)
    const confirmed = await call(sandbox, 'PUT', '/account/mfa/challenge', {
      body: { challengeId: (created.body as { $id: string }).$id, otp: await totpNow(secret) },
      headers,
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ factors: ['password', 'totp'], provider: 'email' })
  })

  it('validates mfa as a strict boolean and factor against the four names', async () => {
    const { session } = await newUserSession(sandbox)
    const headers = { 'X-Appwrite-Session': session }
    const notBool = await call(sandbox, 'PATCH', '/account/mfa', { body: { mfa: 'yes' }, headers })
    expect(notBool.body).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Invalid `mfa` param: Value must be a valid boolean' })
    const badFactor = await call(sandbox, 'POST', '/account/mfa/challenges', { body: { factor: 'sms' }, headers })
    expect(badFactor.body).toMatchObject({ code: 400, type: 'general_argument_invalid' })
    expect((badFactor.body as { message: string }).message).toContain('recoveryCode')
  })

  it('refuses guests with general_unauthorized_scope', async () => {
    const guest = sdkAccount(sandbox)
    const error = await sdkError(guest.listMFAFactors())
    expect([error.code, error.type]).toEqual([401, 'general_unauthorized_scope'])
    const raw = await call(sandbox, 'POST', '/account/mfa/challenges', { body: { factor: 'totp' } })
    expect(raw.body).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
  })
})

describe('recovery codes', () => {
  it('creates six single-use 10-hex codes once (201, then 409)', async () => {
    const { session } = await newUserSession(sandbox)
    const headers = { 'X-Appwrite-Session': session }
    const created = await call(sandbox, 'POST', '/account/mfa/recovery-codes', { body: {}, headers })
    expect(created.status).toBe(201)
    const codes = (created.body as { recoveryCodes: string[] }).recoveryCodes
    expect(codes).toHaveLength(6)
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/)
    const again = await sdkError(sdkAccount(sandbox, session).createMFARecoveryCodes())
    expect([again.code, again.type]).toEqual([409, 'user_recovery_codes_already_exists'])
    expect((await sdkAccount(sandbox, session).listMFAFactors()).recoveryCode).toBe(true)
  })

  it('completes a challenge with a recovery code under both spellings, each code once', async () => {
    const { account, email } = await enrolTotp()
    const { recoveryCodes } = await account.createMFARecoveryCodes()
    await account.updateMFA({ mfa: true })
    const [first = '', second = ''] = recoveryCodes

    // The SDK enum's lower-case spelling.
    const s1 = sdkAccount(sandbox, await signIn(sandbox, email))
    const c1 = await s1.createMFAChallenge({ factor: AuthenticationFactor.Recoverycode })
    const done = await s1.updateMFAChallenge({ challengeId: c1.$id, otp: first })
    expect(done.factors).toEqual(['password', 'recoverycode'])

    // The same code again fails.
    const s2 = sdkAccount(sandbox, await signIn(sandbox, email))
    const c2 = await s2.createMFAChallenge({ factor: AuthenticationFactor.Recoverycode })
    const spent = await sdkError(s2.updateMFAChallenge({ challengeId: c2.$id, otp: first }))
    expect([spent.code, spent.type]).toEqual([401, 'user_invalid_token'])

    // `recoveryCode` (the docs' spelling) works too in 1.9 (appwrite-behaviour §12).
    const session3 = await signIn(sandbox, email)
    const created = await call(sandbox, 'POST', '/account/mfa/challenges', { body: { factor: 'recoveryCode' }, headers: { 'X-Appwrite-Session': session3 } })
    expect(created.status).toBe(201)
    const confirmed = await call(sandbox, 'PUT', '/account/mfa/challenges', {
      body: { challengeId: (created.body as { $id: string }).$id, otp: second },
      headers: { 'X-Appwrite-Session': session3 },
    })
    expect(confirmed.status).toBe(200)

    // Two spent, four left (reading them needs the recent challenge this session just did).
    const left = await sdkAccount(sandbox, session3).getMFARecoveryCodes()
    expect(left.recoveryCodes).toEqual(recoveryCodes.slice(2))
  })

  it('reads and regenerates codes only within 30 minutes of a challenge; regenerated codes replace the old', async () => {
    const { account, secret } = await enrolTotp()
    const { recoveryCodes } = await account.createMFARecoveryCodes()
    const stale = await sdkError(account.getMFARecoveryCodes())
    expect([stale.code, stale.type]).toEqual([401, 'user_challenge_required'])
    expect((await sdkError(account.updateMFARecoveryCodes())).type).toBe('user_challenge_required')

    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp })
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(secret) })
    expect((await account.getMFARecoveryCodes()).recoveryCodes).toEqual(recoveryCodes)

    // 29 minutes after the challenge: still fresh. 31 minutes: stale again.
    setMfaUpdatedAt(session.$id, Date.now() - 29 * 60_000)
    expect((await account.getMFARecoveryCodes()).recoveryCodes).toEqual(recoveryCodes)
    setMfaUpdatedAt(session.$id, Date.now() - 31 * 60_000)
    expect((await sdkError(account.getMFARecoveryCodes())).type).toBe('user_challenge_required')

    setMfaUpdatedAt(session.$id, Date.now())
    const regenerated = await account.updateMFARecoveryCodes()
    expect(regenerated.recoveryCodes).toHaveLength(6)
    expect(regenerated.recoveryCodes).not.toEqual(recoveryCodes)
    expect((await account.getMFARecoveryCodes()).recoveryCodes).toEqual(regenerated.recoveryCodes)
  })

  it('answers 404 when there are no codes to read or regenerate', async () => {
    const { account, secret } = await enrolTotp()
    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp })
    await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(secret) })
    expect((await sdkError(account.getMFARecoveryCodes())).type).toBe('user_recovery_codes_not_found')
    const regenerate = await sdkError(account.updateMFARecoveryCodes())
    expect([regenerate.code, regenerate.type]).toEqual([404, 'user_recovery_codes_not_found'])
  })
})

describe('e-mail and SMS challenges', () => {
  it('mails a 6-digit code to a verified e-mail and accepts only that code', async () => {
    const { email, session } = await newUserSession(sandbox, 'Mia')
    await verifyEmail(session, email)
    await sdkAccount(sandbox, session).updateMFA({ mfa: true })

    const pending = await signIn(sandbox, email)
    const account = sdkAccount(sandbox, pending)
    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Email })
    const mail = await eventually(async () =>
      (await sandbox.outbox()).find((m) => m.to === email && m.channel === 'email' && /\b\d{6}\b/.test(m.body) && m.subject.startsWith('Verification Code')),
    )
    const code = /\b(\d{6})\b/.exec(mail.body)?.[1] ?? ''
    expect(mail.subject).toBe('Verification Code for Console Test: MFA')

    expect((await sdkError(account.updateMFAChallenge({ challengeId: challenge.$id, otp: wrongCode(code) }))).type).toBe('user_invalid_token')
    const done = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: code })
    expect(done.factors).toEqual(['password', 'email'])
    await expect(account.get()).resolves.toMatchObject({ email })
  })

  it('refuses e-mail and phone challenges when the channel is missing or unverified', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const unverified = await sdkError(account.createMFAChallenge({ factor: AuthenticationFactor.Email }))
    expect([unverified.code, unverified.type]).toEqual([400, 'user_email_not_verified'])
    const noPhone = await sdkError(account.createMFAChallenge({ factor: AuthenticationFactor.Phone }))
    expect([noPhone.code, noPhone.type]).toEqual([400, 'user_phone_not_found'])

    await account.updatePhone({ phone: `+1555${String(Date.now()).slice(-7)}`, password: PASSWORD })
    const phoneUnverified = await sdkError(account.createMFAChallenge({ factor: AuthenticationFactor.Phone }))
    expect([phoneUnverified.code, phoneUnverified.type]).toEqual([400, 'user_phone_not_verified'])

    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    const noEmail = await sdkError(sdkAccount(sandbox, sessionFromResponse(sandbox, anonymous)).createMFAChallenge({ factor: AuthenticationFactor.Email }))
    expect([noEmail.code, noEmail.type]).toEqual([400, 'user_email_not_found'])
  })

  it('texts a code to a verified phone', async () => {
    const { session, userId } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const phone = `+1556${String(Date.now()).slice(-7)}`
    await account.updatePhone({ phone, password: PASSWORD })
    await account.createPhoneVerification()
    const sms = await eventually(async () => (await sandbox.outbox()).find((m) => m.to === phone && m.channel === 'sms'))
    await account.updatePhoneVerification({ userId, secret: /\b(\d{6})\b/.exec(sms.body)?.[1] ?? '' })

    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Phone })
    const text = await eventually(async () => (await sandbox.outbox()).find((m) => m.to === phone && m.channel === 'sms' && m.$id !== sms.$id))
    const code = /\b(\d{6})\b/.exec(text.body)?.[1] ?? ''
    const done = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: code })
    expect(done.factors).toEqual(['password', 'phone'])
  })

  it("treats another user's challenge id like an unknown one", async () => {
    const alice = await enrolTotp()
    const challenge = await alice.account.createMFAChallenge({ factor: AuthenticationFactor.Totp })
    const bob = sdkAccount(sandbox, (await newUserSession(sandbox)).session)
    const foreign = await sdkError(bob.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(alice.secret) }))
    expect([foreign.code, foreign.type]).toEqual([401, 'user_invalid_token'])
    const unknown = await sdkError(bob.updateMFAChallenge({ challengeId: 'nope', otp: '123456' }))
    expect(unknown.type).toBe('user_invalid_token')
  })

  it('records challenge.create and challenges.update in the audit log', async () => {
    const { account, secret } = await enrolTotp()
    const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp })
    await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await totpNow(secret) })
    const events = (await account.listLogs()).logs.map((log) => log.event)
    expect(events.slice(0, 2)).toEqual(['challenges.update', 'challenge.create'])
    expect(events).toContain('user.update')
  })
})

describe('rate limits (appwrite-behaviour §8)', () => {
  it('allows 10 challenge creations per user and hour, then 429 with X-RateLimit headers', async () => {
    const limited = await withSandbox({ rateLimits: true })
    try {
      const signUp = await call(limited, 'POST', '/account', { body: { userId: 'unique()', email: 'rate@example.com', password: PASSWORD } })
      expect(signUp.status).toBe(201)
      const login = await call(limited, 'POST', '/account/sessions/email', { body: { email: 'rate@example.com', password: PASSWORD } })
      const headers = { 'X-Appwrite-Session': sessionFromResponse(limited, login) }
      for (let i = 0; i < 10; i++) {
        const ok = await call(limited, 'POST', '/account/mfa/challenges', { body: { factor: 'totp' }, headers })
        expect(ok.status).toBe(201)
        expect(ok.headers.get('x-ratelimit-limit')).toBe('10')
        expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(9 - i))
      }
      const refused = await call(limited, 'POST', '/account/mfa/challenges', { body: { factor: 'totp' }, headers })
      expect(refused.status).toBe(429)
      expect(refused.body).toMatchObject({ type: 'general_rate_limit_exceeded' })
    } finally {
      await limited.close()
    }
  })
})
