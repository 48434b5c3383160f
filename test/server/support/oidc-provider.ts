/**
 * A real OpenID Connect provider (`oidc-provider` 9) on 127.0.0.1 for end-to-end OAuth2 tests.
 *
 * The HTTP listener starts first so the issuer URL is known before the sandbox is configured;
 * the provider itself is built by `configure()` once the sandbox's callback URL is known
 * (oidc-provider takes its client list at construction).
 *
 * Login and consent are real interactions: the provider redirects the browser to
 * `/interaction/<uid>`, which serves a small HTML form; the test posts it (`login=<accountId>`,
 * or `abort=1` to refuse), the fixture reports the result with `interactionFinished`, and the
 * provider continues to the client's redirect_uri with a code (or an error).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Interaction } from 'oidc-provider'

export interface OidcTestAccount {
  readonly sub: string
  readonly email?: string
  readonly emailVerified?: boolean
  readonly name?: string
}

export interface OidcTestClient {
  readonly clientId: string
  readonly clientSecret: string
  readonly redirectUris: readonly string[]
}

export interface OidcTestProvider {
  readonly issuer: string
  readonly wellKnownUrl: string
  /** Builds the provider with its client(s) and accounts; call before the first login. */
  configure(options: { clients: readonly OidcTestClient[]; accounts: readonly OidcTestAccount[] }): void
  /** Adds or replaces an account at runtime (e.g. a user without e-mail). */
  upsertAccount(account: OidcTestAccount): void
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function html(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.end(body)
}

function interactionPage(interaction: Interaction): string {
  const action = `/interaction/${interaction.uid}`
  if (interaction.prompt.name === 'login') {
    return `<!doctype html><title>Sign in</title><form method="post" action="${action}">
<input name="login" autocomplete="username"><button>Sign in</button></form>
<form method="post" action="${action}"><input type="hidden" name="abort" value="1"><button>Cancel</button></form>`
  }
  return `<!doctype html><title>Authorize</title><p>Allow the app to read your profile and e-mail?</p>
<form method="post" action="${action}"><input type="hidden" name="consent" value="1"><button>Allow</button></form>
<form method="post" action="${action}"><input type="hidden" name="abort" value="1"><button>Deny</button></form>`
}

export async function startOidcProvider(): Promise<OidcTestProvider> {
  let provider: Provider | undefined
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  const accounts = new Map<string, OidcTestAccount>()

  async function interaction(req: IncomingMessage, res: ServerResponse, p: Provider): Promise<void> {
    const details = await p.interactionDetails(req, res)
    if (req.method === 'GET') return html(res, 200, interactionPage(details))
    const form = new URLSearchParams(await readBody(req))
    if (form.get('abort') === '1') {
      return p.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false })
    }
    if (details.prompt.name === 'login') {
      const accountId = form.get('login') ?? ''
      if (!accounts.has(accountId)) return html(res, 400, `<p>Unknown account ${accountId}</p>`)
      return p.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false })
    }
    // consent: grant exactly the OIDC scopes the client asked for.
    const accountId = details.session?.accountId ?? ''
    const clientId = String(details.params['client_id'] ?? '')
    const grant = new p.Grant({ accountId, clientId })
    grant.addOIDCScope(String(details.params['scope'] ?? 'openid'))
    const grantId = await grant.save()
    return p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
  }

  const server: Server = createServer((req, res) => {
    if (provider === undefined || handler === undefined) return html(res, 503, 'provider not configured')
    const p = provider
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith('/interaction/')) {
      interaction(req, res, p).catch((error: unknown) => {
        html(res, 500, `<p>${error instanceof Error ? error.message : String(error)}</p>`)
      })
      return
    }
    handler(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`

  return {
    issuer,
    wellKnownUrl: `${issuer}/.well-known/openid-configuration`,
    upsertAccount(account) {
      accounts.set(account.sub, account)
    },
    configure({ clients, accounts: initial }) {
      for (const account of initial) accounts.set(account.sub, account)
      const p = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          client_secret: c.clientSecret,
          redirect_uris: [...c.redirectUris],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          // Appwrite's generic OIDC provider sends the secret in the form body (appwrite-behaviour §7.3).
          token_endpoint_auth_method: 'client_secret_post',
        })),
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
        cookies: { keys: ['oidc-fixture-cookie-key-one', 'oidc-fixture-cookie-key-two'] },
        // Explicit lifetimes keep the provider from printing a notice per artifact type.
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60, RefreshToken: 86_400 },
        findAccount: (_ctx, sub) => {
          const account = accounts.get(sub)
          if (account === undefined) return undefined
          return {
            accountId: sub,
            claims: () => ({
              sub,
              ...(account.email !== undefined ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
              ...(account.name !== undefined ? { name: account.name } : {}),
            }),
          }
        },
      })
      provider = p
      handler = p.callback()
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
