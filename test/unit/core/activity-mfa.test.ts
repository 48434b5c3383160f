/**
 * MFA management through the real core against the sandbox: factors, TOTP enrolment with codes
 * computed from the secret (otpauth), removal that needs a recent challenge (appwrite-behaviour §6,
 * `user_challenge_required`), recovery codes (create once, regenerate after a challenge, save to
 * a file), turning MFA on and off, bad input and Appwrite's errors as values.
 */
import * as OTPAuth from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MfaFactors, MfaRecoveryCodes, MfaType, User } from '../../../src-shared/appwrite'
import { expectOk, profileId, rawCall, signUpUser, CoreWorld } from './core-world'

let t: CoreWorld

beforeAll(async () => {
  t = await CoreWorld.start()
})

afterAll(async () => {
  await t.close()
})

const STEP_MS = 30_000

/**
 * The sandbox accepts only the current 30-second step (appwrite-behaviour §6). A code made in the last
 * moment of a step could be checked in the next one, so wait for a fresh step first.
 */
async function currentCode(secret: string): Promise<string> {
  const left = STEP_MS - (Date.now() % STEP_MS)
  if (left < 1500) await new Promise((resolve) => setTimeout(resolve, left + 50))
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate()
}

/** A fresh TOTP challenge on the app's session (the sign-in step's own handlers are issue 4's). */
async function completeTotpChallenge(userId: string, secret: string): Promise<void> {
  const created = await rawCall(t, userId, 'POST', '/account/mfa/challenges', { factor: 'totp' })
  expect(created.status).toBe(201)
  const challengeId = (created.body as { $id: string }).$id
  const completed = await rawCall(t, userId, 'PUT', '/account/mfa/challenges', { challengeId, otp: await currentCode(secret) })
  expect(completed.status).toBe(200)
}

async function enrolTotp(): Promise<string> {
  const enrolment = expectOk<MfaType>(await t.core.invoke('mfa.createAuthenticator', { profileId }))
  expectOk(await t.core.invoke('mfa.verifyAuthenticator', { profileId, otp: await currentCode(enrolment.secret) }))
  return enrolment.secret
}

describe('MFA management', () => {
  it('starts with no factor, enrols TOTP from the secret, and lists it', async () => {
    await signUpUser(t)
    expect(expectOk<MfaFactors>(await t.core.invoke('mfa.getFactors', { profileId }))).toEqual({ totp: false, phone: false, email: false, recoveryCode: false })

    const enrolment = expectOk<MfaType>(await t.core.invoke('mfa.createAuthenticator', { profileId }))
    const uri = OTPAuth.URI.parse(enrolment.uri)
    expect(uri).toBeInstanceOf(OTPAuth.TOTP)
    expect(uri.secret.base32).toBe(enrolment.secret)

    const wrong = await t.core.invoke('mfa.verifyAuthenticator', { profileId, otp: (await currentCode(enrolment.secret)) === '000000' ? '111111' : '000000' })
    expect(wrong).toMatchObject({ ok: false, error: { type: 'user_invalid_token', code: 401 } })

    const account = expectOk<User>(await t.core.invoke('mfa.verifyAuthenticator', { profileId, otp: await currentCode(enrolment.secret) }))
    expect(account.$id).toBeTruthy()
    expect(expectOk<MfaFactors>(await t.core.invoke('mfa.getFactors', { profileId })).totp).toBe(true)

    const again = await t.core.invoke('mfa.createAuthenticator', { profileId })
    expect(again).toMatchObject({ ok: false, error: { type: 'user_authenticator_already_verified', code: 409 } })
  })

  it('removing the authenticator needs a recent challenge; after one it works', async () => {
    const userId = await signUpUser(t)
    const secret = await enrolTotp()
    const refused = await t.core.invoke('mfa.removeAuthenticator', { profileId })
    expect(refused).toEqual({ ok: false, error: { type: 'user_challenge_required', code: 401, message: expect.any(String) } })
    // The app keeps the session: a challenge demand is not a signed-out session.
    expect(expectOk<{ status: string }>(await t.core.invoke('auth.getState', { profileId })).status).toBe('signed-in')

    await completeTotpChallenge(userId, secret)
    const factors = expectOk<MfaFactors>(await t.core.invoke('mfa.removeAuthenticator', { profileId }))
    expect(factors.totp).toBe(false)
    expect(await t.core.invoke('mfa.removeAuthenticator', { profileId })).toMatchObject({
      ok: false,
      error: { type: 'user_authenticator_not_found', code: 404 },
    })
  })

  it('creates recovery codes once, regenerates them after a challenge, and reads them back', async () => {
    const userId = await signUpUser(t)
    const created = expectOk<MfaRecoveryCodes>(await t.core.invoke('mfa.createRecoveryCodes', { profileId }))
    expect(created.recoveryCodes).toHaveLength(6)
    for (const code of created.recoveryCodes) expect(code).toMatch(/^[0-9a-f]{10}$/)
    expect(await t.core.invoke('mfa.createRecoveryCodes', { profileId })).toMatchObject({
      ok: false,
      error: { type: 'user_recovery_codes_already_exists', code: 409 },
    })
    expect(expectOk<MfaFactors>(await t.core.invoke('mfa.getFactors', { profileId })).recoveryCode).toBe(true)

    expect(await t.core.invoke('mfa.regenerateRecoveryCodes', { profileId })).toMatchObject({ ok: false, error: { type: 'user_challenge_required' } })

    // A recovery code answers the challenge, and is spent by it.
    const challenge = await rawCall(t, userId, 'POST', '/account/mfa/challenges', { factor: 'recoverycode' })
    const spent = created.recoveryCodes[0]!
    expect((await rawCall(t, userId, 'PUT', '/account/mfa/challenges', { challengeId: (challenge.body as { $id: string }).$id, otp: spent })).status).toBe(200)

    const regenerated = expectOk<MfaRecoveryCodes>(await t.core.invoke('mfa.regenerateRecoveryCodes', { profileId }))
    expect(regenerated.recoveryCodes).toHaveLength(6)
    expect(regenerated.recoveryCodes.some((code) => created.recoveryCodes.includes(code))).toBe(false)
  })

  it('saves recovery codes through the save dialog, with what they are for', async () => {
    await signUpUser(t)
    const codes = ['0123456789', 'abcdefabcd']
    const saved = expectOk<{ path: string | null }>(await t.core.invoke('mfa.saveRecoveryCodes', { profileId, codes }))
    expect(saved.path).toMatch(/recovery-codes-local\.txt$/)
    const request = t.saved.at(-1)!
    expect(request.filters).toEqual([{ name: 'Text', extensions: ['txt'] }])
    expect(request.content).toContain('0123456789\nabcdefabcd\n')
    expect(request.content).toContain('Each code works once.')
    expect(request.content).toContain('Project:  local')

    t.cancelNextSave()
    expect(expectOk<{ path: string | null }>(await t.core.invoke('mfa.saveRecoveryCodes', { profileId, codes }))).toEqual({ path: null })
  })

  it('turns MFA on and off; while on, the current session keeps working', async () => {
    await signUpUser(t)
    await enrolTotp()
    const on = expectOk<User>(await t.core.invoke('mfa.setEnabled', { profileId, enabled: true }))
    expect(on.mfa).toBe(true)
    // Enabling credits the current session with the verified factors (appwrite-behaviour §6): no lock-out.
    expect(expectOk<{ status: string }>(await t.core.invoke('auth.getState', { profileId })).status).toBe('signed-in')
    const off = expectOk<User>(await t.core.invoke('mfa.setEnabled', { profileId, enabled: false }))
    expect(off.mfa).toBe(false)
  })

  it('validates every argument', async () => {
    await signUpUser(t)
    const cases: Array<[string, unknown]> = [
      ['mfa.verifyAuthenticator', { profileId, otp: '12345' }],
      ['mfa.verifyAuthenticator', { profileId, otp: '1234567' }],
      ['mfa.verifyAuthenticator', { profileId, otp: 'abcdef' }],
      ['mfa.verifyAuthenticator', { profileId }],
      ['mfa.setEnabled', { profileId, enabled: 'true' }],
      ['mfa.setEnabled', { profileId }],
      ['mfa.saveRecoveryCodes', { profileId, codes: [] }],
      ['mfa.saveRecoveryCodes', { profileId, codes: ['../../etc'] }],
      ['mfa.saveRecoveryCodes', { profileId, codes: 'abc' }],
      ['mfa.getFactors', { profileId, type: 'totp' }],
      ['mfa.createAuthenticator', { profileId, type: 'sms' }],
    ]
    for (const [key, arg] of cases) {
      expect(await t.core.invoke(key, arg), `${key} ${JSON.stringify(arg)}`).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    }
  })
})
