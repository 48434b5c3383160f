/**
 * The Account client against a local node:http stub that records what arrives and answers what
 * each test scripts. Nothing of axios is mocked: requests go over a real socket.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  AppwriteError,
  NetworkError,
  Query,
  TooLargeError,
  captureFromFallbackHeader,
  captureFromSetCookie,
  createAccountClient,
  type AccountClient,
} from '../../../src-main/core/appwrite'
import { toApiError } from '../../../src-main/core/auth/errors'

interface Recorded {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly search: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly rawBody: string
}

type Responder = (req: Recorded, res: ServerResponse) => void

const PROJECT = 'proj-1'
// base64 of {"id":"user1","secret":"<256 hex>"}: the shape of a real session value (appwrite-behaviour §1.3).
const SESSION_VALUE = Buffer.from(JSON.stringify({ id: 'user1', secret: 'ab'.repeat(128) })).toString('base64')

let server: Server
let baseUrl: string
const received: Recorded[] = []
let responder: Responder = (_req, res) => json(res, 200, {})

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

function appwriteError(res: ServerResponse, status: number, type: string, message: string): void {
  json(res, status, { message, code: status, type, version: '1.9.6' })
}

const sessionModel = {
  $id: 'sess1',
  $createdAt: '2025-01-01T00:00:00.000+00:00',
  $updatedAt: '2025-01-01T00:00:00.000+00:00',
  userId: 'user1',
  provider: 'email',
  secret: '',
  current: true,
  factors: ['password'],
}

function client(extra: Partial<Parameters<typeof createAccountClient>[0]> = {}): AccountClient {
  return createAccountClient({ endpoint: `${baseUrl}/v1`, projectId: PROJECT, ...extra })
}

function last(): Recorded {
  const r = received.at(-1)
  if (r === undefined) throw new Error('no request arrived')
  return r
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub')
      const rec: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        search: url.searchParams,
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      }
      received.push(rec)
      responder(rec, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

afterEach(() => {
  received.length = 0
  responder = (_req, res) => json(res, 200, {})
})

describe('request headers', () => {
  it('sends project, SDK identification, response format and user agent like a native SDK, and no Origin or Referer', async () => {
    responder = (_req, res) => json(res, 200, { $id: 'user1' })
    await client().get()
    const { headers, method, path } = last()
    expect(method).toBe('GET')
    expect(path).toBe('/v1/account')
    expect(headers['x-appwrite-project']).toBe(PROJECT)
    expect(headers['x-appwrite-response-format']).toBe('1.8.0')
    expect(headers['x-sdk-name']).toBe('Account Console')
    expect(headers['x-sdk-platform']).toBe('client')
    expect(headers['x-sdk-language']).toBe('typescript')
    // The app's own version, read from package.json at build time (never a second copy to forget).
    expect(headers['x-sdk-version']).toBe(JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')).version)
    expect(headers['user-agent']).toBe(`AccountConsole/0.1.0 (${process.platform}; Node ${process.version})`)
    expect(headers.origin).toBeUndefined()
    expect(headers.referer).toBeUndefined()
    expect(headers['x-appwrite-session']).toBeUndefined()
    expect(headers['x-appwrite-locale']).toBeUndefined()
    expect(headers['content-type']).toBeUndefined()
  })

  it('sends X-Appwrite-Session once set and stops after setSession(null)', async () => {
    const c = client()
    c.setSession(SESSION_VALUE)
    await c.get()
    expect(last().headers['x-appwrite-session']).toBe(SESSION_VALUE)
    expect(c.getSessionValue()).toBe(SESSION_VALUE)
    c.setSession(null)
    await c.get()
    expect(last().headers['x-appwrite-session']).toBeUndefined()
  })

  it('sends X-Appwrite-JWT, X-Appwrite-Locale and a custom user agent when given', async () => {
    const c = client({ locale: 'de', userAgent: 'Test/1.0' })
    c.setJwt('jwt-token-value')
    await c.get()
    expect(last().headers['x-appwrite-jwt']).toBe('jwt-token-value')
    expect(last().headers['x-appwrite-locale']).toBe('de')
    expect(last().headers['user-agent']).toBe('Test/1.0')
    c.setLocale(null)
    c.setJwt(null)
    await c.get()
    expect(last().headers['x-appwrite-jwt']).toBeUndefined()
    expect(last().headers['x-appwrite-locale']).toBeUndefined()
  })

  it('sends a JSON body for writes, with optional parameters left out when not given', async () => {
    await client().create({ userId: 'unique()', email: 'a@example.com', password: 'password123' })
    const r = last()
    expect(r.method).toBe('POST')
    expect(r.path).toBe('/v1/account')
    expect(r.headers['content-type']).toBe('application/json')
    expect(JSON.parse(r.rawBody)).toEqual({ userId: 'unique()', email: 'a@example.com', password: 'password123' })
  })

  it('sends {} as the body of a DELETE and returns undefined for 204', async () => {
    responder = (_req, res) => {
      res.writeHead(204)
      res.end()
    }
    const result = await client().deleteSession('current')
    expect(result).toBeUndefined()
    expect(last().method).toBe('DELETE')
    expect(last().path).toBe('/v1/account/sessions/current')
    expect(last().headers['content-type']).toBe('application/json')
    expect(last().rawBody).toBe('{}')
  })

  it('encodes path segments', async () => {
    await client().getSession({ sessionId: 'a/b c' })
    expect(last().url).toBe('/v1/account/sessions/a%2Fb%20c')
  })
})

describe('query encoding', () => {
  it('flattens queries as queries[i] with JSON query strings and booleans as strings', async () => {
    responder = (_req, res) => json(res, 200, { total: 0, logs: [] })
    await client().listLogs({ queries: [Query.limit(25), Query.offset(50)], total: false })
    const { search, path } = last()
    expect(path).toBe('/v1/account/logs')
    expect(search.get('queries[0]')).toBe('{"method":"limit","values":[25]}')
    expect(search.get('queries[1]')).toBe('{"method":"offset","values":[50]}')
    expect(search.get('total')).toBe('false')
    expect([...search.keys()]).toEqual(['queries[0]', 'queries[1]', 'total'])
  })

  it('sends no query string when no list parameters are given', async () => {
    await client().listIdentities()
    expect(last().url).toBe('/v1/account/identities')
  })

  it('builds Appwrite JSON queries, leaving out attribute and values when a method has none', () => {
    expect(Query.equal('provider', 'github')).toBe('{"method":"equal","attribute":"provider","values":["github"]}')
    expect(Query.equal('provider', ['github', 'oidc'])).toBe('{"method":"equal","attribute":"provider","values":["github","oidc"]}')
    expect(Query.cursorAfter('id1')).toBe('{"method":"cursorAfter","values":["id1"]}')
    expect(Query.cursorBefore('id1')).toBe('{"method":"cursorBefore","values":["id1"]}')
    expect(Query.orderDesc('$createdAt')).toBe('{"method":"orderDesc","attribute":"$createdAt"}')
    expect(Query.isNull('providerEmail')).toBe('{"method":"isNull","attribute":"providerEmail"}')
    expect(JSON.parse(Query.or([Query.equal('a', 1), Query.equal('b', 2)]))).toEqual({
      method: 'or',
      values: [
        { method: 'equal', attribute: 'a', values: [1] },
        { method: 'equal', attribute: 'b', values: [2] },
      ],
    })
  })
})

describe('session capture', () => {
  const sessionRoute =
    (headers: Record<string, string | string[]>): Responder =>
    (_req, res) =>
      json(res, 201, sessionModel, headers)

  it('takes the session from Set-Cookie a_session_<project>, URL-decoded, and does not switch the client to it', async () => {
    responder = sessionRoute({
      'set-cookie': [
        `a_session_${PROJECT}_legacy=${encodeURIComponent('legacy-value')}; expires=Wed, 01 Jan 2098 00:00:00 GMT; path=/; httponly`,
        `a_session_${PROJECT}=${encodeURIComponent(SESSION_VALUE)}; expires=Wed, 01 Jan 2098 00:00:00 GMT; path=/; httponly; samesite=None`,
      ],
      'x-fallback-cookies': JSON.stringify({ [`a_session_${PROJECT}`]: 'fallback-value' }),
    })
    const c = client()
    const { session, capture } = await c.createEmailPasswordSession({ email: 'a@example.com', password: 'password123' })
    expect(session.$id).toBe('sess1')
    expect(capture?.value).toBe(SESSION_VALUE)
    expect(c.getSessionValue()).toBeNull()
    expect(last().path).toBe('/v1/account/sessions/email')
    expect(JSON.parse(last().rawBody)).toEqual({ email: 'a@example.com', password: 'password123' })
  })

  it('falls back to the _legacy cookie when the main one is absent', async () => {
    responder = sessionRoute({ 'set-cookie': [`a_session_${PROJECT}_legacy=${encodeURIComponent(SESSION_VALUE)}; path=/`] })
    const { capture } = await client().createAnonymousSession()
    expect(capture?.value).toBe(SESSION_VALUE)
  })

  it('takes the session from X-Fallback-Cookies when there is no cookie for this project', async () => {
    responder = sessionRoute({
      'set-cookie': [`a_session_other=${encodeURIComponent('not-ours')}; path=/`],
      'x-fallback-cookies': JSON.stringify({ [`a_session_${PROJECT}`]: SESSION_VALUE }),
    })
    const { capture } = await client().createSession({ userId: 'user1', secret: '123456' })
    expect(capture?.value).toBe(SESSION_VALUE)
    expect(last().path).toBe('/v1/account/sessions/token')
  })

  it('returns a null capture when neither header carries this project', async () => {
    responder = sessionRoute({ 'x-fallback-cookies': '[]' })
    const { capture } = await client().updateMagicURLSession({ userId: 'u', secret: 's' })
    expect(capture).toBeNull()
    expect(last().method).toBe('PUT')
    expect(last().path).toBe('/v1/account/sessions/magic-url')
  })

  it('ignores expired and emptied cookies (what a logout sends)', () => {
    const past = 'Thu, 01 Jan 1970 00:00:00 GMT'
    expect(captureFromSetCookie([`a_session_${PROJECT}=; expires=${past}; path=/`], PROJECT)).toBeNull()
    expect(captureFromSetCookie([`a_session_${PROJECT}=abc; expires=${past}; path=/`], PROJECT)).toBeNull()
    expect(captureFromSetCookie([`a_session_${PROJECT}=abc; Max-Age=0`], PROJECT)).toBeNull()
    expect(captureFromFallbackHeader('[]', PROJECT)).toBeNull()
    expect(captureFromFallbackHeader('not json', PROJECT)).toBeNull()
  })

  it('never shows the captured value when logged or serialised', async () => {
    responder = sessionRoute({ 'set-cookie': [`a_session_${PROJECT}=${encodeURIComponent(SESSION_VALUE)}; path=/`] })
    const { capture } = await client().updatePhoneSession({ userId: 'u', secret: 's' })
    expect(capture?.value).toBe(SESSION_VALUE)
    expect(JSON.stringify({ capture })).not.toContain(SESSION_VALUE)
    expect(inspect(capture)).not.toContain(SESSION_VALUE)
    expect(String(capture)).not.toContain(SESSION_VALUE)
  })
})

describe('size caps', () => {
  it('stops reading an answer over 8 MB, streamed without a length, with a clear error', async () => {
    responder = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = 'x'.repeat(1024 * 1024)
      let sent = 0
      const pump = (): void => {
        while (sent < 12 && !res.destroyed) {
          sent++
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    }
    const error = await caught(client().get())
    expect(error).toBeInstanceOf(TooLargeError)
    expect((error as Error).message).toMatch(/^The answer from http:\/\/127\.0\.0\.1:\d+ was larger than 8 MB, so it was not read\.$/)
    expect(toApiError(error)).toMatchObject({ type: 'response_too_large' })
  })

  it('does not send a request body over 1 MB', async () => {
    const before = received.length
    const error = await caught(client().updatePrefs({ prefs: { blob: 'y'.repeat(1024 * 1024 + 1) } }))
    expect(error).toBeInstanceOf(TooLargeError)
    expect((error as Error).message).toBe('The request was larger than 1 MB, so it was not sent.')
    expect(received.length).toBe(before)
  })
})

describe('errors', () => {
  it('keeps Appwrite type, code, message and raw body on an AppwriteError', async () => {
    responder = (_req, res) => appwriteError(res, 401, 'user_invalid_credentials', 'Invalid credentials. Please check the email and password.')
    const error = await caught(client().createEmailPasswordSession({ email: 'a@example.com', password: 'wrongpass1' }))
    expect(error).toBeInstanceOf(AppwriteError)
    const e = error as AppwriteError
    expect(e.type).toBe('user_invalid_credentials')
    expect(e.code).toBe(401)
    expect(e.message).toBe('Invalid credentials. Please check the email and password.')
    expect(JSON.parse(e.response ?? '')).toMatchObject({ type: 'user_invalid_credentials', version: '1.9.6' })
  })

  it('keeps the type Appwrite sends even when the status was rewritten to 500', async () => {
    responder = (_req, res) => json(res, 500, { message: 'Server Error', code: 500, type: 'user_oauth2_provider_error', version: '1.9.6' })
    const e = (await caught(client().get())) as AppwriteError
    expect(e.type).toBe('user_oauth2_provider_error')
    expect(e.code).toBe(500)
  })

  it('exposes the rate-limit headers on a 429', async () => {
    responder = (_req, res) =>
      json(
        res,
        429,
        {
          message: 'Rate limit for the current endpoint has been exceeded. Please try again after some time.',
          code: 429,
          type: 'general_rate_limit_exceeded',
          version: '1.9.6',
        },
        { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' },
      )
    const e = (await caught(client().createEmailPasswordSession({ email: 'a@example.com', password: 'password123' }))) as AppwriteError
    expect(e.type).toBe('general_rate_limit_exceeded')
    expect(e.rateLimit).toEqual({ limit: 10, remaining: 0, reset: 1700000000 })
  })

  it('maps a non-JSON error body to an AppwriteError with the status', async () => {
    responder = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html>Bad gateway</html>')
    }
    const e = (await caught(client().get())) as AppwriteError
    expect(e).toBeInstanceOf(AppwriteError)
    expect(e.code).toBe(502)
    expect(e.type).toBe('general_server_error')
    expect(e.response).toBe('<html>Bad gateway</html>')

    responder = (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
    }
    const e404 = (await caught(client().get())) as AppwriteError
    expect(e404.code).toBe(404)
    expect(e404.type).toBe('unknown')
  })

  it('does not follow redirects', async () => {
    responder = (_req, res) => {
      res.writeHead(301, { location: 'http://127.0.0.1:1/elsewhere' })
      res.end()
    }
    const e = (await caught(client().get())) as AppwriteError
    expect(e).toBeInstanceOf(AppwriteError)
    expect(e.code).toBe(301)
    expect(received).toHaveLength(1)
  })

  it('raises a NetworkError, not an AppwriteError, when nothing listens on the port', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))

    const c = createAccountClient({ endpoint: `http://127.0.0.1:${port}/v1`, projectId: PROJECT })
    c.setSession(SESSION_VALUE)
    const error = await caught(c.get())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).not.toBeInstanceOf(AppwriteError)
    const e = error as NetworkError
    expect(e.code).toBe('ECONNREFUSED')
    expect(e.message).toContain(`127.0.0.1:${port}`)
    for (const text of [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(SESSION_VALUE)
    }
  })

  it('raises a NetworkError on timeout', async () => {
    responder = () => {
      // never answer
    }
    const c = client({ timeoutMs: 200 })
    c.setSession(SESSION_VALUE)
    const e = (await caught(c.get())) as NetworkError
    expect(e).toBeInstanceOf(NetworkError)
    expect(e.message).toContain('200 ms')
    expect(inspect(e, { depth: 10, showHidden: true })).not.toContain(SESSION_VALUE)
  })

  it('never puts the session value in an AppwriteError, even if the server echoes it', async () => {
    responder = (req, res) => appwriteError(res, 401, 'user_unauthorized', `rejected session ${String(req.headers['x-appwrite-session'])}`)
    const c = client()
    c.setSession(SESSION_VALUE)
    const e = (await caught(c.get())) as AppwriteError
    expect(e.type).toBe('user_unauthorized')
    for (const text of [e.message, e.stack ?? '', e.response ?? '', JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(SESSION_VALUE)
    }
  })
})

describe('OAuth2 URLs', () => {
  it('builds the token-flow URL with success, failure, scopes and project, without requesting it', () => {
    const url = new URL(
      client().createOAuth2Token({
        provider: 'oidc',
        success: 'account-console://oauth/success?flow=n1',
        failure: 'account-console://oauth/failure?flow=n1',
        scopes: ['openid', 'email'],
      }),
    )
    expect(`${url.origin}${url.pathname}`).toBe(`${baseUrl}/v1/account/tokens/oauth2/oidc`)
    expect(url.searchParams.get('success')).toBe('account-console://oauth/success?flow=n1')
    expect(url.searchParams.get('failure')).toBe('account-console://oauth/failure?flow=n1')
    expect(url.searchParams.get('scopes[0]')).toBe('openid')
    expect(url.searchParams.get('scopes[1]')).toBe('email')
    expect(url.searchParams.get('project')).toBe(PROJECT)
    expect(received).toHaveLength(0)
  })

  it('builds the session-flow URL and leaves out what was not given', () => {
    const url = new URL(client().createOAuth2Session({ provider: 'github' }))
    expect(url.pathname).toBe('/v1/account/sessions/oauth2/github')
    expect([...url.searchParams.keys()]).toEqual(['project'])
    expect(received).toHaveLength(0)
  })
})

describe('routes', () => {
  it('calls every documented route with its method, path and parameters', async () => {
    responder = (req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(204)
        res.end()
        return
      }
      json(res, 200, sessionModel)
    }
    const c = client()
    const cases: Array<[() => Promise<unknown>, string, string, Record<string, unknown> | null]> = [
      [() => c.updateEmail({ email: 'b@example.com', password: 'pw123456' }), 'PATCH', '/account/email', { email: 'b@example.com', password: 'pw123456' }],
      [() => c.updateName({ name: 'N' }), 'PATCH', '/account/name', { name: 'N' }],
      [
        () => c.updatePassword({ password: 'new12345', oldPassword: 'old12345' }),
        'PATCH',
        '/account/password',
        { password: 'new12345', oldPassword: 'old12345' },
      ],
      [() => c.updatePhone({ phone: '+15555550100', password: 'pw123456' }), 'PATCH', '/account/phone', { phone: '+15555550100', password: 'pw123456' }],
      [() => c.getPrefs(), 'GET', '/account/prefs', null],
      [() => c.updatePrefs({ prefs: { theme: 'dark' } }), 'PATCH', '/account/prefs', { prefs: { theme: 'dark' } }],
      [() => c.updateStatus(), 'PATCH', '/account/status', {}],
      [() => c.deleteIdentity({ identityId: 'id1' }), 'DELETE', '/account/identities/id1', {}],
      [() => c.createJWT({ duration: 600 }), 'POST', '/account/jwts', { duration: 600 }],
      [() => c.createJWT(), 'POST', '/account/jwts', {}],
      [() => c.updateMFA({ mfa: true }), 'PATCH', '/account/mfa', { mfa: true }],
      [() => c.createMfaAuthenticator({ type: 'totp' }), 'POST', '/account/mfa/authenticators/totp', {}],
      [() => c.updateMfaAuthenticator({ type: 'totp', otp: '123456' }), 'PUT', '/account/mfa/authenticators/totp', { otp: '123456' }],
      [() => c.deleteMfaAuthenticator({ type: 'totp' }), 'DELETE', '/account/mfa/authenticators/totp', {}],
      [() => c.createMfaChallenge({ factor: 'totp' }), 'POST', '/account/mfa/challenges', { factor: 'totp' }],
      [() => c.updateMfaChallenge({ challengeId: 'ch1', otp: '123456' }), 'PUT', '/account/mfa/challenges', { challengeId: 'ch1', otp: '123456' }],
      [() => c.listMfaFactors(), 'GET', '/account/mfa/factors', null],
      [() => c.getMfaRecoveryCodes(), 'GET', '/account/mfa/recovery-codes', null],
      [() => c.createMfaRecoveryCodes(), 'POST', '/account/mfa/recovery-codes', {}],
      [() => c.updateMfaRecoveryCodes(), 'PATCH', '/account/mfa/recovery-codes', {}],
      [
        () => c.createRecovery({ email: 'a@example.com', url: 'http://localhost/r' }),
        'POST',
        '/account/recovery',
        { email: 'a@example.com', url: 'http://localhost/r' },
      ],
      [
        () => c.updateRecovery({ userId: 'u', secret: 's', password: 'pw123456' }),
        'PUT',
        '/account/recovery',
        { userId: 'u', secret: 's', password: 'pw123456' },
      ],
      [() => c.listSessions(), 'GET', '/account/sessions', null],
      [() => c.deleteSessions(), 'DELETE', '/account/sessions', {}],
      [() => c.getSession({ sessionId: 'current' }), 'GET', '/account/sessions/current', null],
      [() => c.updateSession({ sessionId: 'current' }), 'PATCH', '/account/sessions/current', {}],
      [
        () => c.createPushTarget({ targetId: 't1', identifier: 'tok', providerId: 'p1' }),
        'POST',
        '/account/targets/push',
        { targetId: 't1', identifier: 'tok', providerId: 'p1' },
      ],
      [() => c.updatePushTarget({ targetId: 't1', identifier: 'tok2' }), 'PUT', '/account/targets/t1/push', { identifier: 'tok2' }],
      [() => c.deletePushTarget({ targetId: 't1' }), 'DELETE', '/account/targets/t1/push', {}],
      [
        () => c.createEmailToken({ userId: 'u', email: 'a@example.com', phrase: true }),
        'POST',
        '/account/tokens/email',
        { userId: 'u', email: 'a@example.com', phrase: true },
      ],
      [
        () => c.createMagicURLToken({ userId: 'u', email: 'a@example.com', url: 'http://localhost/m', phrase: false }),
        'POST',
        '/account/tokens/magic-url',
        { userId: 'u', email: 'a@example.com', url: 'http://localhost/m', phrase: false },
      ],
      [() => c.createPhoneToken({ userId: 'u', phone: '+15555550100' }), 'POST', '/account/tokens/phone', { userId: 'u', phone: '+15555550100' }],
      [() => c.createEmailVerification({ url: 'http://localhost/v' }), 'POST', '/account/verifications/email', { url: 'http://localhost/v' }],
      [() => c.updateEmailVerification({ userId: 'u', secret: 's' }), 'PUT', '/account/verifications/email', { userId: 'u', secret: 's' }],
      [() => c.createPhoneVerification(), 'POST', '/account/verifications/phone', {}],
      [() => c.updatePhoneVerification({ userId: 'u', secret: 's' }), 'PUT', '/account/verifications/phone', { userId: 'u', secret: 's' }],
    ]
    for (const [run, method, path, body] of cases) {
      await run()
      const r = last()
      expect(`${r.method} ${r.path}`).toBe(`${method} /v1${path}`)
      if (body === null) expect(r.rawBody).toBe('')
      else expect(JSON.parse(r.rawBody)).toEqual(body)
    }
  })
})
