import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OidcProvider, parseOidcSettings, oidcSecretJson } from '../../src-server/oauth/oidc'
import { OAuth2ProviderError } from '../../src-server/oauth/provider'
import { Browser } from './support/browser'
import { startOidcProvider, type OidcTestProvider } from './support/oidc-provider'

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
      .then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(OAuth2ProviderError)
    expect((error as OAuth2ProviderError).status).toBe(400)
    expect((error as OAuth2ProviderError).message).toMatch(/^invalid_grant: /)
  })

  it('reports a wrong client secret as 401 and an unreachable issuer as status 0', async () => {
    const wrongSecret = await client({ clientSecret: 'wrong' })
      .exchangeCode({ code: 'x', callback, scopes: [] })
      .then(() => null, (e: unknown) => e)
    expect((wrongSecret as OAuth2ProviderError).status).toBe(401)

    const dead = await client({ wellKnownEndpoint: 'http://127.0.0.1:9/.well-known/openid-configuration' })
      .loginUrl({ callback, state: '', scopes: [] })
      .then(() => null, (e: unknown) => e)
    expect(dead).toBeInstanceOf(OAuth2ProviderError)
    expect((dead as OAuth2ProviderError).status).toBe(0)
  })

  it('treats a secret that is not a JSON object as not configured', () => {
    expect(parseOidcSettings('id', 'plain-secret')).toBeNull()
    expect(parseOidcSettings('id', '[1]')).toBeNull()
  })
})
