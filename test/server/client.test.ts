/**
 * The main-process Account client against the real local sandbox (issue 5 item 10): every
 * client method is exercised over HTTP, with the session carried the way the app carries it —
 * captured from the session-creating response and sent back as `X-Appwrite-Session`.
 *
 * E-mail and SMS secrets are read from the sandbox outbox (`server.outbox()`, issue 3 item 6).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppwriteError, NetworkError, Query, createAccountClient, type AccountClient } from '../../src-main/core/appwrite'
import { startServer, type OutboxMessage, type SandboxServer } from '../../src-server/index'
import { createConsent } from '../../src-server/domain/consents'
import { openDatabase } from '../../src-server/store/database'
import { Browser } from './support/browser'
import { startOidcProvider, type OidcTestProvider } from './support/oidc-provider'

const PASSWORD = 'correct-horse-9'
const REDIRECT = 'http://localhost/after'

let endpoint = ''
let projectId = ''
let server: SandboxServer
let dataDir = ''

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'client-sandbox-'))
  server = await startServer({ dataDir, port: 0, rateLimits: false })
  endpoint = server.url
  projectId = server.projectId
})

afterAll(async () => {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

// ---------------------------------------------------------------- helpers

let counter = 0
function uniqueEmail(tag: string): string {
  counter += 1
  return `${tag}-${Date.now().toString(36)}-${counter}@example.com`
}

function newClient(): AccountClient {
  return createAccountClient({ endpoint, projectId, userAgent: 'AccountConsoleTest/1.0 (linux; Node test)' })
}

/** A signed-up, signed-in user: the client carries the captured session. */
async function signedIn(tag: string): Promise<{ client: AccountClient; email: string; userId: string }> {
  const client = newClient()
  const email = uniqueEmail(tag)
  const user = await client.create({ userId: 'unique()', email, password: PASSWORD, name: tag })
  const { capture } = await client.createEmailPasswordSession({ email, password: PASSWORD })
  if (capture === null) throw new Error('no session captured')
  client.setSession(capture.value)
  return { client, email, userId: user.$id }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

async function expectAppwriteError(promise: Promise<unknown>, type: string, code?: number): Promise<AppwriteError> {
  const error = await caught(promise)
  expect(error).toBeInstanceOf(AppwriteError)
  const e = error as AppwriteError
  expect(e.type).toBe(type)
  if (code !== undefined) expect(e.code).toBe(code)
  return e
}

/** Newest message to `to` (optionally matching), polling briefly with a deadline. */
async function latestMessage(to: string, match: (m: OutboxMessage) => boolean = () => true): Promise<OutboxMessage> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const found = (await server.outbox()).find((m) => m.to === to && match(m))
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`no message to ${to} in the outbox`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** `userId` and `secret` from the link in a message (`url?userId=…&secret=…&expire=…&project=…`). */
function linkParams(message: OutboxMessage, base: string): { userId: string; secret: string; url: URL } {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const raw = new RegExp(`${escaped}\\?[^\\s"'<>]+`).exec(message.body)?.[0]
  if (raw === undefined) throw new Error(`no link to ${base} in: ${message.body}`)
  const url = new URL(raw.replace(/&amp;/g, '&'))
  const userId = url.searchParams.get('userId')
  const secret = url.searchParams.get('secret')
  if (userId === null || secret === null) throw new Error(`link without userId/secret: ${raw}`)
  return { userId, secret, url }
}

function sixDigitCode(message: OutboxMessage): string {
  const code = /\b(\d{6})\b/.exec(message.body)?.[1]
  if (code === undefined) throw new Error(`no 6-digit code in: ${message.body}`)
  return code
}

/** Current TOTP code, waiting out the end of a 30-s step so the server sees the same step. */
async function totpCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
  if (totp.remaining() < 2_000) await new Promise((r) => setTimeout(r, totp.remaining() + 100))
  return totp.generate()
}

let phoneCounter = 0
function uniquePhone(): string {
  phoneCounter += 1
  return `+1555${String(Date.now() % 1_000_000).padStart(6, '0')}${phoneCounter % 10}`
}

// ---------------------------------------------------------------- the first slice

describe('sign-up, password sign-in and sign-out', () => {
  it('create → createEmailPasswordSession (capture) → get → listSessions → deleteSession(current)', async () => {
    const client = newClient()
    const email = uniqueEmail('slice')
    const user = await client.create({ userId: 'unique()', email, password: PASSWORD, name: 'Ada' })
    expect(user.email).toBe(email)
    expect(user.name).toBe('Ada')
    expect(user.$id).toMatch(/^[a-z0-9]{20}$/)

    const { session, capture } = await client.createEmailPasswordSession({ email, password: PASSWORD })
    expect(session.userId).toBe(user.$id)
    expect(session.provider).toBe('email')
    expect(session.factors).toEqual(['password'])
    expect(session.secret).toBe('')
    expect(capture).not.toBeNull()
    const decoded = JSON.parse(Buffer.from(capture?.value ?? '', 'base64').toString('utf8')) as { id: string; secret: string }
    expect(decoded.id).toBe(user.$id)
    expect(decoded.secret).toMatch(/^[0-9a-f]{256}$/)
    // The client does not switch by itself.
    expect(client.getSessionValue()).toBeNull()
    await expectAppwriteError(client.get(), 'general_unauthorized_scope', 401)

    client.setSession(capture?.value ?? null)
    const me = await client.get()
    expect(me.$id).toBe(user.$id)
    expect(me.email).toBe(email)

    const sessions = await client.listSessions()
    expect(sessions.total).toBe(1)
    expect(sessions.sessions[0]?.$id).toBe(session.$id)
    expect(sessions.sessions[0]?.current).toBe(true)

    await expect(client.deleteSession('current')).resolves.toBeUndefined()
    await expectAppwriteError(client.get(), 'general_unauthorized_scope', 401)
  })

  it('wrong password → AppwriteError user_invalid_credentials; duplicate sign-up → user_already_exists', async () => {
    const { email } = await signedIn('wrong')
    const guest = newClient()
    const e = await expectAppwriteError(guest.createEmailPasswordSession({ email, password: 'not-the-password' }), 'user_invalid_credentials', 401)
    expect(e.message.length).toBeGreaterThan(0)
    await expectAppwriteError(guest.create({ userId: 'unique()', email, password: PASSWORD }), 'user_already_exists', 409)
  })

  it('a signed-in caller cannot create another session (user_session_already_exists)', async () => {
    const { client, email } = await signedIn('twice')
    await expectAppwriteError(client.createEmailPasswordSession({ email, password: PASSWORD }), 'user_session_already_exists', 401)
  })

  it('a closed sandbox is a NetworkError, not an AppwriteError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'client-closed-'))
    const other = await startServer({ dataDir: dir, port: 0, rateLimits: false })
    await other.close()
    const client = createAccountClient({ endpoint: other.url, projectId, timeoutMs: 5_000 })
    client.setSession('c2Vzc2lvbi12YWx1ZS1uZXZlci1sb2dnZWQ=')
    const error = await caught(client.get())
    expect(error).toBeInstanceOf(NetworkError)
    expect(JSON.stringify(error)).not.toContain('c2Vzc2lvbi12YWx1ZS1uZXZlci1sb2dnZWQ=')
    await rm(dir, { recursive: true, force: true })
  })
})

// ---------------------------------------------------------------- account

describe('account', () => {
  it('updateName', async () => {
    const { client } = await signedIn('name')
    const user = await client.updateName({ name: 'Grace Hopper' })
    expect(user.name).toBe('Grace Hopper')
    expect((await client.get()).name).toBe('Grace Hopper')
  })

  it('updateEmail needs the password and resets verification', async () => {
    const { client } = await signedIn('email')
    const next = uniqueEmail('email-next')
    await expectAppwriteError(client.updateEmail({ email: next, password: 'wrong-password' }), 'user_invalid_credentials', 401)
    const user = await client.updateEmail({ email: next, password: PASSWORD })
    expect(user.email).toBe(next)
    expect(user.emailVerification).toBe(false)
  })

  it('updatePassword checks oldPassword, and the new password signs in', async () => {
    const { client, email } = await signedIn('password')
    await expectAppwriteError(client.updatePassword({ password: 'brand-new-pass-1', oldPassword: 'wrong-password' }), 'user_invalid_credentials', 401)
    const user = await client.updatePassword({ password: 'brand-new-pass-1', oldPassword: PASSWORD })
    expect(user.passwordUpdate).not.toBe('')
    const { capture } = await newClient().createEmailPasswordSession({ email, password: 'brand-new-pass-1' })
    expect(capture).not.toBeNull()
  })

  it('updatePhone', async () => {
    const { client } = await signedIn('phone')
    const phone = uniquePhone()
    const user = await client.updatePhone({ phone, password: PASSWORD })
    expect(user.phone).toBe(phone)
    expect(user.phoneVerification).toBe(false)
  })

  it('getPrefs / updatePrefs replace the whole object', async () => {
    const { client } = await signedIn('prefs')
    expect(await client.getPrefs()).toEqual({})
    await client.updatePrefs({ prefs: { theme: 'dark', locale: 'de' } })
    const user = await client.updatePrefs({ prefs: { theme: 'light' } })
    expect(user.prefs).toEqual({ theme: 'light' })
    expect(await client.getPrefs()).toEqual({ theme: 'light' })
  })

  it('updateStatus blocks the account; later calls fail with user_blocked', async () => {
    const { client, email } = await signedIn('status')
    const user = await client.updateStatus()
    expect(user.status).toBe(false)
    await expectAppwriteError(client.get(), 'user_blocked')
    await expectAppwriteError(newClient().createEmailPasswordSession({ email, password: PASSWORD }), 'user_blocked')
  })
})

// ---------------------------------------------------------------- sessions

describe('sessions', () => {
  it('getSession (current and by id), updateSession, deleteSession of another device, deleteSessions', async () => {
    const { client, email } = await signedIn('sessions')
    const other = newClient()
    const second = await other.createEmailPasswordSession({ email, password: PASSWORD })
    other.setSession(second.capture?.value ?? null)

    const current = await client.getSession({ sessionId: 'current' })
    expect(current.current).toBe(true)
    const byId = await client.getSession(second.session.$id)
    expect(byId.$id).toBe(second.session.$id)
    expect(byId.current).toBe(false)

    const extended = await client.updateSession({ sessionId: 'current' })
    expect(extended.$id).toBe(current.$id)
    expect(Date.parse(extended.expire)).toBeGreaterThanOrEqual(Date.parse(current.expire))

    expect((await client.listSessions()).total).toBe(2)
    await client.deleteSession({ sessionId: second.session.$id })
    await expectAppwriteError(other.get(), 'general_unauthorized_scope', 401)
    expect((await client.listSessions()).total).toBe(1)
    await expectAppwriteError(client.getSession('no-such-session'), 'user_session_not_found', 404)

    await expect(client.deleteSessions()).resolves.toBeUndefined()
    await expectAppwriteError(client.get(), 'general_unauthorized_scope', 401)
  })

  it('createAnonymousSession captures a session; updateEmail makes the account permanent', async () => {
    const client = newClient()
    const { session, capture } = await client.createAnonymousSession()
    expect(session.provider).toBe('anonymous')
    expect(capture).not.toBeNull()
    client.setSession(capture?.value ?? null)
    const anon = await client.get()
    expect(anon.email).toBe('')
    const email = uniqueEmail('anon')
    const user = await client.updateEmail({ email, password: PASSWORD })
    expect(user.email).toBe(email)
    expect((await newClient().createEmailPasswordSession({ email, password: PASSWORD })).capture).not.toBeNull()
  })
})

// ---------------------------------------------------------------- tokens → sessions

describe('token sign-in', () => {
  it('createEmailToken → code from the outbox → createSession', async () => {
    const client = newClient()
    const email = uniqueEmail('otp')
    const token = await client.createEmailToken({ userId: 'unique()', email, phrase: true })
    expect(token.secret).toBe('')
    expect(token.phrase).not.toBe('')
    const code = sixDigitCode(await latestMessage(email))
    const { session, capture } = await client.createSession({ userId: token.userId, secret: code })
    expect(session.userId).toBe(token.userId)
    expect(capture).not.toBeNull()
    client.setSession(capture?.value ?? null)
    const user = await client.get()
    expect(user.email).toBe(email)
    expect(user.emailVerification).toBe(true)
  })

  it('createMagicURLToken → link from the outbox → updateMagicURLSession', async () => {
    const client = newClient()
    const email = uniqueEmail('magic')
    const token = await client.createMagicURLToken({ userId: 'unique()', email, url: `${REDIRECT}/magic`, phrase: false })
    expect(token.phrase).toBe('')
    const { userId, secret, url } = linkParams(await latestMessage(email), `${REDIRECT}/magic`)
    expect(userId).toBe(token.userId)
    expect(url.searchParams.get('project')).toBe(projectId)
    const { session, capture } = await client.updateMagicURLSession({ userId, secret })
    expect(session.userId).toBe(userId)
    expect(capture).not.toBeNull()
  })

  it('createMagicURLToken → createSession (the current way to finish a magic link)', async () => {
    const client = newClient()
    const email = uniqueEmail('magic2')
    await client.createMagicURLToken({ userId: 'unique()', email, url: `${REDIRECT}/magic2` })
    const { userId, secret } = linkParams(await latestMessage(email), `${REDIRECT}/magic2`)
    const { capture } = await client.createSession({ userId, secret })
    client.setSession(capture?.value ?? null)
    expect((await client.get()).$id).toBe(userId)
    // A token is single use.
    await expectAppwriteError(newClient().createSession({ userId, secret }), 'user_invalid_token', 401)
  })

  it('createPhoneToken → SMS code from the outbox → updatePhoneSession', async () => {
    const client = newClient()
    const phone = uniquePhone()
    const token = await client.createPhoneToken({ userId: 'unique()', phone })
    const sms = await latestMessage(phone, (m) => m.channel === 'sms')
    const { session, capture } = await client.updatePhoneSession({ userId: token.userId, secret: sixDigitCode(sms) })
    expect(session.userId).toBe(token.userId)
    client.setSession(capture?.value ?? null)
    const user = await client.get()
    expect(user.phone).toBe(phone)
    expect(user.phoneVerification).toBe(true)
  })
})

// ---------------------------------------------------------------- recovery and verification

describe('recovery and verification', () => {
  it('createRecovery → link → updateRecovery → the new password signs in', async () => {
    const { email } = await signedIn('recovery')
    const guest = newClient()
    const token = await guest.createRecovery({ email, url: `${REDIRECT}/recovery` })
    expect(token.secret).toBe('')
    const { userId, secret } = linkParams(await latestMessage(email, (m) => m.body.includes('/recovery')), `${REDIRECT}/recovery`)
    const done = await guest.updateRecovery({ userId, secret, password: 'recovered-pass-1' })
    expect(done.userId).toBe(userId)
    expect((await newClient().createEmailPasswordSession({ email, password: 'recovered-pass-1' })).capture).not.toBeNull()
    await expectAppwriteError(guest.createRecovery({ email: uniqueEmail('nobody'), url: `${REDIRECT}/recovery` }), 'user_not_found', 404)
  })

  it('createEmailVerification → link → updateEmailVerification', async () => {
    const { client, email, userId } = await signedIn('verify')
    await client.createEmailVerification({ url: `${REDIRECT}/verify` })
    const link = linkParams(await latestMessage(email, (m) => m.body.includes('/verify')), `${REDIRECT}/verify`)
    expect(link.userId).toBe(userId)
    // The confirmation needs no session.
    await newClient().updateEmailVerification({ userId: link.userId, secret: link.secret })
    expect((await client.get()).emailVerification).toBe(true)
    await expectAppwriteError(client.createEmailVerification({ url: `${REDIRECT}/verify` }), 'user_email_already_verified', 409)
  })

  it('createPhoneVerification → SMS code → updatePhoneVerification', async () => {
    const { client, userId } = await signedIn('verify-phone')
    const phone = uniquePhone()
    await client.updatePhone({ phone, password: PASSWORD })
    const token = await client.createPhoneVerification()
    expect(token.userId).toBe(userId)
    const sms = await latestMessage(phone, (m) => m.channel === 'sms')
    await client.updatePhoneVerification({ userId, secret: sixDigitCode(sms) })
    expect((await client.get()).phoneVerification).toBe(true)
  })
})

// ---------------------------------------------------------------- 2.x additions

describe('2.x additions (the default sandbox serves both lines)', () => {
  it('getServerVersion reads the public /health/version without a session', async () => {
    expect(await newClient().getServerVersion()).toEqual({ version: '2.3.0' })
  })

  it('createRecoveryOTP → code → updateRecoveryOTP sets the password; a used code is refused', async () => {
    const { email, userId } = await signedIn('recovery-code')
    const guest = newClient()
    const token = await guest.createRecoveryOTP({ email, phrase: true })
    expect(token).toMatchObject({ userId, secret: '' })
    expect(token.phrase).not.toBe('')
    const code = sixDigitCode(await latestMessage(email, (m) => m.body.includes(token.phrase)))
    await guest.updateRecoveryOTP({ userId, secret: code, password: 'recovered-by-code-1' })
    expect((await newClient().createEmailPasswordSession({ email, password: 'recovered-by-code-1' })).capture).not.toBeNull()
    await expectAppwriteError(guest.updateRecoveryOTP({ userId, secret: code, password: 'again-and-again-2' }), 'user_invalid_token', 401)
  })

  it('createEmailVerificationOTP → code → updateEmailVerificationOTP (no session needed to confirm)', async () => {
    const { client, email, userId } = await signedIn('verify-code')
    const token = await client.createEmailVerificationOTP()
    expect(token.userId).toBe(userId)
    const code = sixDigitCode(await latestMessage(email))
    await newClient().updateEmailVerificationOTP({ userId, secret: code })
    expect((await client.get()).emailVerification).toBe(true)
  })

  it('listConsents, getConsent, listConsentTokens, getConsentToken, deleteConsentToken, deleteConsent', async () => {
    const { client, userId } = await signedIn('consents')
    const db = openDatabase(dataDir)
    let consentId = ''
    try {
      consentId = createConsent(db, {
        userId,
        appId: 'notes-app',
        cimdUrl: '',
        scopes: ['openid'],
        resources: [],
        authorizationDetails: '[]',
        tokenFamilies: [{ expire: Date.now() + 3_600_000 }, { expire: null }],
      }).id
    } finally {
      db.close()
    }
    const list = await client.listConsents({ queries: [Query.limit(10)] })
    expect(list.consents.map((consent) => consent.$id)).toEqual([consentId])
    expect((await client.getConsent({ consentId })).appId).toBe('notes-app')
    const tokens = await client.listConsentTokens({ consentId })
    expect(tokens.total).toBe(2)
    const tokenId = tokens.tokens[0]?.$id ?? ''
    expect((await client.getConsentToken({ consentId, tokenId })).consentId).toBe(consentId)
    await client.deleteConsentToken({ consentId, tokenId })
    expect((await client.listConsentTokens({ consentId })).total).toBe(1)
    await client.deleteConsent({ consentId })
    expect((await client.listConsents()).total).toBe(0)
    expect((await expectAppwriteError(client.getConsent({ consentId }), 'consent_not_found')).code).toBe(404)
  })
})

// ---------------------------------------------------------------- JWT, logs, identities, targets

describe('JWT, logs, identities and push targets', () => {
  it('createJWT (with duration) authenticates another client through setJwt', async () => {
    const { client, userId } = await signedIn('jwt')
    const { jwt } = await client.createJWT({ duration: 600 })
    expect(jwt.split('.')).toHaveLength(3)
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { userId: string; exp: number }
    expect(claims.userId).toBe(userId)
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(500)
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600)
    expect((await client.createJWT()).jwt.split('.')).toHaveLength(3)

    const viaJwt = newClient()
    viaJwt.setJwt(jwt)
    expect((await viaJwt.get()).$id).toBe(userId)
    viaJwt.setJwt('not.a.jwt')
    await expectAppwriteError(viaJwt.get(), 'user_jwt_invalid', 401)
  })

  it('listLogs pages with limit/offset and honours total=false', async () => {
    const { client } = await signedIn('logs')
    await client.updateName({ name: 'Logged' })
    const all = await client.listLogs()
    expect(all.total).toBeGreaterThanOrEqual(2)
    expect(all.logs.map((l) => l.event)).toEqual(expect.arrayContaining(['session.create', 'user.update']))
    // Newest first.
    expect(all.logs[0]?.event).toBe('user.update')

    const page = await client.listLogs({ queries: [Query.limit(1), Query.offset(1)] })
    expect(page.logs).toHaveLength(1)
    expect(page.logs[0]?.event).toBe(all.logs[1]?.event)
    const uncounted = await client.listLogs({ queries: [Query.limit(1)], total: false })
    expect(uncounted.total).toBe(0)
    expect(uncounted.logs).toHaveLength(1)
    await expectAppwriteError(client.listLogs({ queries: ['limit(25)'] }), 'general_query_invalid', 400)
  })

  it('listIdentities with queries and total; deleteIdentity of an unknown id', async () => {
    const { client } = await signedIn('identities')
    const list = await client.listIdentities({ queries: [Query.equal('provider', 'oidc'), Query.limit(10)], total: true })
    expect(list).toEqual({ total: 0, identities: [] })
    expect(await client.listIdentities({ total: false })).toEqual({ total: 0, identities: [] })
    await expectAppwriteError(client.deleteIdentity({ identityId: 'missing-identity' }), 'user_identity_not_found', 404)
  })

  it('createPushTarget → updatePushTarget → deletePushTarget', async () => {
    const { client, userId } = await signedIn('push')
    const target = await client.createPushTarget({ targetId: 'unique()', identifier: 'fcm-token-1' })
    expect(target.providerType).toBe('push')
    expect(target.identifier).toBe('fcm-token-1')
    expect(target.userId).toBe(userId)
    expect((await client.get()).targets.map((t) => t.$id)).toContain(target.$id)

    const updated = await client.updatePushTarget({ targetId: target.$id, identifier: 'fcm-token-2' })
    expect(updated.identifier).toBe('fcm-token-2')
    expect(updated.expired).toBe(false)

    await expect(client.deletePushTarget({ targetId: target.$id })).resolves.toBeUndefined()
    expect((await client.get()).targets.map((t) => t.$id)).not.toContain(target.$id)
    await expectAppwriteError(client.updatePushTarget({ targetId: target.$id, identifier: 'x' }), 'user_target_not_found', 404)
  })
})

// ---------------------------------------------------------------- MFA

describe('MFA', () => {
  it('TOTP enrolment, recovery codes, MFA on, sign-in challenge, freshness-protected routes, removal', async () => {
    const { client, email } = await signedIn('mfa')

    const factorsBefore = await client.listMfaFactors()
    expect(factorsBefore).toEqual({ totp: false, phone: false, email: false, recoveryCode: false })

    const authenticator = await client.createMfaAuthenticator({ type: 'totp' })
    expect(authenticator.uri).toMatch(/^otpauth:\/\/totp\//)
    expect(authenticator.secret).toMatch(/^[A-Z2-7]+$/)
    const enrolled = await client.updateMfaAuthenticator({ type: 'totp', otp: await totpCode(authenticator.secret) })
    expect(enrolled.$id).toBeDefined()

    const codes = await client.createMfaRecoveryCodes()
    expect(codes.recoveryCodes).toHaveLength(6)
    await expectAppwriteError(client.createMfaRecoveryCodes(), 'user_recovery_codes_already_exists', 409)

    const user = await client.updateMFA({ mfa: true })
    expect(user.mfa).toBe(true)
    expect(await client.listMfaFactors()).toMatchObject({ totp: true, recoveryCode: true })

    // A new sign-in has one factor: GET /account asks for more.
    const device = newClient()
    const login = await device.createEmailPasswordSession({ email, password: PASSWORD })
    device.setSession(login.capture?.value ?? null)
    await expectAppwriteError(device.get(), 'user_more_factors_required', 401)

    const challenge = await device.createMfaChallenge({ factor: 'totp' })
    expect(challenge.$id).not.toBe('')
    await expectAppwriteError(device.updateMfaChallenge({ challengeId: challenge.$id, otp: '000000' }), 'user_invalid_token', 401)
    const completed = await device.updateMfaChallenge({ challengeId: challenge.$id, otp: await totpCode(authenticator.secret) })
    expect(completed.factors).toEqual(expect.arrayContaining(['password', 'totp']))
    expect((await device.get()).email).toBe(email)

    // Fresh challenge → the protected routes answer.
    const shown = await device.getMfaRecoveryCodes()
    expect(shown.recoveryCodes).toEqual(codes.recoveryCodes)
    const regenerated = await device.updateMfaRecoveryCodes()
    expect(regenerated.recoveryCodes).toHaveLength(6)
    expect(regenerated.recoveryCodes).not.toEqual(codes.recoveryCodes)

    // A recovery code completes a challenge once.
    const third = newClient()
    const thirdLogin = await third.createEmailPasswordSession({ email, password: PASSWORD })
    third.setSession(thirdLogin.capture?.value ?? null)
    const recovery = await third.createMfaChallenge({ factor: 'recoverycode' })
    const code = regenerated.recoveryCodes[0] ?? ''
    await third.updateMfaChallenge({ challengeId: recovery.$id, otp: code })
    expect((await third.get()).email).toBe(email)
    const again = await third.createMfaChallenge({ factor: 'recoverycode' })
    await expectAppwriteError(third.updateMfaChallenge({ challengeId: again.$id, otp: code }), 'user_invalid_token', 401)

    await expect(device.deleteMfaAuthenticator({ type: 'totp' })).resolves.toBeUndefined()
    expect((await device.listMfaFactors()).totp).toBe(false)
    const off = await device.updateMFA({ mfa: false })
    expect(off.mfa).toBe(false)
  })

  it('protected MFA routes without a recent challenge → user_challenge_required', async () => {
    const { client, email } = await signedIn('mfa-fresh')
    const authenticator = await client.createMfaAuthenticator({ type: 'totp' })
    await client.updateMfaAuthenticator({ type: 'totp', otp: await totpCode(authenticator.secret) })
    await client.createMfaRecoveryCodes()
    // A new session (MFA is still off, so it is fully signed in) that has never completed a challenge.
    const device = newClient()
    device.setSession((await device.createEmailPasswordSession({ email, password: PASSWORD })).capture?.value ?? null)
    await expectAppwriteError(device.getMfaRecoveryCodes(), 'user_challenge_required', 401)
    await expectAppwriteError(device.updateMfaRecoveryCodes(), 'user_challenge_required', 401)
    await expectAppwriteError(device.deleteMfaAuthenticator({ type: 'totp' }), 'user_challenge_required', 401)
  })
})

// ---------------------------------------------------------------- OAuth2 (real OpenID provider)

describe('OAuth2 through a real OpenID Connect provider', () => {
  const CLIENT_ID = 'account-console-client'
  const CLIENT_SECRET = 'client-secret-for-tests-0123456789'
  let idp: OidcTestProvider
  let oauthSandbox: SandboxServer
  let oauthDir = ''

  beforeAll(async () => {
    idp = await startOidcProvider()
    oauthDir = await mkdtemp(join(tmpdir(), 'client-oauth-'))
    oauthSandbox = await startServer({
      dataDir: oauthDir,
      port: 0,
      rateLimits: false,
      config: {
        oauthProviders: {
          oidc: {
            enabled: true,
            appId: CLIENT_ID,
            secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }),
          },
        },
      },
    })
    idp.configure({
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [`${oauthSandbox.url}/account/sessions/oauth2/callback/oidc/${oauthSandbox.projectId}`],
        },
      ],
      accounts: [
        { sub: 'alice-sub', email: 'alice@example.com', name: 'Alice Liddell' },
        { sub: 'bob-sub', email: 'bob@example.com', name: 'Bob' },
      ],
    })
  })

  afterAll(async () => {
    await oauthSandbox.close()
    await idp.close()
    await rm(oauthDir, { recursive: true, force: true })
  })

  function oauthClient(): AccountClient {
    return createAccountClient({ endpoint: oauthSandbox.url, projectId: oauthSandbox.projectId })
  }

  /** What the system browser does: follow redirects, sign in and consent at the provider, stop at our success/failure URL. */
  async function browse(url: string, accountId: string): Promise<{ browser: Browser; landed: URL }> {
    const browser = new Browser()
    const atApp = (u: URL): boolean => u.hostname === 'localhost' && u.pathname.startsWith('/after/')
    const start = await browser.follow(url, atApp)
    const loginPage = start.hops.at(-1)?.url ?? ''
    expect(loginPage).toContain('/interaction/')
    const afterLogin = await browser.submit(loginPage, { login: accountId }, atApp)
    const consentPage = afterLogin.hops.at(-1)?.url ?? ''
    const done = afterLogin.stoppedAt !== undefined ? afterLogin : await browser.submit(consentPage, { consent: '1' }, atApp)
    if (done.stoppedAt === undefined) throw new Error(`never came back to the app: ${done.final.status} ${done.final.body.slice(0, 200)}`)
    return { browser, landed: done.stoppedAt }
  }

  it('createOAuth2Token → provider sign-in → userId/secret on the success URL → createSession; listIdentities / deleteIdentity', async () => {
    const client = oauthClient()
    const url = client.createOAuth2Token({
      provider: 'oidc',
      success: `${REDIRECT}/oauth-ok?flow=n1`,
      failure: `${REDIRECT}/oauth-fail?flow=n1`,
      scopes: ['email'],
    })
    const { landed } = await browse(url, 'alice-sub')
    expect(landed.pathname).toBe('/after/oauth-ok')
    expect(landed.searchParams.get('flow')).toBe('n1')
    const userId = landed.searchParams.get('userId') ?? ''
    const secret = landed.searchParams.get('secret') ?? ''
    expect(secret).toMatch(/^[0-9a-f]{64}$/)

    const { session, capture } = await client.createSession({ userId, secret })
    expect(session.provider).toBe('oauth2')
    expect(capture).not.toBeNull()
    client.setSession(capture?.value ?? null)
    const user = await client.get()
    expect(user.email).toBe('alice@example.com')

    const identities = await client.listIdentities({ queries: [Query.equal('provider', 'oidc'), Query.limit(5)] })
    expect(identities.total).toBe(1)
    const identity = identities.identities[0]
    expect(identity?.providerUid).toBe('alice-sub')
    expect(identity?.providerEmail).toBe('alice@example.com')
    expect((await client.listIdentities({ queries: [Query.equal('provider', 'github')] })).total).toBe(0)
    expect((await client.listIdentities({ total: false })).total).toBe(0)

    await expect(client.deleteIdentity({ identityId: identity?.$id ?? '' })).resolves.toBeUndefined()
    expect((await client.listIdentities()).identities).toEqual([])
  })

  it('createOAuth2Session → provider sign-in → the session cookie lands in the browser and works as X-Appwrite-Session', async () => {
    const client = oauthClient()
    const url = client.createOAuth2Session({ provider: 'oidc', success: `${REDIRECT}/oauth-ok`, failure: `${REDIRECT}/oauth-fail` })
    const { browser, landed } = await browse(url, 'bob-sub')
    expect(landed.pathname).toBe('/after/oauth-ok')
    const sandboxHost = new URL(oauthSandbox.url).host
    const cookie = browser.cookies(sandboxHost).get(`a_session_${oauthSandbox.projectId}`)
    expect(cookie).toBeDefined()
    client.setSession(decodeURIComponent(cookie ?? ''))
    const user = await client.get()
    expect(user.email).toBe('bob@example.com')
    const current = await client.getSession('current')
    expect(current.provider).toBe('oidc')
    expect(current.factors).toEqual(expect.arrayContaining(['email', 'oauth2']))
  })

  it('an OAuth2 URL for a provider that is not enabled ends at the failure URL or an error page, never a session', async () => {
    const url = oauthClient().createOAuth2Token({ provider: 'github', success: `${REDIRECT}/oauth-ok`, failure: `${REDIRECT}/oauth-fail` })
    const response = await fetch(url, { redirect: 'manual' })
    const body = await response.text()
    const location = response.headers.get('location') ?? ''
    expect(`${location} ${body}`).toContain('project_provider_disabled')
  })

  it('checkOAuth2Start: an enabled provider lets the start through, a disabled one is refused with its error before any browser opens', async () => {
    const client = oauthClient()
    await expect(
      client.checkOAuth2Start(client.createOAuth2Token({ provider: 'oidc', success: `${REDIRECT}/oauth-ok`, failure: `${REDIRECT}/oauth-fail` })),
    ).resolves.toBeUndefined()
    const refused = client.checkOAuth2Start(
      client.createOAuth2Token({ provider: 'github', success: `${REDIRECT}/oauth-ok`, failure: `${REDIRECT}/oauth-fail` }),
    )
    await expect(refused).rejects.toMatchObject({ code: 412, type: 'project_provider_disabled' })
  })
})

// ---------------------------------------------------------------- coverage guard

describe('coverage', () => {
  it('every route method of the client is called somewhere in this file', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    const notRoutes = new Set(['setSession', 'getSessionValue', 'setJwt', 'setLocale'])
    const methods = Object.entries(newClient())
      .filter(([name, value]) => typeof value === 'function' && !notRoutes.has(name))
      .map(([name]) => name)
    expect(methods.length).toBeGreaterThanOrEqual(58)
    const missing = methods.filter((name) => !source.includes(`.${name}(`))
    expect(missing).toEqual([])
  })
})
