/**
 * The generic OpenID Connect provider (`oidc`), behaving as Appwrite's (appwrite-behaviour §7.3):
 *
 * - endpoints: explicit `authorizationEndpoint`/`tokenEndpoint`/`userinfoEndpoint` win, the rest
 *   come from the well-known document;
 * - authorization request: client_id, redirect_uri, state, scope (`openid profile email` plus
 *   custom scopes, space-joined), response_type=code — no PKCE, no nonce; 1.9 adds `prompt`
 *   and `max_age` when the app secret JSON names them;
 * - token request: form POST with the client secret in the body (client_secret_post);
 * - user: GET userinfo with a Bearer token, reading `sub`, `email`, `email_verified`, `name`;
 *   the id_token is not validated (Appwrite trusts the TLS channel to the token endpoint).
 */
import { OAuth2ProviderError, type OAuth2Provider, type OAuth2Tokens, type OAuth2User } from './provider'

/** Appwrite's `oidc` app secret, a JSON object stored as a string (appwrite-behaviour §7.3). */
export interface OidcSettings {
  readonly clientId: string
  readonly clientSecret: string
  readonly wellKnownEndpoint: string
  readonly authorizationEndpoint: string
  readonly tokenEndpoint: string
  readonly userinfoEndpoint: string
  /** 1.9: optional `prompt` (string or list, space-joined) sent with the authorization request. */
  readonly prompt: string
  /** 1.9: optional `maxAge` sent as `max_age`; null when absent. */
  readonly maxAge: number | null
}

export const OIDC_DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email']

/** Outbound requests to the provider give up after this long, so a dead issuer cannot hang a login. */
const PROVIDER_TIMEOUT_MS = 10_000

function stringField(record: Record<string, unknown>, key: string): string {
  const value = record[key]
  return typeof value === 'string' ? value : ''
}

/**
 * Reads the provider settings from Appwrite's stored shape (`appId` + JSON `secret`). Returns
 * null when the secret is not a JSON object, which the routes treat as "not configured".
 */
export function parseOidcSettings(appId: string, secret: string): OidcSettings | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(secret)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const record = parsed as Record<string, unknown>
  return {
    clientId: appId,
    clientSecret: stringField(record, 'clientSecret'),
    wellKnownEndpoint: stringField(record, 'wellKnownEndpoint'),
    authorizationEndpoint: stringField(record, 'authorizationEndpoint'),
    tokenEndpoint: stringField(record, 'tokenEndpoint'),
    userinfoEndpoint: stringField(record, 'userinfoEndpoint'),
    prompt: promptOf(record['prompt']),
    maxAge: maxAgeOf(record['maxAge']),
  }
}

function promptOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').join(' ')
  return ''
}

function maxAgeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value)
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return null
}

/** The JSON Appwrite stores as the oidc app secret, for config files and CLI flags. */
export function oidcSecretJson(settings: Omit<OidcSettings, 'clientId' | 'prompt' | 'maxAge'> & { prompt?: string; maxAge?: number }): string {
  return JSON.stringify({
    clientSecret: settings.clientSecret,
    wellKnownEndpoint: settings.wellKnownEndpoint,
    authorizationEndpoint: settings.authorizationEndpoint,
    tokenEndpoint: settings.tokenEndpoint,
    userinfoEndpoint: settings.userinfoEndpoint,
    ...(settings.prompt !== undefined ? { prompt: settings.prompt } : {}),
    ...(settings.maxAge !== undefined ? { maxAge: settings.maxAge } : {}),
  })
}

/** Default scopes first, then the caller's, without repeats (Appwrite's addScope). */
export function oidcScopes(custom: readonly string[]): string[] {
  const scopes = [...OIDC_DEFAULT_SCOPES]
  for (const scope of custom) if (!scopes.includes(scope)) scopes.push(scope)
  return scopes
}

type Fetch = typeof fetch

async function request(fetchImpl: Fetch, url: string, init: RequestInit): Promise<{ status: number; body: string }> {
  if (url === '') throw new OAuth2ProviderError('The OpenID provider has no endpoint configured for this step', 0)
  let response: Response
  try {
    response = await fetchImpl(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) })
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new OAuth2ProviderError(`Request to ${url} failed: ${reason}`, 0)
  }
  const body = await response.text()
  if (response.status >= 400) throw OAuth2ProviderError.fromResponse(response.status, body)
  return { status: response.status, body }
}

function parseJsonObject(body: string, what: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new OAuth2ProviderError(`The OpenID provider's ${what} is not JSON`, 502)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OAuth2ProviderError(`The OpenID provider's ${what} is not a JSON object`, 502)
  }
  return parsed as Record<string, unknown>
}

function tokensFrom(record: Record<string, unknown>, previousRefreshToken = ''): OAuth2Tokens {
  const accessToken = stringField(record, 'access_token')
  if (accessToken === '') throw new OAuth2ProviderError('The OpenID provider returned no access_token', 502)
  const expires = record['expires_in']
  const expiresIn = typeof expires === 'number' ? expires : typeof expires === 'string' ? Number.parseInt(expires, 10) || 0 : 0
  return {
    accessToken,
    refreshToken: stringField(record, 'refresh_token') || previousRefreshToken,
    expiresIn: Math.max(0, Math.floor(expiresIn)),
  }
}

export class OidcProvider implements OAuth2Provider {
  readonly name = 'oidc'
  private discovery: Promise<Record<string, unknown>> | undefined

  constructor(
    private readonly settings: OidcSettings,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  /** The well-known document, fetched once per provider instance (one login). */
  private wellKnown(): Promise<Record<string, unknown>> {
    this.discovery ??= request(this.fetchImpl, this.settings.wellKnownEndpoint, {
      headers: { accept: 'application/json' },
    }).then(({ body }) => parseJsonObject(body, 'well-known configuration'))
    return this.discovery
  }

  private async endpoint(explicit: string, key: string): Promise<string> {
    if (explicit !== '') return explicit
    if (this.settings.wellKnownEndpoint === '') return ''
    return stringField(await this.wellKnown(), key)
  }

  async loginUrl(params: { callback: string; state: string; scopes: readonly string[] }): Promise<string> {
    const endpoint = await this.endpoint(this.settings.authorizationEndpoint, 'authorization_endpoint')
    if (endpoint === '') throw new OAuth2ProviderError('The OpenID provider has no authorization endpoint', 0)
    const url = new URL(endpoint)
    url.searchParams.set('client_id', this.settings.clientId)
    url.searchParams.set('redirect_uri', params.callback)
    url.searchParams.set('state', params.state)
    url.searchParams.set('scope', oidcScopes(params.scopes).join(' '))
    url.searchParams.set('response_type', 'code')
    if (this.settings.prompt !== '') url.searchParams.set('prompt', this.settings.prompt)
    if (this.settings.maxAge !== null) url.searchParams.set('max_age', String(this.settings.maxAge))
    return url.toString()
  }

  private async tokenRequest(form: Record<string, string>): Promise<Record<string, unknown>> {
    const endpoint = await this.endpoint(this.settings.tokenEndpoint, 'token_endpoint')
    const { body } = await request(this.fetchImpl, endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    })
    return parseJsonObject(body, 'token response')
  }

  async exchangeCode(params: { code: string; callback: string; scopes: readonly string[] }): Promise<OAuth2Tokens> {
    const record = await this.tokenRequest({
      code: params.code,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      redirect_uri: params.callback,
      scope: oidcScopes(params.scopes).join(' '),
      grant_type: 'authorization_code',
    })
    return tokensFrom(record)
  }

  async refreshTokens(refreshToken: string): Promise<OAuth2Tokens> {
    const record = await this.tokenRequest({
      refresh_token: refreshToken,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      grant_type: 'refresh_token',
    })
    return tokensFrom(record, refreshToken)
  }

  async fetchUser(accessToken: string): Promise<OAuth2User> {
    const endpoint = await this.endpoint(this.settings.userinfoEndpoint, 'userinfo_endpoint')
    const { body } = await request(this.fetchImpl, endpoint, {
      headers: { authorization: `Bearer ${encodeURIComponent(accessToken)}`, accept: 'application/json' },
    })
    const claims = parseJsonObject(body, 'userinfo response')
    const sub = claims['sub']
    return {
      id: typeof sub === 'string' ? sub : typeof sub === 'number' ? String(sub) : '',
      email: stringField(claims, 'email'),
      emailVerified: claims['email_verified'] === true,
      name: stringField(claims, 'name'),
    }
  }
}
