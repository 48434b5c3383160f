/**
 * Account updates: prefs, name, e-mail, phone, password (with the project's password policy),
 * anonymous conversion and account deletion.
 */
import { describe, expect, it } from 'vitest'
import { PASSWORD, call, newUserSession, sdkAccount, sdkError, sessionFromResponse, signIn, signUp, uniqueEmail, useSandbox } from './support/sandbox'

const sandbox = useSandbox()
const strict = useSandbox({ config: { passwordHistory: 2, passwordDictionary: true, personalDataCheck: true, invalidateSessions: false } })

describe('prefs and name', () => {
  it('reads and replaces prefs', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    expect(await account.getPrefs()).toEqual({})
    const updated = await account.updatePrefs({ prefs: { theme: 'dark', nested: { a: 1 } } })
    expect(updated.prefs).toEqual({ theme: 'dark', nested: { a: 1 } })
    await account.updatePrefs({ prefs: { only: true } })
    expect(await account.getPrefs()).toEqual({ only: true })
  })

  it('rejects prefs that are not an object, or too large', async () => {
    const { session } = await newUserSession(sandbox)
    const headers = { 'x-appwrite-session': session }
    for (const prefs of ['text', 5, [1, 2], true]) {
      const response = await call(sandbox, 'PATCH', '/account/prefs', { headers, body: { prefs } })
      expect(response.body).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Invalid `prefs` param: Value must be a valid object.' })
    }
    const huge = await call(sandbox, 'PATCH', '/account/prefs', { headers, body: { prefs: { blob: 'x'.repeat(70_000) } } })
    expect(huge.status).toBe(400)
  })

  it('updates the name (empty allowed, max 128)', async () => {
    const { session } = await newUserSession(sandbox, 'Before')
    const account = sdkAccount(sandbox, session)
    expect((await account.updateName({ name: 'After' })).name).toBe('After')
    expect((await account.updateName({ name: '' })).name).toBe('')
    const tooLong = await sdkError(account.updateName({ name: 'n'.repeat(129) }))
    expect(tooLong).toMatchObject({ code: 400, type: 'general_argument_invalid' })
  })

  it('counts the name in characters (code points), as Appwrite does: 128 emoji are accepted, 129 refused', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const emoji = '😀'.repeat(128)
    expect((await account.updateName({ name: emoji })).name).toBe(emoji)
    const refused = await sdkError(account.updateName({ name: '😀'.repeat(129) }))
    expect(refused).toMatchObject({ code: 400, type: 'general_argument_invalid' })
    expect((await account.get()).name).toBe(emoji)
  })
})

describe('e-mail and phone', () => {
  it('changes the e-mail (lower-cased), resets verification and renames the target; wrong password → 401', async () => {
    const { session, email } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const wrong = await sdkError(account.updateEmail({ email: uniqueEmail(), password: 'not-the-password' }))
    expect(wrong).toMatchObject({ code: 401, type: 'user_invalid_credentials' })
    const next = uniqueEmail('Changed').toUpperCase()
    const updated = await account.updateEmail({ email: next, password: PASSWORD })
    expect(updated.email).toBe(next.toLowerCase())
    expect(updated.emailVerification).toBe(false)
    expect(updated.targets.filter((t) => t.providerType === 'email').map((t) => t.identifier)).toEqual([next.toLowerCase()])
    expect(await sdkError(sdkAccount(sandbox).createEmailPasswordSession({ email, password: PASSWORD }))).toMatchObject({ type: 'user_invalid_credentials' })
  })

  it('refuses an e-mail that already has a target — even your own — with 409 user_target_already_exists', async () => {
    const { session, email } = await newUserSession(sandbox)
    const other = uniqueEmail()
    await signUp(sandbox, other)
    const account = sdkAccount(sandbox, session)
    expect(await sdkError(account.updateEmail({ email: other, password: PASSWORD }))).toMatchObject({ code: 409, type: 'user_target_already_exists' })
    expect(await sdkError(account.updateEmail({ email, password: PASSWORD }))).toMatchObject({ code: 409, type: 'user_target_already_exists' })
  })

  it('sets and changes the phone with an SMS target; duplicates → 409', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const phone = `+4470${String(Date.now()).slice(-8)}`
    const updated = await account.updatePhone({ phone, password: PASSWORD })
    expect(updated).toMatchObject({ phone, phoneVerification: false })
    expect(updated.targets.some((t) => t.providerType === 'sms' && t.identifier === phone)).toBe(true)
    const second = await newUserSession(sandbox)
    const clash = await sdkError(sdkAccount(sandbox, second.session).updatePhone({ phone, password: PASSWORD }))
    expect(clash).toMatchObject({ code: 409, type: 'user_target_already_exists' })
    const bad = await sdkError(account.updatePhone({ phone: '12345', password: PASSWORD }))
    expect(bad.message).toBe("Invalid `phone` param: Phone number must start with a '+' can have a maximum of fifteen digits.")
  })

  it('converts an anonymous user by setting e-mail and a first password', async () => {
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    const session = sessionFromResponse(sandbox, anonymous)
    const email = uniqueEmail('converted')
    const updated = await sdkAccount(sandbox, session).updateEmail({ email, password: 'first-password-1' })
    expect(updated.email).toBe(email)
    expect(updated.passwordUpdate).not.toBe('')
    const login = await sdkAccount(sandbox).createEmailPasswordSession({ email, password: 'first-password-1' })
    expect(login.userId).toBe(updated.$id)
  })
})

describe('password', () => {
  it('needs the old password once one is set, and ends other sessions (invalidateSessions default on)', async () => {
    const { email, session: current } = await newUserSession(sandbox)
    const other = await signIn(sandbox, email)
    const account = sdkAccount(sandbox, current)
    expect(await sdkError(account.updatePassword({ password: 'new-password-1' }))).toMatchObject({ code: 401, type: 'user_invalid_credentials' })
    expect(await sdkError(account.updatePassword({ password: 'new-password-1', oldPassword: 'wrong-password' }))).toMatchObject({
      type: 'user_invalid_credentials',
    })
    const updated = await account.updatePassword({ password: 'new-password-1', oldPassword: PASSWORD })
    expect(updated.$id).toBeDefined()
    expect((await account.get()).email).toBe(email)
    expect((await sdkError(sdkAccount(sandbox, other).get())).code).toBe(401)
    expect((await sdkAccount(sandbox).createEmailPasswordSession({ email, password: 'new-password-1' })).provider).toBe('email')
  })

  it('lets an anonymous user set a first password without oldPassword', async () => {
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    const session = sessionFromResponse(sandbox, anonymous)
    const updated = await sdkAccount(sandbox, session).updatePassword({ password: 'anon-password-1' })
    expect(updated.passwordUpdate).not.toBe('')
  })

  it('applies history, dictionary and personal-data checks when the project enables them', async () => {
    const email = uniqueEmail('pat')
    const userId = await signUp(strict, email, PASSWORD, 'Patricia')
    const current = await signIn(strict, email)
    const other = await signIn(strict, email)
    const account = sdkAccount(strict, current)
    expect(await sdkError(account.updatePassword({ password: PASSWORD, oldPassword: PASSWORD }))).toMatchObject({ code: 400, type: 'password_recently_used' })
    expect(await sdkError(account.updatePassword({ password: 'password123', oldPassword: PASSWORD }))).toMatchObject({
      code: 400,
      type: 'general_argument_invalid',
      message: 'Invalid `password` param: Password must be between 8 and 256 characters and should not be one of the commonly used password.',
    })
    expect(await sdkError(account.updatePassword({ password: 'my-Patricia-pw', oldPassword: PASSWORD }))).toMatchObject({
      code: 400,
      type: 'password_personal_data',
    })
    expect(await sdkError(account.updatePassword({ password: `x${userId}x`, oldPassword: PASSWORD }))).toMatchObject({ type: 'password_personal_data' })
    await account.updatePassword({ password: 'second-pass-99', oldPassword: PASSWORD })
    // invalidateSessions is off in this project: the other session survives.
    expect((await sdkAccount(strict, other).get()).email).toBe(email)
    const signUpCommon = await call(strict, 'POST', '/account', { body: { userId: 'unique()', email: uniqueEmail(), password: 'iloveyou1' } })
    expect(signUpCommon.body).toMatchObject({ type: 'general_argument_invalid' })
    const signUpPersonal = await call(strict, 'POST', '/account', { body: { userId: 'unique()', email: 'someone@example.com', password: 'someone-secret' } })
    expect(signUpPersonal.body).toMatchObject({ type: 'password_personal_data' })
  })
})

describe('DELETE /account', () => {
  it('deletes the user and its sessions', async () => {
    const { session, email } = await newUserSession(sandbox)
    const response = await call(sandbox, 'DELETE', '/account', { headers: { 'x-appwrite-session': session }, body: {} })
    expect(response.status).toBe(204)
    expect((await sdkError(sdkAccount(sandbox, session).get())).code).toBe(401)
    expect(await sdkError(sdkAccount(sandbox).createEmailPasswordSession({ email, password: PASSWORD }))).toMatchObject({ type: 'user_invalid_credentials' })
    const again = await signUp(sandbox, email)
    expect(again).toHaveLength(20)
  })
})
