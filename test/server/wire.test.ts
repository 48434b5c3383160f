/**
 * Wire behaviour that SDKs rely on: CORS and preflight, body encodings and their errors, the
 * origin check, cookies, and the web SDK's localStorage cookie fallback in both directions.
 */
import { describe, expect, it } from 'vitest'
import { Account, Client } from 'appwrite'
import { PASSWORD, call, newUserSession, signUp, uniqueEmail, useSandbox } from './support/sandbox'

const sandbox = useSandbox({ platforms: ['app.example.com'] })

describe('CORS', () => {
  it('answers preflight and echoes a registered origin, exposing the session headers', async () => {
    const preflight = await fetch(`${sandbox.url}/account/sessions/email`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Appwrite-Project')
    const response = await call(sandbox, 'GET', '/account', { headers: { origin: 'https://app.example.com' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Fallback-Cookies')
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Appwrite-Session')
    const unknown = await call(sandbox, 'GET', '/account', { headers: { origin: 'https://evil.example.org' } })
    expect(unknown.headers.get('access-control-allow-origin')).toBe('http://localhost')
  })

  it('refuses writes from unknown web origins with 403 general_unknown_origin', async () => {
    const response = await call(sandbox, 'POST', '/account/sessions/anonymous', { headers: { origin: 'https://evil.example.org' }, body: {} })
    expect(response.body).toMatchObject({ code: 403, type: 'general_unknown_origin' })
    const allowed = await call(sandbox, 'POST', '/account/sessions/anonymous', { headers: { origin: 'http://localhost:3000' }, body: {} })
    expect(allowed.status).toBe(201)
  })
})

describe('bodies', () => {
  it('accepts form-urlencoded and multipart bodies', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const form = await call(sandbox, 'POST', '/account/sessions/email', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({ email, password: PASSWORD }).toString(),
    })
    expect(form.status).toBe(201)
    const data = new FormData()
    data.set('email', email)
    data.set('password', PASSWORD)
    const multipart = await fetch(`${sandbox.url}/account/sessions/email`, { method: 'POST', headers: { 'X-Appwrite-Project': sandbox.project }, body: data })
    expect(multipart.status).toBe(201)
  })

  it('answers malformed JSON, non-object JSON and oversized bodies with a 400', async () => {
    for (const rawBody of ['{"email": ', '[1,2]', '"text"', 'null', '\u0000\u0001']) {
      const response = await call(sandbox, 'POST', '/account', { headers: { 'content-type': 'application/json' }, rawBody })
      expect(response.status, rawBody).toBe(400)
      expect((response.body as { type: string }).type).toMatch(/^general_(bad_request|argument_invalid)$/)
    }
    const huge = await call(sandbox, 'POST', '/account', {
      headers: { 'content-type': 'application/json' },
      rawBody: `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    })
    expect(huge.status).toBe(400)
  })

  it('reports wrong types with the parameter name', async () => {
    const response = await call(sandbox, 'POST', '/account', { body: { userId: 42, email: 'a@b.co', password: PASSWORD } })
    expect(response.body).toMatchObject({ code: 400, type: 'general_argument_invalid' })
    expect((response.body as { message: string }).message).toMatch(/^Invalid `userId` param: /)
    const bool = await call(sandbox, 'POST', '/account/tokens/email', { body: { userId: 'unique()', email: uniqueEmail(), phrase: 'maybe' } })
    expect(bool.body).toMatchObject({ message: 'Invalid `phrase` param: Value must be a valid boolean' })
  })
})

describe('routes and methods', () => {
  it('answers unknown paths, methods and versions with 404 general_route_not_found', async () => {
    for (const [method, path] of [
      ['GET', '/v1/unknown'],
      ['PUT', '/v1/account'],
      ['GET', '/v2/account'],
      ['GET', '/'],
      ['PATCH', '/v1/account/sessions'],
    ] as const) {
      const response = await fetch(`${sandbox.url.replace(/\/v1$/, '')}${path}`, { method, headers: { 'X-Appwrite-Project': sandbox.project } })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(((await response.json()) as { type: string }).type).toBe('general_route_not_found')
    }
  })
})

describe('cookies and the web SDK fallback', () => {
  it('sets cookies without a Domain on 127.0.0.1', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const response = await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password: PASSWORD } })
    for (const cookie of response.headers.getSetCookie()) {
      expect(cookie).not.toContain('Domain=')
      expect(cookie).toContain('Path=/')
      expect(cookie).not.toContain('Secure')
    }
  })

  it('works like a browser without third-party cookies: localStorage cookieFallback round trip, [] after logout', async () => {
    const store = new Map<string, string>()
    const globals = globalThis as unknown as { window?: unknown }
    const previous = globals.window
    globals.window = {
      localStorage: {
        getItem: (key: string) => store.get(key) ?? null,
        setItem: (key: string, value: string) => void store.set(key, value),
        removeItem: (key: string) => void store.delete(key),
      },
      console: { warn: () => undefined, log: () => undefined, error: () => undefined },
    }
    try {
      const email = uniqueEmail()
      await signUp(sandbox, email)
      const account = new Account(new Client().setEndpoint(sandbox.url).setProject(sandbox.project))
      await account.createEmailPasswordSession({ email, password: PASSWORD })
      expect(JSON.parse(store.get('cookieFallback') ?? '{}')).toHaveProperty(`a_session_${sandbox.project}`)
      expect((await account.get()).email).toBe(email)
      await account.deleteSession({ sessionId: 'current' })
      expect(store.get('cookieFallback')).toBe('[]')
      await expect(account.get()).rejects.toMatchObject({ code: 401 })
    } finally {
      globals.window = previous
    }
  })

  it('treats a garbage session value as a guest, never an error', async () => {
    const { session } = await newUserSession(sandbox)
    for (const value of [
      '%%%',
      Buffer.from('{"id":1}').toString('base64'),
      Buffer.from(JSON.stringify({ id: 'x', secret: 'y' })).toString('base64'),
      session.slice(0, 20),
    ]) {
      const response = await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-session': value } })
      expect(response.status).toBe(401)
      expect(response.body).toMatchObject({ type: 'general_unauthorized_scope' })
    }
    const badFallback = await call(sandbox, 'GET', '/account', { headers: { 'x-fallback-cookies': '{not json' } })
    expect(badFallback.status).toBe(401)
  })
})
