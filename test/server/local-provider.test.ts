/**
 * The Local test provider (src-server/oauth/local-provider.ts) and the sandbox's run-time settings
 * (src-server/settings.ts): a real OpenID Connect provider on the sandbox's own address that the
 * sandbox's `oidc` client signs in through, by the session flow and the token flow, with no
 * set-up; its answers refuse other pages (login CSRF), and settings apply without a restart.
 */
import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Account, Client } from 'appwrite'
import { startServer, type SandboxServer } from '../../src-server/index'
import { LOCAL_PROVIDER_CLIENT_ID, PRESET_IDENTITIES } from '../../src-server/oauth/local-provider'
import { openDatabase } from '../../src-server/store/database'
import { call, sessionFromResponse, type TestSandbox } from './support/sandbox'

const SUCCESS = 'http://localhost/done'
const FAILURE = 'http://localhost/failed'

interface Answer {
  readonly status: number
  readonly location: string
  readonly setCookie: readonly string[]
  readonly body: string
}

/** A request as a browser sends it (fetch cannot set the Sec-Fetch headers of a navigation). */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // No kept-alive connection: a server restarted on the same port must get a new one.
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? '',
          setCookie: res.headers['set-cookie'] ?? [],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

const NAVIGATION = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }

interface SignInPage {
  readonly url: string
  readonly requestId: string
  readonly cookie: string
  readonly html: string
}

/** The app's part: open the start route, follow it to the provider's page. */
async function openSignInPage(server: SandboxServer, flow: 'sessions' | 'tokens', extra = ''): Promise<SignInPage> {
  const start = await raw(
    `${server.url}/account/${flow}/oauth2/oidc?project=${server.projectId}&success=${encodeURIComponent(SUCCESS)}&failure=${encodeURIComponent(FAILURE)}${extra}`,
  )
  expect(start.status).toBe(301)
  const page = await raw(start.location)
  expect(page.status).toBe(200)
  const requestId = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const cookie = (page.setCookie[0] ?? '').split(';')[0] ?? ''
  return { url: start.location, requestId, cookie, html: page.body }
}

function answer(
  server: SandboxServer,
  page: SignInPage,
  form: Record<string, string>,
  headers: Record<string, string> = { ...NAVIGATION, origin: new URL(server.url).origin },
): Promise<Answer> {
  return raw(`${new URL(server.url).origin}/local-oidc/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(page.cookie ? { cookie: page.cookie } : {}), ...headers },
    body: new URLSearchParams({ request: page.requestId, ...form }).toString(),
  })
}

/** Provider → sandbox callback → redirect route → the app's success or failure URL. */
async function followToApp(location: string): Promise<Answer> {
  const callback = await raw(location)
  expect(callback.status).toBe(301)
  return raw(new URL(callback.location, location).toString())
}

function account(server: SandboxServer, session?: string): Account {
  const client = new Client().setEndpoint(server.url).setProject(server.projectId)
  if (session) client.setSession(session)
  return new Account(client)
}

describe('the Local test provider, offered by default', () => {
  let server: SandboxServer
  let dataDir: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-provider-'))
    server = await startServer({ dataDir, rateLimits: false, keepPort: true, localProvider: true })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('publishes a discovery document and JWKS on the sandbox address', async () => {
    const origin = new URL(server.url).origin
    const discovery = (await (await fetch(`${origin}/local-oidc/.well-known/openid-configuration`)).json()) as Record<string, unknown>
    expect(discovery['issuer']).toBe(`${origin}/local-oidc`)
    expect(discovery['authorization_endpoint']).toBe(`${origin}/local-oidc/authorize`)
    expect(discovery['token_endpoint']).toBe(`${origin}/local-oidc/token`)
    expect(discovery['userinfo_endpoint']).toBe(`${origin}/local-oidc/userinfo`)
    expect(discovery['response_types_supported']).toEqual(['code'])
    expect(discovery['id_token_signing_alg_values_supported']).toEqual(['RS256'])
    const jwks = (await (await fetch(String(discovery['jwks_uri']))).json()) as { keys: Array<Record<string, unknown>> }
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    expect(jwks.keys[0]).not.toHaveProperty('d')
  })

  it('is the project’s oidc provider in the settings, on', () => {
    expect(server.settings().localProvider).toBe(true)
    expect(server.settings().oauthProviders.map((p) => p.name)).not.toContain('oidc')
  })

  it('token flow: a preset identity signs in and the app gets userId + secret for a session', async () => {
    const page = await openSignInPage(server, 'tokens')
    expect(page.html).toContain('Local test provider')
    expect(page.html).toContain(PRESET_IDENTITIES[1]!.email)
    const answered = await answer(server, page, { identity: '1', action: 'allow' })
    expect(answered.status).toBe(303)
    const back = await followToApp(answered.location)
    expect(back.status).toBe(301)
    const landed = new URL(back.location)
    expect(`${landed.origin}${landed.pathname}`).toBe(SUCCESS)
    const userId = landed.searchParams.get('userId') ?? ''
    const secret = landed.searchParams.get('secret') ?? ''
    const sandbox = { url: server.url, project: server.projectId }
    const created = await call(sandbox as TestSandbox, 'POST', '/account/sessions/token', { body: { userId, secret } })
    expect(created.status).toBe(201)
    const user = await account(server, sessionFromResponse(sandbox as TestSandbox, created)).get()
    expect(user).toMatchObject({ email: PRESET_IDENTITIES[1]!.email, name: PRESET_IDENTITIES[1]!.name })
  })

  it('session flow: a typed identity signs in and the browser gets the session cookie', async () => {
    const page = await openSignInPage(server, 'sessions')
    const answered = await answer(server, page, { identity: 'typed', name: 'Tess Typed', email: 'tess@example.test', action: 'allow' })
    expect(answered.status).toBe(303)
    const back = await followToApp(answered.location)
    expect(back.status).toBe(301)
    expect(back.location.startsWith(SUCCESS)).toBe(true)
    const cookie = back.setCookie.find((c) => c.startsWith(`a_session_${server.projectId}=`)) ?? ''
    const value = cookie.split(';')[0]!.split('=')[1] ?? ''
    expect(value).not.toBe('')
    const user = await account(server, value).get()
    expect(user).toMatchObject({ email: 'tess@example.test', name: 'Tess Typed' })
  })

  it('the same e-mail signs in to the same user again', async () => {
    const first = await answer(server, await openSignInPage(server, 'tokens'), { identity: 'typed', email: 'same@example.test', action: 'allow' })
    const second = await answer(server, await openSignInPage(server, 'tokens'), { identity: 'typed', email: 'Same@Example.test', action: 'allow' })
    const a = new URL((await followToApp(first.location)).location).searchParams.get('userId')
    const b = new URL((await followToApp(second.location)).location).searchParams.get('userId')
    expect(a).not.toBeNull()
    expect(b).toBe(a)
  })

  it('Cancel sends the browser to the failure URL with the provider’s access_denied', async () => {
    const answered = await answer(server, await openSignInPage(server, 'tokens'), { action: 'deny' })
    expect(answered.status).toBe(303)
    expect(new URL(answered.location).searchParams.get('error')).toBe('access_denied')
    const back = await followToApp(answered.location)
    expect(back.location.startsWith(FAILURE)).toBe(true)
    expect(decodeURIComponent(back.location)).toContain('access_denied')
  })

  it('refuses an answer from another page, a frame, without the page cookie, or replayed', async () => {
    const origin = new URL(server.url).origin
    const page = await openSignInPage(server, 'tokens')
    expect(await raw(page.url).then((r) => r.body)).toContain('<form')
    const shown = await raw(page.url)
    expect(shown.body).toContain('Local test provider')
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request(page.url, (res) => {
        res.resume()
        resolve(res.headers)
      })
        .on('error', reject)
        .end()
    })
    expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'")
    expect(headers['x-frame-options']).toBe('DENY')

    const form = { identity: '0', action: 'allow' }
    expect((await answer(server, page, form, { ...NAVIGATION, 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' })).status).toBe(403)
    expect((await answer(server, page, form, { ...NAVIGATION, origin: 'http://evil.example' })).status).toBe(403)
    expect((await answer(server, page, form, { ...NAVIGATION, origin: 'null' })).status).toBe(403)
    expect((await answer(server, page, form, { ...NAVIGATION, 'sec-fetch-mode': 'cors', origin })).status).toBe(403)
    expect((await answer(server, page, form, { ...NAVIGATION, 'sec-fetch-dest': 'iframe', origin })).status).toBe(403)
    expect((await answer(server, { ...page, cookie: '' }, form)).status).toBe(400)
    expect((await answer(server, { ...page, cookie: 'local_oidc_request=forged' }, form)).status).toBe(400)
    // The real answer still works once, then the request is gone.
    expect((await answer(server, page, form)).status).toBe(303)
    expect((await answer(server, page, form)).status).toBe(400)
  })

  it('refuses an authorization request without state, for an unknown client, or another redirect_uri', async () => {
    const page = await openSignInPage(server, 'tokens')
    const noState = new URL(page.url)
    noState.searchParams.delete('state')
    expect((await raw(noState.toString())).status).toBe(400)
    const otherClient = new URL(page.url)
    otherClient.searchParams.set('client_id', 'someone-else')
    expect((await raw(otherClient.toString())).status).toBe(400)
    const otherRedirect = new URL(page.url)
    otherRedirect.searchParams.set('redirect_uri', 'http://evil.example/cb')
    const refused = await raw(otherRedirect.toString())
    expect(refused.status).toBe(400)
    expect(refused.location).toBe('')
  })

  it('a state changed on the way back is refused by the sandbox', async () => {
    const answered = await answer(server, await openSignInPage(server, 'tokens'), { identity: '0', action: 'allow' })
    const tampered = new URL(answered.location)
    tampered.searchParams.set('state', '{not json')
    const callback = await raw(tampered.toString())
    const redirected = await raw(new URL(callback.location, tampered).toString())
    expect(redirected.status).toBe(400)
    expect(redirected.body).toContain('general_argument_invalid')
  })

  describe('the token endpoint', () => {
    async function codeFor(nonce = ''): Promise<{ code: string; redirectUri: string }> {
      const page = await openSignInPage(server, 'tokens')
      const withNonce = new URL(page.url)
      if (nonce !== '') {
        withNonce.searchParams.set('nonce', nonce)
        const again = await raw(withNonce.toString())
        const requestId = /name="request" value="([^"]+)"/.exec(again.body)?.[1] ?? ''
        const cookie = (again.setCookie[0] ?? '').split(';')[0] ?? ''
        const answered = await answer(server, { url: withNonce.toString(), requestId, cookie, html: again.body }, { identity: '2', action: 'allow' })
        const back = new URL(answered.location)
        return { code: back.searchParams.get('code') ?? '', redirectUri: `${back.origin}${back.pathname}` }
      }
      const answered = await answer(server, page, { identity: '2', action: 'allow' })
      const back = new URL(answered.location)
      return { code: back.searchParams.get('code') ?? '', redirectUri: `${back.origin}${back.pathname}` }
    }

    async function exchange(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`${new URL(server.url).origin}/local-oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }

    it('refuses a client without the right secret', async () => {
      const { code, redirectUri } = await codeFor()
      expect(JSON.stringify(server.settings())).not.toContain(await localClientSecret(dataDir))
      const wrong = await exchange({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: LOCAL_PROVIDER_CLIENT_ID,
        client_secret: 'wrong',
      })
      expect(wrong.status).toBe(401)
      expect(wrong.body['error']).toBe('invalid_client')
    })

    it('issues a signed ID token with the nonce, once per code, only for the same redirect_uri', async () => {
      const secret = await localClientSecret(dataDir)
      const { code, redirectUri } = await codeFor('n-0123456789')
      const base = { grant_type: 'authorization_code', code, client_id: LOCAL_PROVIDER_CLIENT_ID, client_secret: secret }
      const otherRedirect = await exchange({ ...base, redirect_uri: 'http://127.0.0.1:1/elsewhere' })
      expect(otherRedirect.status).toBe(400)
      expect(otherRedirect.body['error']).toBe('invalid_grant')
      // The code was spent by that attempt: the right redirect_uri does not revive it.
      expect((await exchange({ ...base, redirect_uri: redirectUri })).status).toBe(400)

      const second = await codeFor('n-abcdef')
      const ok = await exchange({ ...base, code: second.code, redirect_uri: second.redirectUri })
      expect(ok.status).toBe(200)
      expect(ok.body['token_type']).toBe('Bearer')
      const idToken = String(ok.body['id_token'])
      const [header, payload, signature] = idToken.split('.') as [string, string, string]
      const origin = new URL(server.url).origin
      const jwks = (await (await fetch(`${origin}/local-oidc/jwks`)).json()) as { keys: JsonWebKey[] }
      const key = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' })
      expect(createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(key, Buffer.from(signature, 'base64url'))).toBe(true)
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
      expect(claims).toMatchObject({ iss: `${origin}/local-oidc`, aud: LOCAL_PROVIDER_CLIENT_ID, nonce: 'n-abcdef', email: PRESET_IDENTITIES[2]!.email })

      const replay = await exchange({ ...base, code: second.code, redirect_uri: second.redirectUri })
      expect(replay.status).toBe(400)
      expect(replay.body['error']).toBe('invalid_grant')

      const userinfo = await fetch(`${origin}/local-oidc/userinfo`, { headers: { authorization: `Bearer ${String(ok.body['access_token'])}` } })
      expect(await userinfo.json()).toMatchObject({ sub: claims['sub'], email: PRESET_IDENTITIES[2]!.email, name: PRESET_IDENTITIES[2]!.name })
      expect((await fetch(`${origin}/local-oidc/userinfo`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    })
  })
})

/** The local client's secret as the sandbox keeps it (its own database), for driving the token endpoint directly. */
async function localClientSecret(dataDir: string): Promise<string> {
  const db = openDatabase(dataDir)
  try {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('localProviderSecret') as { value: string } | undefined
    return row?.value ?? ''
  } finally {
    db.close()
  }
}

describe('settings that apply at once and stay; a port that stays', () => {
  const dirs: string[] = []
  const servers: SandboxServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  async function start(dataDir: string, extra: { port?: number } = {}): Promise<SandboxServer> {
    const server = await startServer({ dataDir, rateLimits: false, keepPort: true, localProvider: true, ...extra })
    servers.push(server)
    return server
  }
  function anonymous(server: SandboxServer): Promise<Answer> {
    return raw(`${server.url}/account/sessions/anonymous`, {
      method: 'POST',
      headers: { 'x-appwrite-project': server.projectId, 'content-type': 'application/json' },
      body: '{}',
    })
  }
  function folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-settings-'))
    dirs.push(dir)
    return dir
  }

  it('the Local test provider turned off answers 412 project_provider_disabled, and on again works', async () => {
    const server = await start(folder())
    server.updateSettings({ localProvider: false })
    const refused = await raw(`${server.url}/account/tokens/oauth2/oidc?project=${server.projectId}&success=${encodeURIComponent(SUCCESS)}`)
    expect(refused.status).toBe(412)
    expect(refused.body).toContain('project_provider_disabled')
    server.updateSettings({ localProvider: true })
    expect((await raw(`${server.url}/account/tokens/oauth2/oidc?project=${server.projectId}&success=${encodeURIComponent(SUCCESS)}`)).status).toBe(301)
  })

  it('an auth method turned off is refused by the next request, and the choice survives a restart on the same port', async () => {
    const dir = folder()
    const first = await start(dir)
    const port = first.port
    expect((await anonymous(first)).status).toBe(201)
    const after = first.updateSettings({ authMethods: { anonymous: false }, passwordHistory: 5, sessionLimit: 3 })
    expect(after).toMatchObject({ passwordHistory: 5, sessionLimit: 3 })
    expect(after.authMethods.anonymous).toBe(false)
    const refused = await anonymous(first)
    expect(refused.status).toBe(501)
    expect(refused.body).toContain('user_auth_method_unsupported')
    await first.close()
    servers.splice(servers.indexOf(first), 1)

    const second = await start(dir)
    expect(second.port).toBe(port)
    expect(second.settings()).toMatchObject({ passwordHistory: 5, sessionLimit: 3, authMethods: { anonymous: false } })
    expect((await anonymous(second)).body).toContain('user_auth_method_unsupported')
  })

  it('takes a new port when the kept one is taken, and keeps that one', async () => {
    const dir = folder()
    const first = await start(dir)
    const port = first.port
    await first.close()
    servers.splice(servers.indexOf(first), 1)
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    try {
      const second = await start(dir)
      expect(second.port).not.toBe(port)
      await second.close()
      servers.splice(servers.indexOf(second), 1)
      const third = await start(dir)
      expect(third.port).toBe(second.port)
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()))
    }
  })

  it('refuses out-of-range values and unknown providers and changes nothing', async () => {
    const server = await start(folder())
    const before = server.settings()
    expect(() => server.updateSettings({ sessionLimit: 0 })).toThrow(/sessionLimit/)
    expect(() => server.updateSettings({ passwordHistory: 21 })).toThrow(/passwordHistory/)
    expect(() => server.updateSettings({ oauthProviders: [{ name: 'myspace', enabled: true }] })).toThrow(/not an Appwrite OAuth2 provider/)
    expect(() => server.updateSettings({ oauthProviders: [{ name: 'oidc', enabled: true }] })).toThrow(/Local test provider/)
    expect(server.settings()).toEqual(before)
  })

  it('another provider keeps its secret to itself, and is unsupported once configured', async () => {
    const server = await start(folder())
    const after = server.updateSettings({ oauthProviders: [{ name: 'github', enabled: true, appId: 'gh-app', secret: 'gh-secret-value' }] })
    expect(after.oauthProviders).toEqual([{ name: 'github', enabled: true, appId: 'gh-app', secretSet: true }])
    expect(JSON.stringify(after)).not.toContain('gh-secret-value')
    const kept = server.updateSettings({ oauthProviders: [{ name: 'github', enabled: false }] })
    expect(kept.oauthProviders).toEqual([{ name: 'github', enabled: false, appId: 'gh-app', secretSet: true }])
    const off = await raw(`${server.url}/account/tokens/oauth2/github?project=${server.projectId}&success=${encodeURIComponent(SUCCESS)}`)
    expect(off.status).toBe(412)
  })

  it('without the option (a plain server) there is no provider and no /local-oidc route', async () => {
    const dataDir = folder()
    const plain = await startServer({ dataDir, rateLimits: false })
    servers.push(plain)
    expect(plain.settings().localProvider).toBeNull()
    expect((await fetch(`${new URL(plain.url).origin}/local-oidc/.well-known/openid-configuration`)).status).toBe(404)
  })
})
