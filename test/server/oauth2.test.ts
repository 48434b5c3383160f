import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OidcProvider, parseOidcSettings, oidcSecretJson } from '../../src-server/oauth/oidc'
import { OAuth2ProviderError } from '../../src-server/oauth/provider'
import { OAuthProvider } from 'appwrite'
import { parseArgs } from '../../src-server/cli'
import { Browser, type Hop } from './support/browser'
import { startOidcProvider, type OidcTestProvider } from './support/oidc-provider'
import { PASSWORD, call, newUserSession, sdkAccount, sdkError, sessionFromResponse, signIn, signUp, useSandbox, withSandbox } from './support/sandbox'

const CLIENT_ID = 'console-sandbox'
const CLIENT_SECRET = 'test-client-secret-0123456789'

describe('OIDC client (src-server/oauth/oidc.ts) against oidc-provider', () => {
  let idp: OidcTestProvider
  const callback = 'http://127.0.0.1:9/oidc-client-callback'

  beforeAll(async () => {
    idp = await startOidcProvider()
    idp.configure({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [callback] }],
      accounts: [{ sub: 'alice-sub', email: 'Alice@Example.com', name: 'Alice Liddell' }],
    })
  })
  afterAll(async () => {
    await idp.close()
  })

  function client(overrides: Partial<Parameters<typeof oidcSecretJson>[0]> = {}): OidcProvider {
    const settings = parseOidcSettings(
      CLIENT_ID,
      oidcSecretJson({
        clientSecret: CLIENT_SECRET,
        wellKnownEndpoint: idp.wellKnownUrl,
        authorizationEndpoint: '',
        tokenEndpoint: '',
        userinfoEndpoint: '',
        ...overrides,
      }),
    )
    if (settings === null) throw new Error('settings did not parse')
    return new OidcProvider(settings)
  }

  async function signIn(loginUrl: string, accountId: string): Promise<URL> {
    const browser = new Browser()
    const toCallback = (u: URL) => u.toString().startsWith(callback)
    const start = await browser.follow(loginUrl, toCallback)
    expect(start.final.status).toBe(200)
    const loginPage = start.hops.at(-1)?.url ?? ''
    expect(loginPage).toContain('/interaction/')
    const afterLogin = await browser.submit(loginPage, { login: accountId }, toCallback)
    const consentPage = afterLogin.hops.at(-1)?.url ?? ''
    expect(consentPage).toContain('/interaction/')
    const afterConsent = await browser.submit(consentPage, { consent: '1' }, toCallback)
    if (afterConsent.stoppedAt === undefined) throw new Error('provider did not return to the callback')
    return afterConsent.stoppedAt
  }

  it('builds the authorization URL from discovery with Appwrite parameters (no PKCE, no nonce)', async () => {
    const url = new URL(await client().loginUrl({ callback, state: '{"success":"s"}', scopes: ['email', 'extra'] }))
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/auth`)
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(url.searchParams.get('redirect_uri')).toBe(callback)
    expect(url.searchParams.get('state')).toBe('{"success":"s"}')
    expect(url.searchParams.get('scope')).toBe('openid profile email extra')
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.has('code_challenge')).toBe(false)
    expect(url.searchParams.has('nonce')).toBe(false)
  })

  it('completes a real login: code → tokens (client_secret_post) → userinfo claims', async () => {
    const oidc = client()
    const returned = await signIn(await oidc.loginUrl({ callback, state: 'st', scopes: [] }), 'alice-sub')
    expect(returned.searchParams.get('state')).toBe('st')
    const code = returned.searchParams.get('code') ?? ''
    expect(code).not.toBe('')

    const tokens = await client().exchangeCode({ code, callback, scopes: [] })
    expect(tokens.accessToken).not.toBe('')
    expect(tokens.expiresIn).toBeGreaterThan(0)
    const user = await oidc.fetchUser(tokens.accessToken)
    expect(user).toEqual({ id: 'alice-sub', email: 'Alice@Example.com', emailVerified: true, name: 'Alice Liddell' })
  })

  it('uses explicit endpoints over discovery', async () => {
    const explicit = client({
      wellKnownEndpoint: '',
      authorizationEndpoint: `${idp.issuer}/auth?prompt=login`,
      tokenEndpoint: `${idp.issuer}/token`,
      userinfoEndpoint: `${idp.issuer}/me`,
    })
    const url = new URL(await explicit.loginUrl({ callback, state: 'x', scopes: [] }))
    expect(url.searchParams.get('prompt')).toBe('login')
    const returned = await signIn(url.toString(), 'alice-sub')
    const tokens = await explicit.exchangeCode({ code: returned.searchParams.get('code') ?? '', callback, scopes: [] })
    expect((await explicit.fetchUser(tokens.accessToken)).id).toBe('alice-sub')
  })

  it('reports a rejected code as a 400 provider error with "<error>: <description>"', async () => {
    const error = await client()
      .exchangeCode({ code: 'not-a-code', callback, scopes: [] })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(OAuth2ProviderError)
    expect((error as OAuth2ProviderError).status).toBe(400)
    expect((error as OAuth2ProviderError).message).toMatch(/^invalid_grant: /)
  })

  it('reports a wrong client secret as 401 and an unreachable issuer as status 0', async () => {
    const wrongSecret = await client({ clientSecret: 'wrong' })
      .exchangeCode({ code: 'x', callback, scopes: [] })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect((wrongSecret as OAuth2ProviderError).status).toBe(401)

    const dead = await client({ wellKnownEndpoint: 'http://127.0.0.1:9/.well-known/openid-configuration' })
      .loginUrl({ callback, state: '', scopes: [] })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(dead).toBeInstanceOf(OAuth2ProviderError)
    expect((dead as OAuth2ProviderError).status).toBe(0)
  })

  it('treats a secret that is not a JSON object as not configured', () => {
    expect(parseOidcSettings('id', 'plain-secret')).toBeNull()
    expect(parseOidcSettings('id', '[1]')).toBeNull()
  })
})

// ------------------------------------------------------------------------------------------
// The sandbox's OAuth2 routes, end to end through a real OpenID provider (appwrite-behaviour §7).
// ------------------------------------------------------------------------------------------

const APP = 'http://localhost/app'
const atApp = (u: URL): boolean => u.hostname === 'localhost' && u.pathname.startsWith('/app/')

interface Landing {
  readonly browser: Browser
  /** Where the sandbox finally sent the browser (success or failure URL). */
  readonly landed: URL
  /** The sandbox response that redirected there. */
  readonly last: Hop
  readonly hops: readonly Hop[]
}

/**
 * What the system browser does: follow the sandbox's redirect to the provider, fill in the
 * provider's login form (or press Cancel), approve the consent screen, and follow the redirects
 * back through the sandbox until the app's URL.
 */
async function browse(url: string, accountId: string | 'cancel', browser = new Browser()): Promise<Landing> {
  const hops: Hop[] = []
  let step = await browser.follow(url, atApp)
  hops.push(...step.hops)
  for (let guard = 0; step.stoppedAt === undefined && guard < 3; guard++) {
    const page = step.hops.at(-1)
    if (page === undefined || page.status !== 200 || !page.url.includes('/interaction/')) {
      throw new Error(`stuck at ${page?.status} ${page?.url}: ${page?.body.slice(0, 300)}`)
    }
    const form: Record<string, string> = accountId === 'cancel' ? { abort: '1' } : page.body.includes('name="login"') ? { login: accountId } : { consent: '1' }
    step = await browser.submit(page.url, form, atApp)
    hops.push(...step.hops)
  }
  if (step.stoppedAt === undefined) throw new Error('never came back to the app')
  return { browser, landed: step.stoppedAt, last: step.final, hops }
}

function errorParam(landed: URL): { message: string; type: string; code: number } {
  return JSON.parse(landed.searchParams.get('error') ?? '{}') as { message: string; type: string; code: number }
}

describe('OAuth2 routes of the sandbox against oidc-provider', () => {
  let idp: OidcTestProvider
  let sandboxHost = ''
  const cookieName = () => `a_session_${sandbox.project}`

  beforeAll(async () => {
    idp = await startOidcProvider()
  })
  afterAll(async () => {
    await idp.close()
  })
  const sandbox = useSandbox(() => ({
    config: {
      oauthProviders: {
        oidc: { enabled: true, appId: CLIENT_ID, secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }) },
      },
    },
  }))
  beforeAll(() => {
    sandboxHost = new URL(sandbox.url).host
    idp.configure({
      clients: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${sandbox.url}/account/sessions/oauth2/callback/oidc/${sandbox.project}`] },
      ],
      accounts: [
        { sub: 'alice-sub', email: 'alice@example.com', name: 'Alice Liddell' },
        { sub: 'carol-sub', email: 'Carol.Link@Example.com', name: 'Carol from OIDC' },
        { sub: 'dave-alt-sub', email: 'dave.alt@example.com', name: 'Dave Alt' },
        { sub: 'erin-sub', email: 'erin@example.com', name: 'Erin' },
        { sub: 'blocked-sub', email: 'blocked.oauth@example.com', name: 'Blocked' },
        { sub: 'nomail-sub', name: 'No Mail' },
        { sub: 'token-sub', email: 'token.flow@example.com', name: 'Token Flow' },
      ],
    })
  })

  function sessionCookie(browser: Browser): string {
    const raw = browser.cookies(sandboxHost).get(cookieName())
    if (raw === undefined) throw new Error('no session cookie in the browser')
    return decodeURIComponent(raw)
  }

  it('session flow: 301 to the provider with Appwrite parameters, then cookie + X-Fallback-Cookies + 301 to success', async () => {
    const url = sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok?flow=1`, failure: `${APP}/fail` })
    if (typeof url !== 'string') throw new Error('the web SDK outside a browser returns the URL')

    const first = await fetch(url, { redirect: 'manual' })
    expect(first.status).toBe(301)
    expect(first.headers.get('cache-control')).toContain('no-store')
    const authorize = new URL(first.headers.get('location') ?? '')
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.issuer}/auth`)
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${sandbox.url}/account/sessions/oauth2/callback/oidc/${sandbox.project}`)
    expect(authorize.searchParams.get('scope')).toBe('openid profile email')
    expect(authorize.searchParams.get('response_type')).toBe('code')
    expect(JSON.parse(authorize.searchParams.get('state') ?? '')).toEqual({ success: `${APP}/ok?flow=1`, failure: `${APP}/fail`, token: false })

    const { browser, landed, last, hops } = await browse(url, 'alice-sub')
    expect(landed.toString()).toBe(`${APP}/ok?flow=1`)
    expect(hops.some((h) => h.url.includes(`/account/sessions/oauth2/callback/oidc/${sandbox.project}`) && h.status === 301)).toBe(true)
    expect(last.url).toContain('/account/sessions/oauth2/oidc/redirect?')
    expect(last.status).toBe(301)
    const cookies = last.headers.getSetCookie()
    expect(cookies.some((c) => c.startsWith(`${cookieName()}=`) && c.includes('SameSite=None') && c.includes('HttpOnly'))).toBe(true)
    expect(cookies.some((c) => c.startsWith(`${cookieName()}_legacy=`))).toBe(true)
    const fallback = JSON.parse(last.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
    const value = sessionCookie(browser)
    expect(fallback[cookieName()]).toBe(value)

    const account = sdkAccount(sandbox, value)
    const user = await account.get()
    expect(user).toMatchObject({ email: 'alice@example.com', name: 'Alice Liddell', emailVerification: true, passwordUpdate: '' })
    expect(user.targets.map((t) => [t.providerType, t.identifier])).toEqual([['email', 'alice@example.com']])
    const session = await account.getSession({ sessionId: 'current' })
    expect(session).toMatchObject({ provider: 'oidc', providerUid: 'alice-sub', factors: ['email', 'oauth2'], current: true })
    expect(session.providerAccessToken).not.toBe('')
    expect(Date.parse(session.providerAccessTokenExpiry)).toBeGreaterThan(Date.now())
    const identities = await account.listIdentities()
    expect(identities.total).toBe(1)
    expect(identities.identities[0]).toMatchObject({ provider: 'oidc', providerUid: 'alice-sub', providerEmail: 'alice@example.com', userId: user.$id })
  })

  it('a second login reuses the user and its identity, refreshing the provider tokens', async () => {
    const first = await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'alice-sub',
    )
    const one = sdkAccount(sandbox, sessionCookie(first.browser))
    const before = (await one.listIdentities()).identities[0]
    const second = await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'alice-sub',
    )
    const two = sdkAccount(sandbox, sessionCookie(second.browser))
    expect((await two.get()).$id).toBe((await one.get()).$id)
    const after = await two.listIdentities()
    expect(after.total).toBe(1)
    expect(after.identities[0]?.$id).toBe(before?.$id)
    expect(after.identities[0]?.providerAccessToken).not.toBe(before?.providerAccessToken)
  })

  it('token flow: userId + 64-hex secret appended to success, exchanged for an oauth2 session with one factor', async () => {
    const url = sdkAccount(sandbox).createOAuth2Token({
      provider: OAuthProvider.Oidc,
      success: `${APP}/token?keep=me`,
      failure: `${APP}/fail`,
      scopes: ['email'],
    })
    if (typeof url !== 'string') throw new Error('expected the URL')
    const authorize = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '')
    expect(JSON.parse(authorize.searchParams.get('state') ?? '')).toMatchObject({ token: true })

    const { landed, last } = await browse(url, 'token-sub')
    expect(landed.pathname).toBe('/app/token')
    expect(landed.searchParams.get('keep')).toBe('me')
    const userId = landed.searchParams.get('userId') ?? ''
    const secret = landed.searchParams.get('secret') ?? ''
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    // The token flow hands out no cookie.
    expect(last.headers.getSetCookie()).toEqual([])

    const created = await call(sandbox, 'POST', '/account/sessions/token', { body: { userId, secret } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ provider: 'oauth2', providerUid: '', providerAccessToken: '', factors: ['email'], userId })
    const account = sdkAccount(sandbox, sessionFromResponse(sandbox, created))
    expect((await account.get()).email).toBe('token.flow@example.com')
    expect((await account.listIdentities()).identities.map((i) => [i.provider, i.providerUid])).toEqual([['oidc', 'token-sub']])

    const reused = await call(sandbox, 'POST', '/account/sessions/token', { body: { userId, secret } })
    expect(reused.body).toMatchObject({ code: 401, type: 'user_invalid_token' })
  })

  it('auto-links to an existing user with the same e-mail, whatever its case', async () => {
    const userId = await signUp(sandbox, 'carol.link@example.com', PASSWORD, 'Carol')
    const { browser } = await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'carol-sub',
    )
    const account = sdkAccount(sandbox, sessionCookie(browser))
    const user = await account.get()
    expect(user.$id).toBe(userId)
    // The existing name is kept; the password still works.
    expect(user.name).toBe('Carol')
    expect((await account.listIdentities()).identities[0]).toMatchObject({ providerUid: 'carol-sub', providerEmail: 'Carol.Link@Example.com' })
    await expect(signIn(sandbox, 'carol.link@example.com')).resolves.toBeTruthy()
  })

  it('links to the signed-in user and replaces the browser session; refuses an e-mail owned by someone else', async () => {
    const dave = await newUserSession(sandbox, 'Dave')
    const browser = new Browser()
    browser.setCookie(sandboxHost, cookieName(), encodeURIComponent(dave.session))
    const { landed } = await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'dave-alt-sub',
      browser,
    )
    expect(landed.pathname).toBe('/app/ok')
    const replaced = sessionCookie(browser)
    expect(replaced).not.toBe(dave.session)
    const account = sdkAccount(sandbox, replaced)
    expect((await account.get()).$id).toBe(dave.userId)
    expect((await account.listIdentities()).identities[0]).toMatchObject({ providerUid: 'dave-alt-sub', providerEmail: 'dave.alt@example.com' })
    const old = await sdkError(sdkAccount(sandbox, dave.session).get())
    expect(old.type).toBe('general_unauthorized_scope')

    // Signed in as Dave, the provider says "alice@example.com", which is Alice's: error page, no link.
    const conflict = new Browser()
    conflict.setCookie(sandboxHost, cookieName(), encodeURIComponent(replaced))
    const url = sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string
    const step = await conflict.follow(url, atApp)
    const loggedIn = await conflict.submit(step.hops.at(-1)?.url ?? '', { login: 'alice-sub' }, atApp)
    const consented = await conflict.submit(loggedIn.hops.at(-1)?.url ?? '', { consent: '1' }, atApp)
    expect(consented.stoppedAt).toBeUndefined()
    expect(consented.final.status).toBe(409)
    expect(consented.final.headers.get('content-type')).toContain('text/html')
    expect(consented.final.body).toContain('user_already_exists')
    expect((await account.listIdentities()).total).toBe(1)
  })

  it('converts an anonymous user, filling e-mail and name from the provider', async () => {
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    const value = sessionFromResponse(sandbox, anonymous)
    const anonymousId = (anonymous.body as { userId: string }).userId
    const browser = new Browser()
    browser.setCookie(sandboxHost, cookieName(), encodeURIComponent(value))
    await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'erin-sub',
      browser,
    )
    const user = await sdkAccount(sandbox, sessionCookie(browser)).get()
    expect(user).toMatchObject({ $id: anonymousId, email: 'erin@example.com', name: 'Erin' })
    expect(user.targets.map((t) => t.identifier)).toContain('erin@example.com')
  })

  it('sends provider errors to the failure URL with error JSON {message, type, code}', async () => {
    const url = sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail?flow=7` }) as string
    const { landed } = await browse(url, 'cancel')
    expect(landed.pathname).toBe('/app/fail')
    expect(landed.searchParams.get('flow')).toBe('7')
    const error = errorParam(landed)
    expect(error.type).toBe('user_oauth2_provider_error')
    expect(error.code).toBe(424)
    expect(error.message).toContain('access_denied')
  })

  it('sends a rejected code and a missing code to the failure URL', async () => {
    const state = JSON.stringify({ success: `${APP}/ok`, failure: `${APP}/fail`, token: false })
    const bad = await call(sandbox, 'GET', `/account/sessions/oauth2/oidc/redirect?code=forged&state=${encodeURIComponent(state)}`)
    expect(bad.status).toBe(301)
    const badError = errorParam(new URL(bad.headers.get('location') ?? ''))
    expect(badError).toMatchObject({ type: 'user_oauth2_bad_request', code: 400 })
    expect(badError.message).toMatch(/^Failed to obtain access token\. The OpenID Connect OAuth2 provider returned an error: invalid_grant/)

    const missing = await call(sandbox, 'GET', `/account/sessions/oauth2/oidc/redirect?state=${encodeURIComponent(state)}`)
    expect(errorParam(new URL(missing.headers.get('location') ?? ''))).toMatchObject({
      type: 'user_oauth2_provider_error',
      message: expect.stringContaining('Missing OAuth2 code'),
    })
  })

  it('blocked users end at the failure URL with user_blocked', async () => {
    const userId = await signUp(sandbox, 'blocked.oauth@example.com')
    const session = await signIn(sandbox, 'blocked.oauth@example.com')
    expect((await call(sandbox, 'PATCH', '/account/status', { body: {}, headers: { 'X-Appwrite-Session': session } })).status).toBe(200)
    const { landed } = await browse(
      sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string,
      'blocked-sub',
    )
    expect(landed.pathname).toBe('/app/fail')
    expect(errorParam(landed).type).toBe('user_blocked')
    expect(userId).not.toBe('')
  })

  it('a provider without an e-mail for a new user gets the HTML error page user_unauthorized', async () => {
    const browser = new Browser()
    const url = sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string
    const step = await browser.follow(url, atApp)
    const loggedIn = await browser.submit(step.hops.at(-1)?.url ?? '', { login: 'nomail-sub' }, atApp)
    const done = await browser.submit(loggedIn.hops.at(-1)?.url ?? '', { consent: '1' }, atApp)
    expect(done.final.status).toBe(401)
    expect(done.final.body).toContain('user_unauthorized')
    expect(done.final.body).toContain('OAuth provider failed to return email.')
  })

  it('checks the state again at the redirect route', async () => {
    const forged = JSON.stringify({ success: 'https://evil.example/steal', failure: `${APP}/fail` })
    const evil = await call(sandbox, 'GET', `/account/sessions/oauth2/oidc/redirect?code=x&state=${encodeURIComponent(forged)}`)
    expect(evil.status).toBe(400)
    expect(evil.headers.get('content-type')).toContain('text/html')
    expect(evil.text).toContain('project_invalid_success_url')

    const evilFailure = JSON.stringify({ success: `${APP}/ok`, failure: 'https://evil.example/steal' })
    expect((await call(sandbox, 'GET', `/account/sessions/oauth2/oidc/redirect?code=x&state=${encodeURIComponent(evilFailure)}`)).text).toContain(
      'project_invalid_failure_url',
    )

    // Appwrite says 500 general_server_error here; the sandbox keeps bad input a 4xx.
    const garbage = await call(sandbox, 'GET', '/account/sessions/oauth2/oidc/redirect?code=x&state=%7Bnot-json')
    expect(garbage.status).toBe(400)
    expect(garbage.text).toContain('general_argument_invalid')
    expect(garbage.text).toContain('Failed to parse login state params')

    // A state without a failure URL still fails over to a page, never to an error 5xx.
    const noFailure = await call(sandbox, 'GET', `/account/sessions/oauth2/oidc/redirect?state=${encodeURIComponent(JSON.stringify({ success: `${APP}/ok` }))}`)
    expect(noFailure.status).toBe(301)
    expect(new URL(noFailure.headers.get('location') ?? '').pathname).toBe('/console/auth/oauth2/failure')
  })

  it('validates success/failure against the platforms at the start (400 HTML) and knows the provider names', async () => {
    const offPlatform = await call(sandbox, 'GET', `/account/sessions/oauth2/oidc?success=${encodeURIComponent('https://evil.example/x')}`)
    expect(offPlatform.status).toBe(400)
    expect(offPlatform.headers.get('content-type')).toContain('text/html')
    expect(offPlatform.text).toContain('Invalid URI. Register your new client (evil.example) as a new Web platform')

    const unknown = await call(sandbox, 'GET', '/account/tokens/oauth2/myspace')
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('general_argument_invalid')

    // The console's own deep-link scheme is a default platform.
    const scheme = await call(
      sandbox,
      'GET',
      `/account/tokens/oauth2/oidc?success=${encodeURIComponent('account-console://oauth/ok')}&failure=${encodeURIComponent('account-console://oauth/fail')}`,
    )
    expect(scheme.status).toBe(301)
  })

  it('answers 412 project_provider_disabled (HTML) for a known provider that is not configured', async () => {
    for (const path of ['/account/sessions/oauth2/github', '/account/tokens/oauth2/github']) {
      const response = await call(sandbox, 'GET', path)
      expect(response.status).toBe(412)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(response.text).toContain('project_provider_disabled')
    }
  })

  it('forwards the provider callback (GET and form_post POST from the provider origin) to the redirect route', async () => {
    const get = await call(sandbox, 'GET', `/account/sessions/oauth2/callback/oidc/${sandbox.project}?code=c1&state=s1`, { project: null })
    expect(get.status).toBe(301)
    const target = new URL(get.headers.get('location') ?? '')
    expect(target.pathname).toBe('/v1/account/sessions/oauth2/oidc/redirect')
    expect(Object.fromEntries(target.searchParams)).toEqual({ project: sandbox.project, code: 'c1', state: 's1', error: '', error_description: '' })

    const post = await fetch(`${sandbox.url}/account/sessions/oauth2/callback/oidc/${sandbox.project}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: idp.issuer },
      body: 'code=c2&state=s2',
    })
    expect(post.status).toBe(301)
    expect(new URL(post.headers.get('location') ?? '').searchParams.get('code')).toBe('c2')
  })

  it('without success/failure, lands on the default console page with the deprecated cookie parameters', async () => {
    const url = sdkAccount(sandbox).createOAuth2Session({ provider: OAuthProvider.Oidc }) as string
    const browser = new Browser()
    const toConsole = (u: URL) => u.pathname.startsWith('/console/')
    let step = await browser.follow(url, toConsole)
    step = await browser.submit(step.hops.at(-1)?.url ?? '', { login: 'alice-sub' }, toConsole)
    step = await browser.submit(step.hops.at(-1)?.url ?? '', { consent: '1' }, toConsole)
    const landed = step.stoppedAt
    expect(landed?.pathname).toBe('/console/auth/oauth2/success')
    expect(landed?.host).toBe(sandboxHost)
    expect(landed?.searchParams.get('project')).toBe(sandbox.project)
    expect(landed?.searchParams.get('key')).toBe(cookieName())
    expect(landed?.searchParams.get('secret')).toBe(sessionCookie(browser))
  })
})

describe('OAuth2 configuration', () => {
  it('a disabled oidc provider answers 412 on both start routes', async () => {
    const off = await withSandbox({
      config: {
        oauthProviders: { oidc: { enabled: false, appId: 'x', secret: JSON.stringify({ clientSecret: 'y', wellKnownEndpoint: 'http://127.0.0.1:9/' }) } },
      },
    })
    try {
      for (const path of ['/account/sessions/oauth2/oidc', '/account/tokens/oauth2/oidc']) {
        const response = await call(off, 'GET', path)
        expect(response.status).toBe(412)
        expect(response.text).toContain('project_provider_disabled')
      }
    } finally {
      await off.close()
    }
  })

  it('the --oidc-* CLI flags configure a working provider', async () => {
    const idp = await startOidcProvider()
    const options = parseArgs(['--oidc-client-id', CLIENT_ID, '--oidc-client-secret', CLIENT_SECRET, '--oidc-well-known', idp.wellKnownUrl, '--port', '0'])
    const fromCli = await withSandbox({ ...(options.config !== undefined ? { config: options.config } : {}) })
    try {
      idp.configure({
        clients: [
          { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${fromCli.url}/account/sessions/oauth2/callback/oidc/${fromCli.project}`] },
        ],
        accounts: [{ sub: 'cli-sub', email: 'cli@example.com', name: 'Cli' }],
      })
      const url = sdkAccount(fromCli).createOAuth2Token({ provider: OAuthProvider.Oidc, success: `${APP}/ok`, failure: `${APP}/fail` }) as string
      const { landed } = await browse(url, 'cli-sub')
      expect(landed.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await fromCli.close()
      await idp.close()
    }
  })

  it('PATCH /account/sessions/{id} refreshes the provider tokens of an OAuth2 session (prompt from the secret JSON, 1.9)', async () => {
    const idp = await startOidcProvider()
    const sandbox = await withSandbox({
      config: {
        oauthProviders: {
          oidc: {
            enabled: true,
            appId: CLIENT_ID,
            // offline_access needs prompt=consent at oidc-provider; Appwrite 1.9 reads `prompt` from the secret.
            secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl, prompt: 'consent' }),
          },
        },
      },
    })
    try {
      idp.configure({
        clients: [
          { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${sandbox.url}/account/sessions/oauth2/callback/oidc/${sandbox.project}`] },
        ],
        accounts: [{ sub: 'refresh-sub', email: 'refresh@example.com', name: 'Refresh' }],
      })
      const url = sdkAccount(sandbox).createOAuth2Session({
        provider: OAuthProvider.Oidc,
        success: `${APP}/ok`,
        failure: `${APP}/fail`,
        scopes: ['offline_access'],
      }) as string
      expect(new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('prompt')).toBe('consent')
      const { browser } = await browse(url, 'refresh-sub')
      const cookie = browser.cookies(new URL(sandbox.url).host).get(`a_session_${sandbox.project}`) ?? ''
      const account = sdkAccount(sandbox, decodeURIComponent(cookie))
      const before = await account.getSession({ sessionId: 'current' })
      expect(before.providerRefreshToken).not.toBe('')

      const after = await account.updateSession({ sessionId: 'current' })
      expect(after.providerAccessToken).not.toBe('')
      expect(after.providerAccessToken).not.toBe(before.providerAccessToken)
      expect(after.providerRefreshToken).not.toBe('')
      // The new access token is accepted by the provider.
      const userinfo = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${after.providerAccessToken}` } })
      expect(userinfo.status).toBe(200)
    } finally {
      await sandbox.close()
      await idp.close()
    }
  })

  it('counts 50 starts per IP and hour, then 429 (the `ip:{ip}` key is shared by the start routes)', async () => {
    const limited = await withSandbox({ rateLimits: true })
    try {
      for (let i = 0; i < 50; i++) {
        const response = await call(limited, 'GET', i % 2 === 0 ? '/account/sessions/oauth2/github' : '/account/tokens/oauth2/github')
        expect(response.status).toBe(412)
        expect(response.headers.get('x-ratelimit-limit')).toBe('50')
        expect(response.headers.get('x-ratelimit-remaining')).toBe(String(49 - i))
      }
      const over = await call(limited, 'GET', '/account/sessions/oauth2/github')
      expect(over.status).toBe(429)
      expect(over.headers.get('content-type')).toContain('text/html')
      expect(over.text).toContain('general_rate_limit_exceeded')
    } finally {
      await limited.close()
    }
  })
})
