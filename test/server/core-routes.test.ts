/**
 * The foundation slice: sign-up, e-mail/password sign-in (and its alias), get account, logout —
 * driven through Appwrite's web SDK and raw HTTP for headers.
 */
import { describe, expect, it } from 'vitest'
import { ID } from 'appwrite'
import { PASSWORD, call, newUserSession, sdkAccount, sdkError, sessionFromResponse, signIn, signUp, uniqueEmail, useSandbox } from './support/sandbox'

const sandbox = useSandbox()

describe('POST /account', () => {
  it('creates a user with every Account field, lower-cased e-mail and an e-mail target, without logging in', async () => {
    const email = uniqueEmail('Mixed.Case').replace('example.com', 'Example.COM')
    const response = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email, password: PASSWORD, name: 'Ada' } })
    expect(response.status).toBe(201)
    expect(response.headers.get('set-cookie')).toBeNull()
    const user = response.body as Record<string, unknown>
    expect(user['$id']).toMatch(/^[0-9a-f]{20}$/)
    expect(user['email']).toBe(email.toLowerCase())
    expect(user['name']).toBe('Ada')
    expect(user['status']).toBe(true)
    expect(user['emailVerification']).toBe(false)
    expect(user['phone']).toBe('')
    expect(user['prefs']).toEqual({})
    expect(user['labels']).toEqual([])
    expect(user['mfa']).toBe(false)
    expect(user['registration']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
    expect(user['passwordUpdate']).toMatch(/\+00:00$/)
    expect(user).not.toHaveProperty('password')
    expect(user).not.toHaveProperty('hash')
    const targets = user['targets'] as Array<Record<string, unknown>>
    expect(targets).toHaveLength(1)
    expect(targets[0]).toMatchObject({ providerType: 'email', identifier: email.toLowerCase(), providerId: null, expired: false })
  })

  it('works through the web SDK with ID.unique() and a custom id', async () => {
    const account = sdkAccount(sandbox)
    const created = await account.create({ userId: ID.unique(), email: uniqueEmail(), password: PASSWORD })
    expect(created.$id).toHaveLength(20)
    const custom = await account.create({ userId: 'custom_id-1.x', email: uniqueEmail(), password: PASSWORD, name: 'Custom' })
    expect(custom.$id).toBe('custom_id-1.x')
  })

  it('refuses a duplicate e-mail or id with 409 user_already_exists', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const again = await sdkError(sdkAccount(sandbox).create({ userId: ID.unique(), email: email.toUpperCase(), password: PASSWORD }))
    expect(again.code).toBe(409)
    expect(again.type).toBe('user_already_exists')
    const id = `dup-${Date.now()}`
    await sdkAccount(sandbox).create({ userId: id, email: uniqueEmail(), password: PASSWORD })
    const sameId = await sdkError(sdkAccount(sandbox).create({ userId: id, email: uniqueEmail(), password: PASSWORD }))
    expect(sameId.type).toBe('user_already_exists')
  })

  it('validates parameters with Appwrite messages', async () => {
    const missing = await call(sandbox, 'POST', '/account', { body: { email: uniqueEmail(), password: PASSWORD } })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ type: 'general_argument_invalid', message: 'Param "userId" is not optional.', code: 400 })
    const badEmail = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email: 'nope', password: PASSWORD } })
    expect(badEmail.body).toMatchObject({ type: 'general_argument_invalid', message: 'Invalid `email` param: Value must be a valid email address' })
    const shortPassword = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email: uniqueEmail(), password: 'short' } })
    expect(shortPassword.body).toMatchObject({ message: 'Invalid `password` param: Password must be between 8 and 256 characters long.' })
    const badId = await call(sandbox, 'POST', '/account', { body: { userId: '_bad', email: uniqueEmail(), password: PASSWORD } })
    expect((badId.body as { message: string }).message).toMatch(/^Invalid `userId` param: Parameter must contain at most 36 chars/)
    const longName = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email: uniqueEmail(), password: PASSWORD, name: 'x'.repeat(129) } })
    expect(longName.body).toMatchObject({ message: 'Invalid `name` param: Value must be a valid string and no longer than 128 chars' })
  })
})

describe('POST /account/sessions/email', () => {
  it('creates a session: 201, cookies, X-Fallback-Cookies, blank secret, password factor', async () => {
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    const response = await call(sandbox, 'POST', '/account/sessions/email', { body: { email: email.toUpperCase(), password: PASSWORD } })
    expect(response.status).toBe(201)
    const session = response.body as Record<string, unknown>
    expect(session).toMatchObject({
      userId,
      provider: 'email',
      providerUid: email,
      current: true,
      secret: '',
      factors: ['password'],
      countryCode: '--',
      countryName: 'Unknown',
    })
    const cookies = response.headers.getSetCookie()
    expect(
      cookies.some((c) => c.startsWith(`a_session_${sandbox.project}=`) && c.includes('HttpOnly') && c.includes('SameSite=None') && !c.includes('Domain=')),
    ).toBe(true)
    expect(cookies.some((c) => c.startsWith(`a_session_${sandbox.project}_legacy=`) && !c.includes('SameSite'))).toBe(true)
    const value = sessionFromResponse(sandbox, response)
    const decoded = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { id: string; secret: string }
    expect(decoded.id).toBe(userId)
    expect(decoded.secret).toMatch(/^[0-9a-f]{256}$/)
  })

  it('answers the POST /account/sessions alias and the SDK method', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const alias = await call(sandbox, 'POST', '/account/sessions', { body: { email, password: PASSWORD } })
    expect(alias.status).toBe(201)
    const viaSdk = await sdkAccount(sandbox).createEmailPasswordSession({ email, password: PASSWORD })
    expect(viaSdk.provider).toBe('email')
    expect(viaSdk.current).toBe(true)
  })

  it('rejects unknown e-mail and wrong password alike with 401 user_invalid_credentials', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const wrong = await sdkError(sdkAccount(sandbox).createEmailPasswordSession({ email, password: 'wrong-password' }))
    expect(wrong).toMatchObject({ code: 401, type: 'user_invalid_credentials' })
    const unknown = await sdkError(sdkAccount(sandbox).createEmailPasswordSession({ email: uniqueEmail(), password: PASSWORD }))
    expect(unknown).toMatchObject({ code: 401, type: 'user_invalid_credentials' })
  })

  it('refuses a signed-in caller with 401 user_session_already_exists', async () => {
    const { email, session } = await newUserSession(sandbox)
    const error = await sdkError(sdkAccount(sandbox, session).createEmailPasswordSession({ email, password: PASSWORD }))
    expect(error).toMatchObject({ code: 401, type: 'user_session_already_exists' })
  })
})

describe('GET /account', () => {
  it('returns the user for a session given as X-Appwrite-Session, cookie or X-Fallback-Cookies', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const viaSdk = await sdkAccount(sandbox, session).get()
    expect(viaSdk.$id).toBe(userId)
    const viaCookie = await call(sandbox, 'GET', '/account', { headers: { cookie: `a_session_${sandbox.project}=${encodeURIComponent(session)}` } })
    expect(viaCookie.status).toBe(200)
    expect(viaCookie.headers.get('x-debug-fallback')).toBe('false')
    const viaLegacy = await call(sandbox, 'GET', '/account', { headers: { cookie: `a_session_${sandbox.project}_legacy=${session}` } })
    expect(viaLegacy.status).toBe(200)
    const viaFallback = await call(sandbox, 'GET', '/account', {
      headers: { 'x-fallback-cookies': JSON.stringify({ [`a_session_${sandbox.project}`]: session }) },
    })
    expect(viaFallback.status).toBe(200)
    expect(viaFallback.headers.get('x-debug-fallback')).toBe('true')
  })

  it('answers guests with 401 general_unauthorized_scope and the 1.8+ message', async () => {
    const error = await sdkError(sdkAccount(sandbox).get())
    expect(error).toMatchObject({ code: 401, type: 'general_unauthorized_scope', message: 'User (role: guests) missing scopes (["account"])' })
    const garbage = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-session': 'not-base64-json' } })
    expect(garbage.status).toBe(401)
  })

  it('sends Appwrite error JSON with no-cache headers', async () => {
    const response = await call(sandbox, 'GET', '/account')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate')
    expect(response.body).toEqual({
      message: 'User (role: guests) missing scopes (["account"])',
      code: 401,
      type: 'general_unauthorized_scope',
      version: '2.3.0',
    })
  })
})

describe('DELETE /account/sessions/{sessionId}', () => {
  it('logs out the current session: 204, expired cookies, X-Fallback-Cookies []', async () => {
    const { session } = await newUserSession(sandbox)
    const response = await call(sandbox, 'DELETE', '/account/sessions/current', { headers: { 'x-appwrite-session': session }, body: {} })
    expect(response.status).toBe(204)
    expect(response.text).toBe('')
    expect(response.headers.get('x-fallback-cookies')).toBe('[]')
    const cookies = response.headers.getSetCookie()
    expect(cookies).toHaveLength(2)
    for (const cookie of cookies) expect(new Date(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '').getTime()).toBeLessThan(Date.now())
    const after = await sdkError(sdkAccount(sandbox, session).get())
    expect(after.type).toBe('general_unauthorized_scope')
  })

  it("deletes another of the user's sessions by id, leaving the current one", async () => {
    const { email, session: first } = await newUserSession(sandbox)
    const second = await signIn(sandbox, email)
    const account = sdkAccount(sandbox, first)
    const other = (await sdkAccount(sandbox, second).getSession({ sessionId: 'current' })).$id
    const response = await call(sandbox, 'DELETE', `/account/sessions/${other}`, { headers: { 'x-appwrite-session': first }, body: {} })
    expect(response.status).toBe(204)
    expect(response.headers.get('x-fallback-cookies')).toBeNull()
    expect((await account.get()).email).toBe(email)
    expect((await sdkError(sdkAccount(sandbox, second).get())).code).toBe(401)
    await account.deleteSession({ sessionId: 'current' })
    expect((await sdkError(account.get())).code).toBe(401)
  })

  it('answers 404 user_session_not_found for unknown ids', async () => {
    const { session } = await newUserSession(sandbox)
    const error = await sdkError(sdkAccount(sandbox, session).deleteSession({ sessionId: 'doesnotexist' }))
    expect(error).toMatchObject({ code: 404, type: 'user_session_not_found' })
  })
})

describe('project and routes', () => {
  it('answers unknown and missing projects with 404 project_not_found', async () => {
    const unknown = await call(sandbox, 'GET', '/account', { project: 'other' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ type: 'project_not_found' })
    const missing = await call(sandbox, 'GET', '/account', { project: null })
    expect(missing.body).toMatchObject({ type: 'project_not_found' })
    const viaQuery = await call(sandbox, 'GET', `/account?project=${sandbox.project}`, { project: null })
    expect(viaQuery.body).toMatchObject({ type: 'general_unauthorized_scope' })
  })

  it('answers unknown routes with 404 general_route_not_found', async () => {
    const response = await call(sandbox, 'GET', '/nope')
    expect(response.body).toMatchObject({ code: 404, type: 'general_route_not_found' })
  })
})
