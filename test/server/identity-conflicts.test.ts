/**
 * Behaviour that depends on other rows: e-mails held by another user's OAuth identity (Appwrite's
 * mixed 400/409 answers, appwrite-behaviour §11.9), recovery ending other sessions (1.9), and the plural
 * and singular phone-verification paths through the SDK.
 */
import { describe, expect, it } from 'vitest'
import { ID } from 'appwrite'
import { upsertIdentity } from '../../src-server/domain/identities'
import {
  PASSWORD,
  call,
  codeIn,
  inSandboxDb,
  latestMessage,
  linkParams,
  newUserSession,
  sdkAccount,
  sdkError,
  signIn,
  uniqueEmail,
  useSandbox,
} from './support/sandbox'

const sandbox = useSandbox()

function linkIdentity(userId: string, providerEmail: string): void {
  inSandboxDb(sandbox, (db) => {
    upsertIdentity(db, {
      userId,
      provider: 'oidc',
      providerUid: `uid-${providerEmail}`,
      providerEmail,
      providerAccessToken: '',
      providerAccessTokenExpiry: null,
      providerRefreshToken: '',
    })
  })
}

describe("e-mails held by another user's OAuth identity", () => {
  it('answers sign-up 400 general_bad_request, magic URL 409 user_email_already_exists, e-mail OTP 400', async () => {
    const { userId } = await newUserSession(sandbox)
    const taken = uniqueEmail('idp')
    linkIdentity(userId, taken)
    const signUpResponse = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email: taken, password: PASSWORD } })
    expect(signUpResponse.body).toMatchObject({ code: 400, type: 'general_bad_request' })
    const magic = await sdkError(sdkAccount(sandbox).createMagicURLToken({ userId: ID.unique(), email: taken }))
    expect(magic).toMatchObject({ code: 409, type: 'user_email_already_exists' })
    const otp = await sdkError(sdkAccount(sandbox).createEmailToken({ userId: ID.unique(), email: taken }))
    expect(otp).toMatchObject({ code: 400, type: 'general_bad_request' })
    const other = await newUserSession(sandbox)
    const update = await sdkError(sdkAccount(sandbox, other.session).updateEmail({ email: taken, password: PASSWORD }))
    expect(update).toMatchObject({ code: 400, type: 'general_bad_request' })
  })
})

describe('recovery and sessions', () => {
  it("ends the user's sessions when the password is reset (1.9, invalidateSessions on)", async () => {
    const { userId, email, session } = await newUserSession(sandbox)
    await sdkAccount(sandbox).createRecovery({ email, url: 'http://localhost/reset' })
    const link = linkParams((await latestMessage(sandbox, email)).body)
    await sdkAccount(sandbox).updateRecovery({ userId, secret: link.secret, password: 'reset-password-7' })
    expect((await sdkError(sdkAccount(sandbox, session).get())).code).toBe(401)
    const user = await sdkAccount(sandbox, await signIn(sandbox, email, 'reset-password-7')).get()
    expect(user.emailVerification).toBe(true)
  })

  it('validates the new password like sign-up', async () => {
    const response = await call(sandbox, 'PUT', '/account/recovery', { body: { userId: 'someone', secret: 'x', password: 'short' } })
    expect(response.body).toMatchObject({
      code: 400,
      type: 'general_argument_invalid',
      message: 'Invalid `password` param: Password must be between 8 and 256 characters long.',
    })
  })
})

describe('phone verification paths', () => {
  it("serves POST /account/verification/phone and the SDK's plural PUT", async () => {
    const { session, userId } = await newUserSession(sandbox)
    const phone = `+3361${String(Date.now()).slice(-8)}`
    await sdkAccount(sandbox, session).updatePhone({ phone, password: PASSWORD })
    const created = await call(sandbox, 'POST', '/account/verification/phone', { headers: { 'x-appwrite-session': session }, body: {} })
    expect(created.status).toBe(201)
    const code = codeIn((await latestMessage(sandbox, phone)).body)
    const wrong = await sdkError(sdkAccount(sandbox).updatePhoneVerification({ userId, secret: '000000' === code ? '111111' : '000000' }))
    expect(wrong).toMatchObject({ code: 401, type: 'user_invalid_token' })
    const confirmed = await sdkAccount(sandbox).updatePhoneVerification({ userId, secret: code })
    expect(confirmed.userId).toBe(userId)
    expect((await sdkAccount(sandbox, session).get()).phoneVerification).toBe(true)
  })
})
