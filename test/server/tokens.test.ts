/**
 * Token routes and the messages they send: magic URL (+ alias), e-mail OTP, phone OTP (+ alias,
 * mock numbers), recovery, e-mail and phone verification (plural and singular paths), redirect
 * validation and the dev outbox.
 */
import { describe, expect, it } from 'vitest'
import { ID } from 'appwrite'
import {
  PASSWORD,
  call,
  codeIn,
  latestMessage,
  linkParams,
  newUserSession,
  sdkAccount,
  sdkError,
  sessionFromResponse,
  signUp,
  uniqueEmail,
  useSandbox,
} from './support/sandbox'

const MOCK_PHONE = '+15550001111'
const sandbox = useSandbox({ platforms: ['app.example.com', 'myapp'], config: { mockNumbers: [{ phone: MOCK_PHONE, otp: '123456' }] } })

describe('magic URL', () => {
  it('creates the user, mails url?userId&secret&expire&project (keeping the existing query) and returns a blank secret', async () => {
    const email = uniqueEmail('Magic')
    const token = await sdkAccount(sandbox).createMagicURLToken({ userId: 'magic-user-1', email, url: 'http://localhost:5173/callback?flow=abc#frag' })
    expect(token).toMatchObject({ userId: 'magic-user-1', secret: '', phrase: '' })
    expect(Date.parse(token.expire) - Date.parse(token.$createdAt)).toBe(3600_000)
    const message = await latestMessage(sandbox, email)
    expect(message.channel).toBe('email')
    const link = linkParams(message.body)
    expect(link.url.origin + link.url.pathname).toBe('http://localhost:5173/callback')
    expect(link.url.searchParams.get('flow')).toBe('abc')
    expect(link.url.hash).toBe('#frag')
    expect(link).toMatchObject({ userId: 'magic-user-1', project: sandbox.project, expire: token.expire })
    expect(link.secret).toMatch(/^[0-9a-f]{64}$/)
    // E-mail is kept as given (not lower-cased) for token creation (§11.8).
    const user = await sdkAccount(
      sandbox,
      sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/token', { body: { userId: link.userId, secret: link.secret } })),
    ).get()
    expect(user.email).toBe(email)
    expect(user.emailVerification).toBe(true)
  })

  it('answers the POST /account/sessions/magic-url alias, ignores userId for a known e-mail, and adds a phrase on request', async () => {
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    const response = await call(sandbox, 'POST', '/account/sessions/magic-url', { body: { userId: 'ignored-id', email, url: 'myapp://auth', phrase: true } })
    expect(response.status).toBe(201)
    const token = response.body as { userId: string; phrase: string }
    expect(token.userId).toBe(userId)
    expect(token.phrase).toMatch(/^[A-Z][a-z]+ [a-z]+$/)
    expect((await latestMessage(sandbox, email)).body).toContain(token.phrase)
  })

  it("rejects redirect URLs outside the platforms with Appwrite's message", async () => {
    const evil = await call(sandbox, 'POST', '/account/tokens/magic-url', {
      body: { userId: 'unique()', email: uniqueEmail(), url: 'https://evil.example.org/x' },
    })
    expect(evil.body).toMatchObject({
      code: 400,
      type: 'general_argument_invalid',
      message: 'Invalid `url` param: Invalid URI. Register your new client (evil.example.org) as a new Web platform on your project console dashboard',
    })
    for (const url of [
      'http://127.0.0.1:9/x',
      'https://app.example.com/done',
      'account-console://auth',
      `appwrite-callback-${sandbox.project}://cb`,
      'myapp://x',
    ]) {
      const ok = await call(sandbox, 'POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: uniqueEmail(), url } })
      expect(ok.status, url).toBe(201)
    }
    const scheme = await call(sandbox, 'POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: uniqueEmail(), url: 'other-app://cb' } })
    expect(scheme.status).toBe(400)
    const garbage = await call(sandbox, 'POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: uniqueEmail(), url: 'not a url' } })
    expect(garbage.body).toMatchObject({ message: 'Invalid `url` param: Invalid URI.' })
  })
})

describe('e-mail OTP', () => {
  it('mails a 6-digit code valid 15 minutes; the session has provider token and factor email', async () => {
    const email = uniqueEmail()
    const token = await sdkAccount(sandbox).createEmailToken({ userId: ID.unique(), email, phrase: true })
    expect(Date.parse(token.expire) - Date.parse(token.$createdAt)).toBe(15 * 60_000)
    expect(token.phrase).not.toBe('')
    const message = await latestMessage(sandbox, email)
    expect(message.subject).toContain('OTP')
    const session = await sdkAccount(sandbox).createSession({ userId: token.userId, secret: codeIn(message.body) })
    expect(session).toMatchObject({ provider: 'token', factors: ['email'] })
  })
})

describe('phone OTP', () => {
  it('sends an SMS code (and the alias works); mock numbers get their fixed code and no SMS', async () => {
    const phone = `+1777${String(Date.now()).slice(-7)}`
    const token = await sdkAccount(sandbox).createPhoneToken({ userId: ID.unique(), phone })
    expect(token.secret).toBe('')
    const sms = await latestMessage(sandbox, phone)
    expect(sms).toMatchObject({ channel: 'sms', subject: '' })
    expect(codeIn(sms.body)).toMatch(/^\d{6}$/)
    const alias = await call(sandbox, 'POST', '/account/sessions/phone', { body: { userId: 'unique()', phone } })
    expect(alias.status).toBe(201)
    expect((alias.body as { userId: string }).userId).toBe(token.userId)
    const before = (await sandbox.outbox()).length
    const mock = await sdkAccount(sandbox).createPhoneToken({ userId: ID.unique(), phone: MOCK_PHONE })
    expect((await sandbox.outbox()).length).toBe(before)
    const session = await sdkAccount(sandbox).createSession({ userId: mock.userId, secret: '123456' })
    expect(session.provider).toBe('phone')
  })
})

describe('recovery', () => {
  it('mails a link; confirming sets the password, verifies the e-mail and invalidates the token', async () => {
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    const token = await sdkAccount(sandbox).createRecovery({ email: email.toUpperCase(), url: 'http://localhost/reset?x=1' })
    expect(token).toMatchObject({ userId, secret: '' })
    const link = linkParams((await latestMessage(sandbox, email)).body)
    expect(link.secret).toMatch(/^[0-9a-f]{256}$/)
    expect(link.url.searchParams.get('x')).toBe('1')
    const done = await sdkAccount(sandbox).updateRecovery({ userId, secret: link.secret, password: 'recovered-pass-1' })
    expect(done.$id).toBe(token.$id)
    const session = await sdkAccount(sandbox).createEmailPasswordSession({ email, password: 'recovered-pass-1' })
    expect(session.userId).toBe(userId)
    const reused = await sdkError(sdkAccount(sandbox).updateRecovery({ userId, secret: link.secret, password: 'recovered-pass-2' }))
    expect(reused).toMatchObject({ code: 401, type: 'user_invalid_token' })
  })

  it('reveals unknown e-mails (404 user_not_found) and requires a url', async () => {
    expect(await sdkError(sdkAccount(sandbox).createRecovery({ email: uniqueEmail(), url: 'http://localhost/r' }))).toMatchObject({
      code: 404,
      type: 'user_not_found',
    })
    const missingUrl = await call(sandbox, 'POST', '/account/recovery', { body: { email: uniqueEmail() } })
    expect(missingUrl.body).toMatchObject({ message: 'Param "url" is not optional.' })
    const unknownUser = await call(sandbox, 'PUT', '/account/recovery', { body: { userId: 'nobody', secret: 'x', password: PASSWORD } })
    expect(unknownUser.body).toMatchObject({ code: 404, type: 'user_not_found' })
  })
})

describe('verification', () => {
  it('verifies the e-mail through the plural routes; a second request is 409', async () => {
    const { session, email, userId } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const token = await account.createEmailVerification({ url: 'http://localhost/verify' })
    expect(token.userId).toBe(userId)
    const link = linkParams((await latestMessage(sandbox, email)).body)
    await sdkAccount(sandbox).updateEmailVerification({ userId, secret: link.secret })
    expect((await account.get()).emailVerification).toBe(true)
    expect(await sdkError(account.createEmailVerification({ url: 'http://localhost/verify' }))).toMatchObject({
      code: 409,
      type: 'user_email_already_verified',
    })
  })

  it('serves the singular paths too, and refuses bad secrets', async () => {
    const { session, email, userId } = await newUserSession(sandbox)
    const headers = { 'x-appwrite-session': session }
    const created = await call(sandbox, 'POST', '/account/verification', { headers, body: { url: 'http://localhost/v' } })
    expect(created.status).toBe(201)
    const link = linkParams((await latestMessage(sandbox, email)).body)
    const wrong = await call(sandbox, 'PUT', '/account/verification', { body: { userId, secret: 'wrong' } })
    expect(wrong.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
    const confirmed = await call(sandbox, 'PUT', '/account/verification', { body: { userId, secret: link.secret } })
    expect(confirmed.status).toBe(200)
  })

  it('verifies a phone; without a phone → 400 user_phone_not_found', async () => {
    const { session, userId } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    expect(await sdkError(account.createPhoneVerification())).toMatchObject({ code: 400, type: 'user_phone_not_found' })
    const phone = `+4915${String(Date.now()).slice(-9)}`
    await account.updatePhone({ phone, password: PASSWORD })
    await account.createPhoneVerification()
    const code = codeIn((await latestMessage(sandbox, phone)).body)
    const singular = await call(sandbox, 'PUT', '/account/verification/phone', { body: { userId, secret: code } })
    expect(singular.status).toBe(200)
    expect((await account.get()).phoneVerification).toBe(true)
    expect(await sdkError(account.createPhoneVerification())).toMatchObject({ code: 409, type: 'user_phone_already_verified' })
  })

  it('needs a session to create a verification', async () => {
    const response = await call(sandbox, 'POST', '/account/verifications/email', { body: { url: 'http://localhost/v' } })
    expect(response.body).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
  })
})
