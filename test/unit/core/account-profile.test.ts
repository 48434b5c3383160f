/**
 * `account.*` handlers against the real sandbox: what the Profile screen does (name, e-mail,
 * phone, password, phone verification, block), including refused input and Appwrite's errors
 * kept as values.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { User } from '../../../src-shared/appwrite'
import type { AuthState, FlowDTO } from '../../../src-shared/ipc'
import {
  PASSWORD,
  expectError,
  expectOk,
  profileId,
  sandboxFetch,
  signInAnonymouslyByHand,
  signInElsewhere,
  signUp,
  CoreWorld,
  uniqueEmail,
  worldForEachTest,
} from './core-world'

let h: CoreWorld
worldForEachTest((world) => (h = world))

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)

describe('account.get and account.updateName', () => {
  it('reads the signed-in account and renames it', async () => {
    const state = await signUp(h)
    const account = expectOk<User>(await invoke('account.get', { profileId }))
    expect(account.$id).toBe(state.account!.$id)

    const renamed = expectOk<User>(await invoke('account.updateName', { profileId, name: '  Ada King  ' }))
    expect(renamed.name).toBe('Ada King')
    expect(expectOk<User>(await invoke('account.get', { profileId })).name).toBe('Ada King')
  })

  it('allows an empty name, as Appwrite does, and refuses one over 128 characters', async () => {
    await signUp(h)
    expect(expectOk<User>(await invoke('account.updateName', { profileId, name: '' })).name).toBe('')
    expect(expectError(await invoke('account.updateName', { profileId, name: 'x'.repeat(129) })).type).toBe('invalid_argument')
  })

  it('says "not signed in" when the profile has no session, and refuses unknown profiles', async () => {
    expect(expectError(await invoke('account.get', { profileId }))).toMatchObject({ type: 'not_signed_in', code: 0 })
    expect(expectError(await invoke('account.get', { profileId: 'nope' })).type).toBe('no_profile')
    expect(expectError(await invoke('account.get', { profileId, extra: 1 })).type).toBe('invalid_argument')
  })
})

describe('account.updateEmail', () => {
  it('changes the e-mail after checking the password, and resets its verification', async () => {
    await signUp(h)
    const next = uniqueEmail('new')
    const updated = expectOk<User>(await invoke('account.updateEmail', { profileId, email: next.toUpperCase(), password: PASSWORD }))
    // Appwrite lower-cases e-mail addresses on update (appwrite-behaviour §3.2).
    expect(updated.email).toBe(next)
    expect(updated.emailVerification).toBe(false)
  })

  it("keeps a wrong password as Appwrite's own error value", async () => {
    await signUp(h)
    const error = expectError(await invoke('account.updateEmail', { profileId, email: uniqueEmail('new'), password: 'not the password' }))
    expect(error).toEqual({ type: 'user_invalid_credentials', code: 401, message: expect.any(String) })
  })

  it("refuses an e-mail another account has, with Appwrite's conflict type", async () => {
    const taken = uniqueEmail('taken')
    await signUp(h, taken)
    expectOk(await invoke('auth.signOut', { profileId }))
    await signUp(h)
    const error = expectError(await invoke('account.updateEmail', { profileId, email: taken, password: PASSWORD }))
    expect(error.code).toBe(409)
    expect(['user_target_already_exists', 'user_already_exists', 'user_email_already_exists']).toContain(error.type)
  })

  it('turns an anonymous account permanent: the password given is set, and signs in afterwards', async () => {
    const userId = await signInAnonymouslyByHand(h)
    const before = expectOk<User>(await invoke('account.get', { profileId }))
    expect(before).toMatchObject({ $id: userId, email: '', passwordUpdate: '' })

    const email = uniqueEmail('kept')
    const updated = expectOk<User>(await invoke('account.updateEmail', { profileId, email, password: PASSWORD }))
    expect(updated.email).toBe(email)
    expect(updated.passwordUpdate).not.toBe('')

    // The e-mail and the new password now sign in to the same account.
    expectOk(await invoke('auth.signOut', { profileId }))
    const state = expectOk<AuthState>(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD }))
    expect(state.account!.$id).toBe(userId)
  })

  it('validates the arguments before calling the server', async () => {
    await signUp(h)
    for (const arg of [
      { profileId, email: '', password: PASSWORD },
      { profileId, email: 'a@b.c', password: '' },
      { profileId, email: 'a@b.c' },
      { profileId, email: 42, password: PASSWORD },
    ]) {
      expect(expectError(await invoke('account.updateEmail', arg)).type, JSON.stringify(arg)).toBe('invalid_argument')
    }
  })
})

describe('account.updatePhone and phone verification', () => {
  it('sets the phone with the password, texts a code, and the code verifies it', async () => {
    await signUp(h)
    const phone = '+14155550123'
    const updated = expectOk<User>(await invoke('account.updatePhone', { profileId, phone, password: PASSWORD }))
    expect(updated).toMatchObject({ phone, phoneVerification: false })

    const flow = expectOk<FlowDTO>(await invoke('account.sendPhoneVerification', { profileId }))
    expect(flow).toMatchObject({ kind: 'verify-phone', status: 'pending', profileId, destination: phone })
    expect(Date.parse(flow.expiresAt)).toBeGreaterThan(Date.now())

    // A wrong code is Appwrite's error, and the flow keeps waiting for the right one.
    const wrong = expectError(await invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code: '000000' }))
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })

    const code = await h.lastSmsCode(phone)
    const verified = expectOk<User>(await invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code }))
    expect(verified.phoneVerification).toBe(true)
    expect(h.events).toContainEqual({ name: 'flowUpdated', payload: expect.objectContaining({ flowId: flow.flowId, status: 'completed' }) })

    // A flow is used once.
    expect(expectError(await invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code })).type).toBe('flow_not_found')
    // And Appwrite refuses a second verification.
    expect(expectError(await invoke('account.sendPhoneVerification', { profileId }))).toMatchObject({ type: 'user_phone_already_verified', code: 409 })
  })

  it('reports an expired flow as expired', async () => {
    await signUp(h)
    expectOk(await invoke('account.updatePhone', { profileId, phone: '+14155550124', password: PASSWORD }))
    const flow = expectOk<FlowDTO>(await invoke('account.sendPhoneVerification', { profileId }))
    h.clockOffsetMs = 2 * 60 * 60 * 1000
    expect(expectError(await invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code: '123456' })).type).toBe('flow_expired')
    expect(h.events).toContainEqual({ name: 'flowUpdated', payload: expect.objectContaining({ flowId: flow.flowId, status: 'expired' }) })
    expect(expectOk<FlowDTO>(await invoke('auth.getFlow', { flowId: flow.flowId })).status).toBe('expired')
  })

  it("keeps Appwrite's error when there is no phone to verify", async () => {
    await signUp(h)
    expect(expectError(await invoke('account.sendPhoneVerification', { profileId }))).toMatchObject({ type: 'user_phone_not_found', code: 400 })
  })

  it('refuses a phone that is not in international format, an unknown flow and an empty code', async () => {
    await signUp(h)
    for (const phone of ['4155550123', '+0123456789', '+1 415 555', '']) {
      expect(expectError(await invoke('account.updatePhone', { profileId, phone, password: PASSWORD })).type, phone).toBe('invalid_argument')
    }
    expect(expectError(await invoke('account.confirmPhoneVerification', { flowId: 'no-such-flow', code: '123456' })).type).toBe('flow_not_found')
    expect(expectError(await invoke('account.confirmPhoneVerification', { flowId: 'x', code: '  ' })).type).toBe('invalid_argument')
  })

  it("keeps a wrong password on a phone change as Appwrite's error", async () => {
    await signUp(h)
    const error = expectError(await invoke('account.updatePhone', { profileId, phone: '+14155550125', password: 'not the password' }))
    expect(error).toMatchObject({ type: 'user_invalid_credentials', code: 401 })
  })
})

describe('e-mail verification', () => {
  it('mails a link back to this app; the link arriving as a deep link verifies the e-mail', async () => {
    const state = await signUp(h)
    const email = state.account!.email
    const flow = expectOk<FlowDTO>(await invoke('account.sendEmailVerification', { profileId }))
    expect(flow).toMatchObject({ kind: 'verify-email', status: 'pending', profileId, destination: email })

    const mail = (await h.sandbox.outbox()).find((m) => m.channel === 'email' && m.to === email)
    const link = mail ? /(account-console:\/\/\S+|appwrite-callback-\S+|http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(mail.body)?.[1] : undefined
    expect(link, mail?.body).toBeDefined()
    await h.core.handleDeepLink(link!)

    expect(expectOk<FlowDTO>(await invoke('auth.getFlow', { flowId: flow.flowId })).status).toBe('completed')
    expect(expectOk<User>(await invoke('account.get', { profileId })).emailVerification).toBe(true)
    // The same link again changes nothing and is reported.
    const notices = h.events.filter((e) => e.name === 'notice').length
    await h.core.handleDeepLink(link!)
    expect(h.events.filter((e) => e.name === 'notice').length).toBe(notices + 1)
  })

  it("keeps Appwrite's error when the e-mail is already verified", async () => {
    const state = await signUp(h)
    const flow = expectOk<FlowDTO>(await invoke('account.sendEmailVerification', { profileId }))
    const mail = (await h.sandbox.outbox()).find((m) => m.to === state.account!.email)!
    await h.core.handleDeepLink(/(account-console:\/\/\S+)/.exec(mail.body)![1]!)
    expect(expectOk<FlowDTO>(await invoke('auth.getFlow', { flowId: flow.flowId })).status).toBe('completed')
    expect(expectError(await invoke('account.sendEmailVerification', { profileId }))).toMatchObject({ type: 'user_email_already_verified', code: 409 })
  })

  it('needs a session', async () => {
    expect(expectError(await invoke('account.sendEmailVerification', { profileId })).type).toBe('not_signed_in')
  })
})

describe('e-mail verification by code (servers that offer it)', () => {
  async function mailTo(email: string): Promise<{ body: string; code: string }> {
    const mail = (await h.sandbox.outbox()).find((m) => m.channel === 'email' && m.to === email)
    const code = mail ? /\b(\d{6})\b/.exec(mail.body)?.[1] : undefined
    if (!mail || !code) throw new Error(`no code mailed to ${email}`)
    return { body: mail.body, code }
  }

  it('mails a code with the asked-for phrase; a wrong code is refused and leaves the flow waiting; the right one verifies', async () => {
    const state = await signUp(h)
    const email = state.account!.email
    const flow = expectOk<FlowDTO>(await invoke('account.sendEmailVerificationCode', { profileId, phrase: true }))
    expect(flow).toMatchObject({ kind: 'verify-email-code', status: 'pending', profileId, destination: email })
    expect(flow.phrase).toMatch(/^\S+ \S+$/)
    // A code flow lives 15 minutes, like Appwrite's code.
    expect(Date.parse(flow.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000)
    const mail = await mailTo(email)
    expect(mail.body).toContain(flow.phrase)
    // The renderer gets the phrase, never the code or a secret.
    expect(JSON.stringify(flow)).not.toContain(mail.code)

    const wrong = expectError(await invoke('account.confirmEmailVerification', { flowId: flow.flowId, code: mail.code === '000000' ? '111111' : '000000' }))
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(expectOk<FlowDTO>(await invoke('auth.getFlow', { flowId: flow.flowId })).status).toBe('pending')

    const verified = expectOk<User>(await invoke('account.confirmEmailVerification', { flowId: flow.flowId, code: mail.code }))
    expect(verified.emailVerification).toBe(true)
    expect(expectOk<FlowDTO>(await invoke('auth.getFlow', { flowId: flow.flowId })).status).toBe('completed')
    expect(expectError(await invoke('account.confirmEmailVerification', { flowId: flow.flowId, code: mail.code })).type).toBe('flow_not_found')
    expect(expectError(await invoke('account.sendEmailVerificationCode', { profileId }))).toMatchObject({ type: 'user_email_already_verified', code: 409 })
  })

  it('sends no phrase unless asked, and refuses a code for a phone flow or a malformed argument', async () => {
    await signUp(h)
    const flow = expectOk<FlowDTO>(await invoke('account.sendEmailVerificationCode', { profileId }))
    expect(flow.phrase).toBeUndefined()
    expect(expectError(await invoke('account.confirmPhoneVerification', { flowId: flow.flowId, code: '123456' })).type).toBe('flow_not_found')
    expect(expectError(await invoke('account.sendEmailVerificationCode', { profileId, phrase: 'yes' })).type).toBe('invalid_argument')
    expect(expectError(await invoke('account.confirmEmailVerification', { flowId: flow.flowId, code: ' ' })).type).toBe('invalid_argument')
    expect(expectError(await invoke('account.sendEmailVerificationCode', { profileId: 'nope' })).type).toBe('no_profile')
  })

  it('needs a session', async () => {
    expect(expectError(await invoke('account.sendEmailVerificationCode', { profileId })).type).toBe('not_signed_in')
  })
})

describe('e-mail verification by code on a 1.9 server', () => {
  beforeEach(async () => {
    await h.close()
    h = await CoreWorld.start({ sandbox: { appwriteVersion: '1.9' } })
  })

  it("keeps Appwrite's route-not-found; the link path is the one that works there", async () => {
    await signUp(h)
    expect(expectError(await invoke('account.sendEmailVerificationCode', { profileId }))).toMatchObject({ type: 'general_route_not_found', code: 404 })
    expect(expectOk<FlowDTO>(await invoke('account.sendEmailVerification', { profileId })).kind).toBe('verify-email')
  })
})

describe('account.updatePassword', () => {
  it('changes the password after checking the current one; the new one signs in', async () => {
    const state = await signUp(h)
    const email = state.account!.email
    const next = 'a much better passphrase'
    const wrong = expectError(await invoke('account.updatePassword', { profileId, password: next, oldPassword: 'not the password' }))
    expect(wrong).toMatchObject({ type: 'user_invalid_credentials', code: 401 })

    const updated = expectOk<User>(await invoke('account.updatePassword', { profileId, password: next, oldPassword: PASSWORD }))
    expect(Date.parse(updated.passwordUpdate)).toBeGreaterThanOrEqual(Date.parse(state.account!.passwordUpdate))

    expectOk(await invoke('auth.signOut', { profileId }))
    expectError(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD }))
    expectOk(await invoke('auth.signInWithPassword', { profileId, email, password: next }))
  })

  it("keeps Appwrite's length rule as its own error, and refuses what cannot be a password", async () => {
    await signUp(h)
    const short = expectError(await invoke('account.updatePassword', { profileId, password: 'short', oldPassword: PASSWORD }))
    expect(short).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect(expectError(await invoke('account.updatePassword', { profileId, password: 'x'.repeat(257), oldPassword: PASSWORD })).type).toBe('invalid_argument')
    expect(expectError(await invoke('account.updatePassword', { profileId, password: 12345678 })).type).toBe('invalid_argument')
  })
})

describe('account.block', () => {
  it('blocks the account, signs out here, and every session of it stops working', async () => {
    const state = await signUp(h)
    const userId = state.account!.$id
    const here = await h.sessionValue(userId)
    const elsewhere = await signInElsewhere(h, state.account!.email)

    const after = expectOk<AuthState>(await invoke('account.block', { profileId }))
    expect(after).toEqual({ profileId, status: 'signed-out', account: null })
    expect(await h.keychain.get(`${profileId}|local|${userId}`)).toBeNull()
    expect(h.events).toContainEqual({ name: 'authChanged', payload: { profileId, status: 'signed-out', account: null } })
    expect(h.events).toContainEqual({ name: 'notice', payload: { level: 'warning', message: expect.stringContaining('blocked') } })

    for (const session of [here, elsewhere]) {
      const response = await sandboxFetch(h, 'GET', '/account', { session })
      expect(response.body.type).toBe('user_blocked')
    }
    expect(expectOk<AuthState>(await invoke('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('does nothing without a session', async () => {
    expect(expectError(await invoke('account.block', { profileId })).type).toBe('not_signed_in')
    expect(expectError(await invoke('account.block', {})).type).toBe('invalid_argument')
  })
})
