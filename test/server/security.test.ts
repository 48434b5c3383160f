/**
 * Issue 10, sandbox side: every finding reproduced over real HTTP (raw requests, where a browser
 * or an attacker controls headers an SDK never sends, and the official web SDK for the flows).
 */
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ID, AuthenticatorType } from 'appwrite'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../src-server/index'
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
  signUp,
  uniqueEmail,
  useSandbox,
  withSandbox,
  type TestSandbox,
} from './support/sandbox'
import { totpNow } from './support/authenticator'

const DEV_KEY = 'security-test-dev-key-0123456789'

interface Raw {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly text: string
  readonly json: Record<string, unknown>
}

/** One request with exactly these headers (fetch would not let us choose Host or Origin). */
function raw(sandbox: TestSandbox, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const url = new URL(sandbox.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: `/v1${path}`, headers, setHost: !('Host' in headers) }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        let json: Record<string, unknown> = {}
        try {
          json = JSON.parse(text) as Record<string, unknown>
        } catch {
          // not JSON: the test looks at `text`
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

function hostOf(sandbox: TestSandbox, name: string): string {
  return `${name}:${new URL(sandbox.url).port}`
}

const sandbox = useSandbox()
const devSandbox = useSandbox({ devKey: DEV_KEY })
const limited = useSandbox({ rateLimits: true })

describe('origin model (DNS rebinding, Origin: null, simple requests)', () => {
  it('refuses a rebound Host before routing: 400, no CORS, no session from a valid token', async () => {
    const email = uniqueEmail()
    const token = await sdkAccount(sandbox).createEmailToken({ userId: ID.unique(), email })
    const secret = codeIn((await latestMessage(sandbox, email)).body)
    const attacker = hostOf(sandbox, 'rebind.attacker.example')
    const redeem = await raw(
      sandbox,
      'POST',
      '/account/sessions/token',
      { Host: attacker, Origin: `http://${attacker}`, 'X-Appwrite-Project': sandbox.project, 'Content-Type': 'application/json' },
      JSON.stringify({ userId: token.userId, secret }),
    )
    expect(redeem.status).toBe(400)
    expect(redeem.json).toMatchObject({ code: 400, type: 'general_bad_request' })
    expect(redeem.headers['set-cookie']).toBeUndefined()
    expect(redeem.headers['access-control-allow-origin']).toBeUndefined()
    const read = await raw(sandbox, 'GET', '/account', { Host: attacker, 'X-Appwrite-Project': sandbox.project })
    expect(read.status).toBe(400)
    // The token is untouched: the person it was meant for can still use it.
    expect((await sdkAccount(sandbox).createSession({ userId: token.userId, secret })).userId).toBe(token.userId)
  })

  it('answers to 127.0.0.1, localhost and [::1] on the bound port only', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST']) {
      const response = await raw(sandbox, 'GET', '/account', { Host: hostOf(sandbox, name), 'X-Appwrite-Project': sandbox.project })
      expect(response.json, name).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
    }
    const otherPort = await raw(sandbox, 'GET', '/account', { Host: '127.0.0.1:1', 'X-Appwrite-Project': sandbox.project })
    expect(otherPort.status).toBe(400)
  })

  it('refuses writes from Origin: null and host-less origins with 403 general_unknown_origin', async () => {
    for (const origin of ['null', 'file://']) {
      const email = uniqueEmail()
      const response = await raw(
        sandbox,
        'POST',
        '/account',
        { Origin: origin, 'X-Appwrite-Project': sandbox.project, 'Content-Type': 'application/json' },
        JSON.stringify({ userId: 'unique()', email, password: PASSWORD }),
      )
      expect(response.json, origin).toMatchObject({ code: 403, type: 'general_unknown_origin' })
      expect((await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password: PASSWORD } })).status).toBe(401)
    }
  })

  it('refuses a "simple" cross-site POST: text/plain JSON with ?project= creates nothing', async () => {
    const email = uniqueEmail()
    const body = JSON.stringify({ userId: 'unique()', email, password: PASSWORD })
    const simple = await raw(sandbox, 'POST', `/account?project=${sandbox.project}`, { Origin: 'null', 'Content-Type': 'text/plain' }, body)
    expect(simple.json).toMatchObject({ code: 404, type: 'project_not_found' })
    expect(String(simple.json['message'])).toContain('X-Appwrite-Project header')
    // Even with the header (which forces a preflight in a browser), text/plain is not JSON.
    const typed = await raw(sandbox, 'POST', '/account', { 'X-Appwrite-Project': sandbox.project, 'Content-Type': 'text/plain' }, body)
    expect(typed.json).toMatchObject({ code: 400, type: 'general_bad_request' })
    expect(String(typed.json['message'])).toContain('application/json')
    const untyped = await raw(sandbox, 'POST', '/account', { 'X-Appwrite-Project': sandbox.project }, body)
    expect(untyped.status).toBe(400)
    expect((await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password: PASSWORD } })).status).toBe(401)
    // GET keeps the query parameter, as in Appwrite.
    expect((await raw(sandbox, 'GET', `/account?project=${sandbox.project}`, {})).json).toMatchObject({ type: 'general_unauthorized_scope' })
  })

  it('cannot lock an account out with simple POSTs: the owner still signs in after ten of them', async () => {
    const email = uniqueEmail()
    await signUp(limited, email)
    for (let i = 0; i < 10; i++) {
      const response = await raw(
        limited,
        'POST',
        `/account/sessions/email?project=${limited.project}`,
        { Origin: 'null', 'Content-Type': 'text/plain' },
        JSON.stringify({ email, password: 'wrong-password' }),
      )
      expect(response.status).toBe(404)
    }
    expect((await call(limited, 'POST', '/account/sessions/email', { body: { email, password: PASSWORD } })).status).toBe(201)
  })

  it('still serves the official SDK and browser preflights from registered origins', async () => {
    const preflight = await raw(sandbox, 'OPTIONS', '/account', {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Headers': 'x-appwrite-project, content-type',
    })
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    const foreign = await raw(sandbox, 'OPTIONS', '/account', { Origin: 'https://evil.example' })
    expect(foreign.headers['access-control-allow-origin']).not.toBe('https://evil.example')
    const email = uniqueEmail()
    await sdkAccount(sandbox).create({ userId: ID.unique(), email, password: PASSWORD })
    expect((await sdkAccount(sandbox).createEmailPasswordSession({ email, password: PASSWORD })).provider).toBe('email')
  })
})

describe('rate limits keyed by the bound address', () => {
  it('does not reset the e-mail sign-in limit when Host or the e-mail case changes', async () => {
    const email = uniqueEmail()
    const attempt = (host: string, address: string) =>
      raw(
        limited,
        'POST',
        '/account/sessions/email',
        { Host: hostOf(limited, host), 'X-Appwrite-Project': limited.project, 'Content-Type': 'application/json' },
        JSON.stringify({ email: address, password: 'wrong-password' }),
      )
    for (let i = 0; i < 10; i++) expect((await attempt('127.0.0.1', email)).status).toBe(401)
    for (const host of ['localhost', '[::1]', '127.0.0.1']) {
      expect((await attempt(host, email)).json, host).toMatchObject({ code: 429, type: 'general_rate_limit_exceeded' })
    }
    expect((await attempt('localhost', email.toUpperCase())).status).toBe(429)
  })
})

describe('blocked means blocked (403 user_blocked on every way in)', () => {
  /** Redeems `first` for a session, asks for `second`, blocks the account; answers what redeeming `second` gives. */
  async function blockedRedemption(request: () => Promise<{ userId: string; secret: string }>) {
    const first = await request()
    const session = sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/token', { body: first }))
    const second = await request()
    const blocked = await call(sandbox, 'PATCH', '/account/status', { headers: { 'X-Appwrite-Session': session } })
    expect(blocked.status).toBe(200)
    return second
  }

  it('refuses an e-mail code, through the SDK', async () => {
    const email = uniqueEmail()
    const second = await blockedRedemption(async () => {
      const token = await sdkAccount(sandbox).createEmailToken({ userId: ID.unique(), email })
      return { userId: token.userId, secret: codeIn((await latestMessage(sandbox, email)).body) }
    })
    expect(await sdkError(sdkAccount(sandbox).createSession(second))).toMatchObject({ code: 403, type: 'user_blocked' })
  })

  it('refuses a magic link (POST /sessions/token and the deprecated PUT /sessions/magic-url)', async () => {
    const email = uniqueEmail()
    const second = await blockedRedemption(async () => {
      await sdkAccount(sandbox).createMagicURLToken({ userId: ID.unique(), email, url: 'http://localhost/magic' })
      const link = linkParams((await latestMessage(sandbox, email)).body)
      return { userId: link.userId, secret: link.secret }
    })
    expect(await sdkError(sdkAccount(sandbox).createSession(second))).toMatchObject({ code: 403, type: 'user_blocked' })
    expect((await call(sandbox, 'PUT', '/account/sessions/magic-url', { body: second })).body).toMatchObject({ code: 403, type: 'user_blocked' })
  })

  it('refuses a phone code (POST /sessions/token and PUT /sessions/phone)', async () => {
    const phone = `+1555${String(Date.now()).slice(-7)}`
    const second = await blockedRedemption(async () => {
      const token = await sdkAccount(sandbox).createPhoneToken({ userId: ID.unique(), phone })
      return { userId: token.userId, secret: codeIn((await latestMessage(sandbox, phone)).body) }
    })
    expect(await sdkError(sdkAccount(sandbox).updatePhoneSession(second))).toMatchObject({ code: 403, type: 'user_blocked' })
    expect((await call(sandbox, 'POST', '/account/sessions/token', { body: second })).body).toMatchObject({ code: 403, type: 'user_blocked' })
  })

  it('refuses anonymous conversion and MFA completion with a blocked session', async () => {
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    const session = sessionFromResponse(sandbox, anonymous)
    await call(sandbox, 'PATCH', '/account/status', { headers: { 'X-Appwrite-Session': session } })
    const convert = await call(sandbox, 'PATCH', '/account/email', {
      headers: { 'X-Appwrite-Session': session },
      body: { email: uniqueEmail(), password: PASSWORD },
    })
    expect(convert.body).toMatchObject({ code: 403, type: 'user_blocked' })
    const mfa = await call(sandbox, 'PUT', '/account/mfa/challenges', { headers: { 'X-Appwrite-Session': session }, body: { challengeId: 'x', otp: '123456' } })
    expect(mfa.body).toMatchObject({ code: 403, type: 'user_blocked' })
  })
})

describe('MFA challenges expire and take a limited number of wrong answers', () => {
  async function totpChallenge(): Promise<{ session: string; secret: string; challengeId: string }> {
    const user = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, user.session)
    const { secret } = await account.createMFAAuthenticator({ type: AuthenticatorType.Totp })
    await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await totpNow(secret) })
    const created = await call(sandbox, 'POST', '/account/mfa/challenges', { headers: { 'X-Appwrite-Session': user.session }, body: { factor: 'totp' } })
    expect(created.status).toBe(201)
    return { session: user.session, secret, challengeId: (created.body as { $id: string }).$id }
  }

  const answer = (session: string, challengeId: string, otp: string) =>
    call(sandbox, 'PUT', '/account/mfa/challenges', { headers: { 'X-Appwrite-Session': session }, body: { challengeId, otp } })

  it('refuses the right code for an expired challenge', async () => {
    const { session, secret, challengeId } = await totpChallenge()
    inSandboxDb(sandbox, (db) => {
      db.prepare('UPDATE challenges SET expire = ? WHERE id = ?').run(Date.now() - 1000, challengeId)
    })
    const response = await answer(session, challengeId, await totpNow(secret))
    expect(response.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
    expect((response.body as { message: string }).message).toContain('expired')
  })

  it('drops a challenge after five wrong answers, so the sixth guess cannot succeed', async () => {
    const { session, secret, challengeId } = await totpChallenge()
    const right = await totpNow(secret)
    const wrong = right === '000000' ? '000001' : '000000'
    for (let i = 0; i < 5; i++) expect((await answer(session, challengeId, wrong)).body).toMatchObject({ code: 401, type: 'user_invalid_token' })
    const late = await answer(session, challengeId, await totpNow(secret))
    expect(late.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
    // A fresh challenge still works: the cap is per challenge, not a lock-out.
    const again = await call(sandbox, 'POST', '/account/mfa/challenges', { headers: { 'X-Appwrite-Session': session }, body: { factor: 'totp' } })
    expect((await answer(session, (again.body as { $id: string }).$id, await totpNow(secret))).status).toBe(200)
  })
})

describe('dev routes (/v1/dev/*)', () => {
  it('need the X-Sandbox-Dev-Key header: 401 without or with a wrong key, 200 with it, paged', async () => {
    const email = uniqueEmail()
    await sdkAccount(devSandbox).createEmailToken({ userId: ID.unique(), email })
    await sdkAccount(devSandbox).createEmailToken({ userId: ID.unique(), email: uniqueEmail() })
    const headers = { 'X-Appwrite-Project': devSandbox.project }
    expect((await raw(devSandbox, 'GET', '/dev/outbox', headers)).json).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
    expect((await raw(devSandbox, 'GET', '/dev/outbox', { ...headers, 'X-Sandbox-Dev-Key': 'not-the-key-at-all' })).status).toBe(401)
    const page = await raw(devSandbox, 'GET', '/dev/outbox?limit=1', { ...headers, 'X-Sandbox-Dev-Key': DEV_KEY })
    expect(page.status).toBe(200)
    const body = page.json as { total: number; messages: Array<Record<string, unknown>> }
    expect(body.total).toBeGreaterThanOrEqual(2)
    expect(body.messages).toHaveLength(1)
    expect(Object.keys(body.messages[0] ?? {}).sort()).toEqual(['$id', 'body', 'channel', 'createdAt', 'subject', 'to'])
    const next = await raw(devSandbox, 'GET', '/dev/outbox?limit=1&offset=1', { ...headers, 'X-Sandbox-Dev-Key': DEV_KEY })
    expect((next.json as { messages: Array<{ $id: string }> }).messages[0]?.$id).not.toBe(body.messages[0]?.['$id'])
  })

  it('answer no CORS headers, even to a localhost page on another port that has the key', async () => {
    const origin = 'http://localhost:9999'
    const preflight = await raw(devSandbox, 'OPTIONS', '/dev/outbox', { Origin: origin, 'Access-Control-Request-Headers': 'x-sandbox-dev-key' })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined()
    const read = await raw(devSandbox, 'GET', '/dev/outbox', { Origin: origin, 'X-Appwrite-Project': devSandbox.project, 'X-Sandbox-Dev-Key': DEV_KEY })
    expect(read.status).toBe(200)
    expect(read.headers['access-control-allow-origin']).toBeUndefined()
    // Appwrite routes keep their CORS headers.
    const api = await raw(devSandbox, 'GET', '/account', { Origin: origin, 'X-Appwrite-Project': devSandbox.project })
    expect(api.headers['access-control-allow-origin']).toBe(origin)
  })

  it('do not exist without a dev key (the embedded sandbox), whatever is sent', async () => {
    const response = await raw(sandbox, 'GET', '/dev/outbox', { 'X-Appwrite-Project': sandbox.project, 'X-Sandbox-Dev-Key': DEV_KEY })
    expect(response.json).toMatchObject({ code: 404, type: 'general_route_not_found' })
  })

  it('are refused on a non-loopback bind unless allowed explicitly; that bind answers to its platforms', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-net-'))
    try {
      await expect(startServer({ dataDir, host: '0.0.0.0', devKey: DEV_KEY })).rejects.toThrow(/non-loopback/)
      const server = await startServer({ dataDir, host: '0.0.0.0', devKey: DEV_KEY, devOnNetwork: true, platforms: ['sandbox.lan'], rateLimits: false })
      try {
        const onNetwork: TestSandbox = {
          url: `http://127.0.0.1:${server.port}/v1`,
          project: server.projectId,
          dataDir,
          outbox: () => server.outbox(),
          close: () => server.close(),
        }
        const headers = { 'X-Appwrite-Project': server.projectId }
        expect((await raw(onNetwork, 'GET', '/account', { ...headers, Host: hostOf(onNetwork, 'sandbox.lan') })).status).toBe(401)
        expect((await raw(onNetwork, 'GET', '/account', { ...headers, Host: hostOf(onNetwork, 'evil.example') })).status).toBe(400)
      } finally {
        await server.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('outbox', () => {
  it('drops a message once its code is used, and anything older than a day', async () => {
    const email = uniqueEmail()
    const token = await sdkAccount(sandbox).createEmailToken({ userId: ID.unique(), email })
    const message = await latestMessage(sandbox, email)
    await sdkAccount(sandbox).createSession({ userId: token.userId, secret: codeIn(message.body) })
    expect((await sandbox.outbox()).some((m) => m.$id === message.$id)).toBe(false)

    const other = uniqueEmail()
    await signUp(sandbox, other)
    const session = sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/email', { body: { email: other, password: PASSWORD } }))
    await call(sandbox, 'POST', '/account/verifications/email', { body: { url: 'http://localhost/verify' }, headers: { 'X-Appwrite-Session': session } })
    const old = await latestMessage(sandbox, other)
    inSandboxDb(sandbox, (db) => {
      db.prepare('UPDATE outbox SET createdAt = ? WHERE id = ?').run(Date.now() - 25 * 3600 * 1000, old.$id)
    })
    expect((await sandbox.outbox()).some((m) => m.$id === old.$id)).toBe(false)
  })
})

describe('files and sockets', () => {
  it('keeps the data folder 0700 and the database files 0600, tightening older loose modes', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sandbox-modes-'))
    try {
      const fresh = await withSandbox({ dataDir: join(parent, 'fresh') })
      await signUp(fresh, uniqueEmail())
      await fresh.close()
      expect(statSync(join(parent, 'fresh')).mode & 0o777).toBe(0o700)
      expect(statSync(join(parent, 'fresh', 'sandbox.db')).mode & 0o777).toBe(0o600)

      const loose = join(parent, 'loose')
      mkdirSync(loose, { mode: 0o755 })
      chmodSync(loose, 0o755)
      const first = await withSandbox({ dataDir: loose })
      await first.close()
      chmodSync(join(loose, 'sandbox.db'), 0o644)
      const again = await withSandbox({ dataDir: loose })
      await signUp(again, uniqueEmail())
      expect(statSync(loose).mode & 0o777).toBe(0o700)
      for (const file of ['sandbox.db', 'sandbox.db-wal']) expect(statSync(join(loose, file)).mode & 0o777, file).toBe(0o600)
      await again.close()
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })

  it('cuts off a client that never finishes its headers (408), and an aborted upload logs nothing', async () => {
    const lines: string[] = []
    const slow = await withSandbox({ timeouts: { headersMs: 300, requestMs: 600, checkIntervalMs: 50 }, log: (line) => lines.push(line) })
    try {
      const { port } = new URL(slow.url)
      const received = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET /v1/account HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`))
        let data = ''
        socket.setEncoding('utf8')
        socket.on('data', (chunk: string) => (data += chunk))
        socket.on('close', () => resolve(data))
        socket.on('error', reject)
        // The test's own deadline: well past the server's limits, so only a server that never
        // cuts the client off gets here.
        setTimeout(() => {
          socket.destroy()
          reject(new Error('the server kept the slow connection open'))
        }, 10_000)
      })
      expect(received).toMatch(/^HTTP\/1\.1 408/)

      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/account HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Appwrite-Project: ${slow.project}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":`,
          )
          setImmediate(() => socket.destroy())
        })
        socket.on('close', () => resolve())
      })
      // A full round trip after the abort: the server has handled the closed socket by then.
      expect((await call(slow, 'GET', '/account')).status).toBe(401)
      expect(lines.join('\n')).not.toMatch(/aborted|ECONNRESET|\n\s+at /)
    } finally {
      await slow.close()
    }
  })
})
