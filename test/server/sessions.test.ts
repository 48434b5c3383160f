/**
 * Sessions beyond e-mail/password: anonymous, token exchange (and the deprecated PUT aliases),
 * list/get/update/delete-all, the session limit, JWTs, blocked users and the MFA factor gate.
 */
import { describe, expect, it } from 'vitest'
import { ID } from 'appwrite'
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
  sessionFromResponse,
  signIn,
  signUp,
  uniqueEmail,
  useSandbox,
} from './support/sandbox'

const sandbox = useSandbox({ config: { sessionLimit: 3 }, platforms: ['app.example.com'] })

describe('anonymous sessions', () => {
  it('creates a user without e-mail, phone or password, provider anonymous', async () => {
    const response = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ provider: 'anonymous', factors: ['anonymous'], current: true, secret: '' })
    const session = sessionFromResponse(sandbox, response)
    const user = await sdkAccount(sandbox, session).get()
    expect(user).toMatchObject({ email: '', phone: '', name: '', passwordUpdate: '', targets: [] })
  })

  it('works through the SDK and refuses a caller who already has a session', async () => {
    const created = await sdkAccount(sandbox).createAnonymousSession()
    expect(created.provider).toBe('anonymous')
    const { session } = await newUserSession(sandbox)
    const error = await sdkError(sdkAccount(sandbox, session).createAnonymousSession())
    expect(error).toMatchObject({ code: 401, type: 'user_session_already_exists' })
  })
})

describe('token → session', () => {
  it('exchanges a magic-URL token once: provider magic-url, factor email, e-mail verified', async () => {
    const email = uniqueEmail()
    const token = await sdkAccount(sandbox).createMagicURLToken({ userId: ID.unique(), email, url: 'http://localhost:3000/done' })
    const { userId, secret } = linkParams((await latestMessage(sandbox, email)).body)
    expect(userId).toBe(token.userId)
    const session = await sdkAccount(sandbox).createSession({ userId, secret })
    expect(session).toMatchObject({ provider: 'magic-url', factors: ['email'], userId })
    const again = await sdkError(sdkAccount(sandbox).createSession({ userId, secret }))
    expect(again).toMatchObject({ code: 401, type: 'user_invalid_token' })
  })

  it('accepts the deprecated PUT /account/sessions/magic-url and /sessions/phone', async () => {
    const email = uniqueEmail()
    await sdkAccount(sandbox).createMagicURLToken({ userId: ID.unique(), email })
    const link = linkParams((await latestMessage(sandbox, email)).body)
    const viaPut = await sdkAccount(sandbox).updateMagicURLSession({ userId: link.userId, secret: link.secret })
    expect(viaPut.provider).toBe('magic-url')
    const phone = `+1555${String(Date.now()).slice(-7)}`
    const token = await sdkAccount(sandbox).createPhoneToken({ userId: ID.unique(), phone })
    const code = codeIn((await latestMessage(sandbox, phone)).body)
    const phoneSession = await sdkAccount(sandbox).updatePhoneSession({ userId: token.userId, secret: code })
    expect(phoneSession).toMatchObject({ provider: 'phone', factors: ['phone'] })
  })

  it('marks the phone verified after a phone-token login', async () => {
    const phone = `+1666${String(Date.now()).slice(-7)}`
    const token = await sdkAccount(sandbox).createPhoneToken({ userId: ID.unique(), phone })
    const code = codeIn((await latestMessage(sandbox, phone)).body)
    const response = await call(sandbox, 'POST', '/account/sessions/token', { body: { userId: token.userId, secret: code } })
    expect(response.status).toBe(201)
    const user = await sdkAccount(sandbox, sessionFromResponse(sandbox, response)).get()
    expect(user).toMatchObject({ phone, phoneVerification: true, emailVerification: false })
  })

  it('refuses unknown users, wrong secrets and recovery tokens with 401 user_invalid_token', async () => {
    const unknown = await call(sandbox, 'POST', '/account/sessions/token', { body: { userId: 'nobody', secret: '123456' } })
    expect(unknown.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    await sdkAccount(sandbox).createRecovery({ email, url: 'http://localhost/reset' })
    const recovery = linkParams((await latestMessage(sandbox, email)).body)
    const refused = await call(sandbox, 'POST', '/account/sessions/token', { body: { userId, secret: recovery.secret } })
    expect(refused.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
  })
})

describe('listing, reading, extending and deleting sessions', () => {
  it('lists sessions with total and marks the current one', async () => {
    const { email, session: first } = await newUserSession(sandbox)
    await signIn(sandbox, email)
    const list = await sdkAccount(sandbox, first).listSessions()
    expect(list.total).toBe(2)
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1)
    const current = await sdkAccount(sandbox, first).getSession({ sessionId: 'current' })
    expect(current.current).toBe(true)
    const byId = await sdkAccount(sandbox, first).getSession({ sessionId: current.$id })
    expect(byId.$id).toBe(current.$id)
    const missing = await sdkError(sdkAccount(sandbox, first).getSession({ sessionId: 'unknown' }))
    expect(missing).toMatchObject({ code: 404, type: 'user_session_not_found' })
  })

  it('extends a session: new expiry, current false, blank countryName', async () => {
    const { session } = await newUserSession(sandbox)
    const before = await sdkAccount(sandbox, session).getSession({ sessionId: 'current' })
    const updated = await sdkAccount(sandbox, session).updateSession({ sessionId: 'current' })
    expect(updated.$id).toBe(before.$id)
    expect(updated.current).toBe(false)
    expect(updated.countryName).toBe('')
    expect(Date.parse(updated.expire)).toBeGreaterThanOrEqual(Date.parse(before.expire))
  })

  it('deletes all sessions and clears cookies', async () => {
    const { email, session: first } = await newUserSession(sandbox)
    const second = await signIn(sandbox, email)
    const response = await call(sandbox, 'DELETE', '/account/sessions', { headers: { 'x-appwrite-session': first }, body: {} })
    expect(response.status).toBe(204)
    expect(response.headers.get('x-fallback-cookies')).toBe('[]')
    expect((await sdkError(sdkAccount(sandbox, second).get())).code).toBe(401)
  })

  it('keeps at most the session limit, evicting the oldest', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const sessions: string[] = []
    for (let i = 0; i < 4; i++) sessions.push(await signIn(sandbox, email))
    const newest = sessions[3] as string
    expect((await sdkAccount(sandbox, newest).listSessions()).total).toBe(3)
    expect((await sdkError(sdkAccount(sandbox, sessions[0] as string).get())).code).toBe(401)
    expect((await sdkAccount(sandbox, sessions[1] as string).get()).email).toBe(email)
  })
})

describe('JWT', () => {
  it('creates a JWT (both paths) that authenticates as the user until its session ends', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const { jwt } = await sdkAccount(sandbox, session).createJWT()
    const [, payload] = jwt.split('.')
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as Record<string, unknown>
    expect(Object.keys(claims).sort()).toEqual(['exp', 'sessionId', 'userId'])
    expect(claims['userId']).toBe(userId)
    expect((claims['exp'] as number) - Date.now() / 1000).toBeGreaterThan(890)
    const alias = await call(sandbox, 'POST', '/account/jwt', { headers: { 'x-appwrite-session': session }, body: { duration: 60 } })
    expect(alias.status).toBe(201)
    const me = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-jwt': jwt } })
    expect(me.body).toMatchObject({ $id: userId })
    const current = await call(sandbox, 'GET', '/account/sessions/current', { headers: { 'x-appwrite-jwt': jwt } })
    expect(current.body).toMatchObject({ code: 404, type: 'user_session_not_found' })
    await sdkAccount(sandbox, session).deleteSession({ sessionId: 'current' })
    const after = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-jwt': jwt } })
    expect(after.body).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
  })

  it('rejects bad JWTs with user_jwt_invalid even on public routes, and a JWT with a session', async () => {
    const bad = await call(sandbox, 'PUT', '/account/verifications/email', { headers: { 'x-appwrite-jwt': 'a.b.c' }, body: { userId: 'x', secret: 'y' } })
    expect(bad.body).toMatchObject({ code: 401, type: 'user_jwt_invalid' })
    const { session } = await newUserSession(sandbox)
    const { jwt } = await sdkAccount(sandbox, session).createJWT({ duration: 0 })
    const expired = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-jwt': jwt } })
    expect(expired.body).toMatchObject({ type: 'user_jwt_invalid' })
    const fresh = (await sdkAccount(sandbox, session).createJWT()).jwt
    const both = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-jwt': fresh, 'x-appwrite-session': session } })
    expect(both.body).toMatchObject({ code: 403, type: 'user_jwt_and_cookie_set' })
    const fromJwt = await call(sandbox, 'POST', '/account/jwts', { headers: { 'x-appwrite-jwt': fresh }, body: {} })
    expect(fromJwt.body).toMatchObject({ code: 401, type: 'user_jwt_creation_denied' })
    const guestOnly = await call(sandbox, 'POST', '/account/sessions/anonymous', { headers: { 'x-appwrite-jwt': fresh }, body: {} })
    expect(guestOnly.body).toMatchObject({ type: 'user_session_already_exists' })
  })

  it('validates duration 0–3600', async () => {
    const { session } = await newUserSession(sandbox)
    const response = await call(sandbox, 'POST', '/account/jwts', { headers: { 'x-appwrite-session': session }, body: { duration: 3601 } })
    expect(response.body).toMatchObject({
      code: 400,
      type: 'general_argument_invalid',
      message: 'Invalid `duration` param: Value must be a valid range between 0 and 3,600',
    })
  })
})

describe('blocked users and MFA', () => {
  it('blocks the account on PATCH /account/status: cookies cleared, every later call 403 user_blocked', async () => {
    const { email, session } = await newUserSession(sandbox)
    const response = await call(sandbox, 'PATCH', '/account/status', { headers: { 'x-appwrite-session': session }, body: {} })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ status: false })
    expect(response.headers.get('x-fallback-cookies')).toBe('[]')
    const later = await sdkError(sdkAccount(sandbox, session).get())
    expect(later).toMatchObject({ code: 403, type: 'user_blocked' })
    const login = await sdkError(sdkAccount(sandbox).createEmailPasswordSession({ email, password: PASSWORD }))
    expect(login).toMatchObject({ code: 403, type: 'user_blocked' })
    const recovery = await sdkError(sdkAccount(sandbox).createRecovery({ email, url: 'http://localhost/r' }))
    expect(recovery.type).toBe('user_blocked')
  })

  it('answers user_more_factors_required when MFA is on with a verified channel, except on exempt routes', async () => {
    const { userId, session } = await newUserSession(sandbox)
    inSandboxDb(sandbox, (db) => {
      db.prepare('UPDATE users SET mfa = 1, emailVerification = 1 WHERE id = ?').run(userId)
    })
    const blocked = await sdkError(sdkAccount(sandbox, session).get())
    expect(blocked).toMatchObject({ code: 401, type: 'user_more_factors_required' })
    const listing = await sdkError(sdkAccount(sandbox, session).listSessions())
    expect(listing.type).toBe('user_more_factors_required')
    // DELETE /account/sessions/{id} is MFA-exempt (§6).
    await sdkAccount(sandbox, session).deleteSession({ sessionId: 'current' })
  })

  it('does not require a second factor when MFA is on but no second channel is verified', async () => {
    const { userId, session } = await newUserSession(sandbox)
    inSandboxDb(sandbox, (db) => {
      db.prepare('UPDATE users SET mfa = 1 WHERE id = ?').run(userId)
    })
    expect((await sdkAccount(sandbox, session).get()).mfa).toBe(true)
  })
})
