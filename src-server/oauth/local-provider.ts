/**
 * The "Local test provider": a small OpenID Connect provider the sandbox serves itself under
 * `/local-oidc/` on its own address, so OAuth2 sign-in (session and token flow) can be tried with
 * no account anywhere. It is an ordinary OIDC provider to the sandbox's generic `oidc` client
 * (oauth/oidc.ts), which reaches it over HTTP like any issuer:
 *
 *   GET  /local-oidc/.well-known/openid-configuration   discovery
 *   GET  /local-oidc/jwks                               the RS256 public key of its ID tokens
 *   GET  /local-oidc/authorize                          the sign-in page: pick or type a test identity
 *   POST /local-oidc/authorize                          the page's answer → 303 to redirect_uri with code + state
 *   POST /local-oidc/token                              authorization_code and refresh_token grants
 *   GET  /local-oidc/userinfo                           claims for a Bearer access token
 *
 * Other web pages on this machine must not be able to sign someone in through it (login CSRF):
 * the page's answer is accepted only as a top-level form navigation from the page itself
 * (`Sec-Fetch-*`, `Origin`), carrying the one-time request id printed in that page and the
 * SameSite=Strict cookie set with it; the page cannot be framed. Codes are single-use, expire
 * after a minute and are bound to the client and redirect URI; `state` is required and
 * returned unchanged; `nonce`, when sent, goes into the ID token.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export const LOCAL_PROVIDER_PATH = '/local-oidc'
/** The client id the sandbox's `oidc` slot uses for the local provider. */
export const LOCAL_PROVIDER_CLIENT_ID = 'local-sandbox'

export interface LocalProviderClient {
  readonly clientId: string
  readonly clientSecret: string
  readonly redirectUris: readonly string[]
}

export interface TestIdentity {
  readonly name: string
  readonly email: string
}

export interface LocalProviderOptions {
  /** `http://127.0.0.1:<port>` — known once the sandbox listens. */
  readonly origin: () => string
  /** The clients allowed to sign in (read per request, so settings changes apply at once). */
  readonly clients: () => readonly LocalProviderClient[]
  /** `Host` headers that are served (the sandbox's DNS-rebinding defence). */
  readonly hostAllowed: (host: string | undefined) => boolean
  readonly now?: () => number
}

export interface LocalProvider {
  /** True when the request was for the provider (and has been answered). */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /** `<origin>/local-oidc`, the `iss` of its tokens. */
  issuer(): string
  wellKnownUrl(): string
}

/** Identities offered on the page; any other can be typed. */
export const PRESET_IDENTITIES: readonly TestIdentity[] = [
  { name: 'Ada Lovelace', email: 'ada@example.test' },
  { name: 'Grace Hopper', email: 'grace@example.test' },
  { name: 'Alan Turing', email: 'alan@example.test' },
]

const CODE_TTL_MS = 60_000
const PENDING_TTL_MS = 10 * 60_000
const ACCESS_TTL_S = 3600
const MAX_PENDING = 200
const MAX_BODY = 16 * 1024
const COOKIE = 'local_oidc_request'
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}$/

interface PendingAuthorization {
  readonly clientId: string
  readonly redirectUri: string
  readonly state: string
  readonly nonce: string
  readonly scope: string
  /** The cookie value that must come back with the answer. */
  readonly binding: string
  readonly expires: number
}

interface Grant {
  readonly clientId: string
  readonly redirectUri: string
  readonly identity: TestIdentity
  readonly nonce: string
  readonly scope: string
  readonly expires: number
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function token(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest()
  const y = createHash('sha256').update(b).digest()
  return timingSafeEqual(x, y)
}

/** A stable subject per e-mail address, so signing in again finds the same Appwrite identity. */
export function subjectFor(email: string): string {
  return `local-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`
}

function cookieValue(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return ''
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(null)
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  // Not no-referrer: with it a browser sends `Origin: null` on the page's own form post, which is refused.
  'referrer-policy': 'same-origin',
} as const

function sendHtml(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, ...extra })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra })
  res.end(JSON.stringify(body))
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description })
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.35rem}fieldset{border:1px solid #c7c7cc;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem}
label{display:block;margin:.35rem 0}input[type=text],input[type=email]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
button{font:inherit;padding:.45rem 1rem;margin-right:.5rem}p.note{color:#515154;font-size:.9rem}
</style></head><body><main>${body}</main></body></html>`
}

function signInPage(requestId: string, clientName: string): string {
  const presets = PRESET_IDENTITIES.map(
    (identity, i) =>
      `<label><input type="radio" name="identity" value="${i}"${i === 0 ? ' checked' : ''}> ${escapeHtml(identity.name)} &lt;${escapeHtml(identity.email)}&gt;</label>`,
  ).join('\n')
  return page(
    'Local test provider — sign in',
    `<h1>Local test provider</h1>
<p>Sign in to <strong>${escapeHtml(clientName)}</strong> as a test identity. Nothing leaves this computer.</p>
<form method="post" action="${LOCAL_PROVIDER_PATH}/authorize">
<input type="hidden" name="request" value="${escapeHtml(requestId)}">
<fieldset><legend>Pick a test identity</legend>
${presets}
<label><input type="radio" name="identity" value="typed"> Someone else (below)</label>
</fieldset>
<fieldset><legend>Or type one</legend>
<label for="name">Name</label><input type="text" id="name" name="name" maxlength="128" autocomplete="off">
<label for="email">E-mail</label><input type="email" id="email" name="email" maxlength="254" autocomplete="off">
</fieldset>
<button type="submit" name="action" value="allow">Sign in</button>
<button type="submit" name="action" value="deny">Cancel</button>
</form>
<p class="note">A test provider built into the Local sandbox. Any name and e-mail will do.</p>`,
  )
}

export function createLocalProvider(options: LocalProviderOptions): LocalProvider {
  const now = options.now ?? Date.now
  const pending = new Map<string, PendingAuthorization>()
  const codes = new Map<string, Grant>()
  const accessTokens = new Map<string, { identity: TestIdentity; expires: number }>()
  const refreshTokens = new Map<string, Grant>()
  let keys: { privateKey: KeyObject; jwk: Record<string, unknown> } | null = null

  const issuer = (): string => `${options.origin()}${LOCAL_PROVIDER_PATH}`

  function signingKeys(): { privateKey: KeyObject; jwk: Record<string, unknown> } {
    if (keys) return keys
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const exported = pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>
    const kid = createHash('sha256')
      .update(JSON.stringify([exported['n'], exported['e']]))
      .digest('base64url')
      .slice(0, 16)
    keys = { privateKey: pair.privateKey, jwk: { ...exported, kid, use: 'sig', alg: 'RS256' } }
    return keys
  }

  function idToken(grant: Grant): string {
    const { privateKey, jwk } = signingKeys()
    const iat = Math.floor(now() / 1000)
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk['kid'] })).toString('base64url')
    const payload = Buffer.from(
      JSON.stringify({
        iss: issuer(),
        sub: subjectFor(grant.identity.email),
        aud: grant.clientId,
        iat,
        exp: iat + ACCESS_TTL_S,
        ...(grant.nonce !== '' ? { nonce: grant.nonce } : {}),
        email: grant.identity.email,
        email_verified: true,
        name: grant.identity.name,
      }),
    ).toString('base64url')
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url')
    return `${header}.${payload}.${signature}`
  }

  function prune(): void {
    const t = now()
    for (const [id, p] of pending) if (p.expires <= t) pending.delete(id)
    for (const [code, g] of codes) if (g.expires <= t) codes.delete(code)
    for (const [access, a] of accessTokens) if (a.expires <= t) accessTokens.delete(access)
  }

  function client(clientId: string): LocalProviderClient | undefined {
    return options.clients().find((c) => c.clientId === clientId)
  }

  function discovery(res: ServerResponse): void {
    const base = issuer()
    sendJson(res, 200, {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/userinfo`,
      jwks_uri: `${base}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'email', 'email_verified', 'name'],
    })
  }

  /** GET /authorize: checks the request before anything is shown; errors about the client are never redirected. */
  function authorize(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const clientId = query.get('client_id') ?? ''
    const redirectUri = query.get('redirect_uri') ?? ''
    const known = client(clientId)
    if (!known)
      return sendHtml(res, 400, page('Unknown client', '<h1>Unknown client</h1><p>This application is not registered with the Local test provider.</p>'))
    if (!known.redirectUris.includes(redirectUri)) {
      return sendHtml(res, 400, page('Wrong redirect address', '<h1>Wrong redirect address</h1><p>The redirect_uri is not registered for this client.</p>'))
    }
    const state = query.get('state') ?? ''
    if (state === '')
      return sendHtml(
        res,
        400,
        page('Missing state', '<h1>Missing state</h1><p>The request carries no <code>state</code>, so its answer could not be matched to it.</p>'),
      )
    if (query.get('response_type') !== 'code')
      return redirectWithError(res, redirectUri, state, 'unsupported_response_type', 'Only response_type=code is supported')
    const scope = query.get('scope') ?? ''
    if (!scope.split(' ').includes('openid')) return redirectWithError(res, redirectUri, state, 'invalid_scope', 'The openid scope is required')
    prune()
    if (pending.size >= MAX_PENDING) return sendHtml(res, 503, page('Busy', '<h1>Too many sign-ins in progress</h1><p>Try again in a few minutes.</p>'))
    const requestId = token()
    const binding = token()
    pending.set(requestId, { clientId, redirectUri, state, nonce: query.get('nonce') ?? '', scope, binding, expires: now() + PENDING_TTL_MS })
    sendHtml(res, 200, signInPage(requestId, 'the Local sandbox'), {
      'set-cookie': `${COOKIE}=${binding}; Path=${LOCAL_PROVIDER_PATH}; HttpOnly; SameSite=Strict; Max-Age=${PENDING_TTL_MS / 1000}`,
    })
  }

  function redirectWithError(res: ServerResponse, redirectUri: string, state: string, error: string, description: string): void {
    const url = new URL(redirectUri)
    url.searchParams.set('error', error)
    url.searchParams.set('error_description', description)
    url.searchParams.set('state', state)
    res.writeHead(303, { location: url.toString(), 'cache-control': 'no-store' })
    res.end()
  }

  /**
   * The answer must be a top-level navigation submitted from our own page: browsers say so in
   * Sec-Fetch-Site/Mode/Dest and Origin; a request without them (not a browser) must still
   * carry the page's request id and the cookie set with it.
   */
  function fromOwnPage(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site']
    const mode = req.headers['sec-fetch-mode']
    const dest = req.headers['sec-fetch-dest']
    if (site !== undefined && site !== 'same-origin') return false
    if (mode !== undefined && mode !== 'navigate') return false
    if (dest !== undefined && dest !== 'document') return false
    const origin = req.headers.origin
    if (origin !== undefined && origin !== options.origin()) return false
    return true
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!fromOwnPage(req)) return sendHtml(res, 403, page('Refused', '<h1>Refused</h1><p>Sign in from the Local test provider’s own page.</p>'))
    const body = await readBody(req)
    if (body === null) return sendHtml(res, 413, page('Too large', '<h1>Request too large</h1>'))
    const form = new URLSearchParams(body)
    const requestId = form.get('request') ?? ''
    const request = pending.get(requestId)
    if (!request || request.expires <= now() || !sameSecret(cookieValue(req, COOKIE), request.binding)) {
      return sendHtml(res, 400, page('Expired', '<h1>This sign-in page has expired</h1><p>Start the sign-in again from the app.</p>'))
    }
    if (form.get('action') === 'deny') {
      pending.delete(requestId)
      return redirectWithError(res, request.redirectUri, request.state, 'access_denied', 'The person cancelled the sign-in')
    }
    const choice = form.get('identity') ?? ''
    const preset = /^\d+$/.test(choice) ? PRESET_IDENTITIES[Number(choice)] : undefined
    const typed = { name: (form.get('name') ?? '').trim().slice(0, 128), email: (form.get('email') ?? '').trim() }
    // Something typed wins over the radio choice; a typed name is optional.
    const identity = typed.email !== '' || choice === 'typed' ? { name: typed.name || typed.email.split('@')[0] || '', email: typed.email } : preset
    if (!identity || !EMAIL.test(identity.email)) {
      return sendHtml(res, 400, signInPageWithError(requestId, 'Type an e-mail address such as someone@example.test, or pick one of the test identities.'))
    }
    pending.delete(requestId)
    const code = token()
    codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      identity,
      nonce: request.nonce,
      scope: request.scope,
      expires: now() + CODE_TTL_MS,
    })
    const url = new URL(request.redirectUri)
    url.searchParams.set('code', code)
    url.searchParams.set('state', request.state)
    res.writeHead(303, { location: url.toString(), 'cache-control': 'no-store', 'set-cookie': `${COOKIE}=; Path=${LOCAL_PROVIDER_PATH}; Max-Age=0` })
    res.end()
  }

  function signInPageWithError(requestId: string, message: string): string {
    return signInPage(requestId, 'the Local sandbox').replace('<form', `<p role="alert"><strong>${escapeHtml(message)}</strong></p><form`)
  }

  /** Client authentication: client_secret_post or client_secret_basic. */
  function authenticatedClient(req: IncomingMessage, form: URLSearchParams): LocalProviderClient | null {
    let clientId = form.get('client_id') ?? ''
    let secret = form.get('client_secret') ?? ''
    const authorization = req.headers.authorization ?? ''
    if (authorization.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon !== -1) {
        clientId = decodeURIComponent(decoded.slice(0, colon))
        secret = decodeURIComponent(decoded.slice(colon + 1))
      }
    }
    const known = client(clientId)
    if (!known || secret === '' || !sameSecret(secret, known.clientSecret)) return null
    return known
  }

  function issueTokens(res: ServerResponse, grant: Grant): void {
    const accessToken = token()
    const refreshToken = token()
    accessTokens.set(accessToken, { identity: grant.identity, expires: now() + ACCESS_TTL_S * 1000 })
    refreshTokens.set(refreshToken, grant)
    sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_S,
      refresh_token: refreshToken,
      id_token: idToken(grant),
      scope: grant.scope,
    })
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    if (body === null) return oauthError(res, 413, 'invalid_request', 'Request too large')
    const form = new URLSearchParams(body)
    const known = authenticatedClient(req, form)
    if (!known) return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong client secret')
    prune()
    const grantType = form.get('grant_type')
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? ''
      const grant = codes.get(code)
      // Single use: a code is gone once presented, whether the rest matches or not.
      codes.delete(code)
      if (!grant || grant.expires <= now() || grant.clientId !== known.clientId)
        return oauthError(res, 400, 'invalid_grant', 'The code is unknown, used or expired')
      if ((form.get('redirect_uri') ?? '') !== grant.redirectUri)
        return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request')
      return issueTokens(res, grant)
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? ''
      const grant = refreshTokens.get(presented)
      if (!grant || grant.clientId !== known.clientId) return oauthError(res, 400, 'invalid_grant', 'The refresh token is unknown')
      refreshTokens.delete(presented)
      return issueTokens(res, grant)
    }
    return oauthError(res, 400, 'unsupported_grant_type', 'Use authorization_code or refresh_token')
  }

  function userinfo(req: IncomingMessage, res: ServerResponse): void {
    const authorization = req.headers.authorization ?? ''
    const presented = authorization.startsWith('Bearer ') ? decodeURIComponent(authorization.slice(7)) : ''
    const access = accessTokens.get(presented)
    if (!access || access.expires <= now()) {
      return sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'The access token is unknown or expired' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      )
    }
    sendJson(res, 200, { sub: subjectFor(access.identity.email), email: access.identity.email, email_verified: true, name: access.identity.name })
  }

  return {
    issuer,
    wellKnownUrl: () => `${issuer()}/.well-known/openid-configuration`,
    handle(req, res) {
      const url = req.url ?? '/'
      if (url !== LOCAL_PROVIDER_PATH && !url.startsWith(`${LOCAL_PROVIDER_PATH}/`)) return false
      if (!options.hostAllowed(req.headers.host)) {
        sendHtml(res, 400, page('Wrong host', '<h1>Wrong host</h1>'))
        return true
      }
      const parsed = new URL(url, 'http://local')
      const path = parsed.pathname.slice(LOCAL_PROVIDER_PATH.length)
      const method = req.method ?? 'GET'
      const fail = (error: unknown): void => {
        if (!res.headersSent) oauthError(res, 500, 'server_error', error instanceof Error ? error.message : String(error))
      }
      if (path === '/.well-known/openid-configuration' && method === 'GET') discovery(res)
      else if (path === '/jwks' && method === 'GET') sendJson(res, 200, { keys: [signingKeys().jwk] })
      else if (path === '/authorize' && method === 'GET') authorize(req, res, parsed.searchParams)
      else if (path === '/authorize' && method === 'POST') answer(req, res).catch(fail)
      else if (path === '/token' && method === 'POST') tokenEndpoint(req, res).catch(fail)
      else if (path === '/userinfo' && (method === 'GET' || method === 'POST')) userinfo(req, res)
      else sendJson(res, 404, { error: 'not_found', error_description: 'No such endpoint' })
      return true
    },
  }
}
