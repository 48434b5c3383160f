/**
 * A real linked OAuth identity for tests of the identities screens and handlers: a real OpenID
 * provider (oidc-provider, ./oidc-provider.ts) configured as the sandbox's `oidc` provider, and
 * a system-browser stand-in that signs in there.
 *
 * Appwrite links an OAuth login to the existing user with the same e-mail (appwrite-behaviour §7.2), so a
 * test signs up in the app with an e-mail, then signs in once at the provider with that e-mail:
 * the user now has an `oidc` identity. The session this creates stays in the stand-in browser.
 */
import { Browser } from './browser'
import { startOidcProvider, type OidcTestProvider } from './oidc-provider'
import type { ProjectConfig } from '../../../src-server'

const CLIENT_ID = 'account-console-tests'
const CLIENT_SECRET = 'activity-tests-client-secret-0123'
const APP = 'http://localhost/app'

export interface OidcIdentityProvider {
  /** Sandbox configuration enabling `oidc` against this provider. */
  readonly sandboxConfig: Partial<ProjectConfig>
  /** Once the sandbox's endpoint is known: registers its callback with the provider. */
  attach(endpoint: string, projectId?: string): void
  /** Signs in at the provider as a person with `email`; the sandbox links it to that user. */
  linkIdentity(email: string, name?: string): Promise<void>
  close(): Promise<void>
}

export async function startOidcIdentityProvider(): Promise<OidcIdentityProvider> {
  const idp: OidcTestProvider = await startOidcProvider()
  let endpoint = ''
  let project = 'local'
  let accounts = 0
  return {
    sandboxConfig: {
      oauthProviders: {
        oidc: { enabled: true, appId: CLIENT_ID, secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }) },
      },
    },
    attach(url, projectId = 'local') {
      endpoint = url
      project = projectId
      idp.configure({
        clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${endpoint}/account/sessions/oauth2/callback/oidc/${project}`] }],
        accounts: [],
      })
    },
    async linkIdentity(email, name = 'From OIDC') {
      if (!endpoint) throw new Error('attach() the sandbox first')
      accounts += 1
      const sub = `oidc-sub-${accounts}-${Math.random().toString(36).slice(2, 8)}`
      idp.upsertAccount({ sub, email, name })
      const start = new URL(`${endpoint}/account/sessions/oauth2/oidc`)
      start.searchParams.set('project', project)
      start.searchParams.set('success', `${APP}/ok`)
      start.searchParams.set('failure', `${APP}/fail`)
      const browser = new Browser()
      const atApp = (u: URL): boolean => u.hostname === 'localhost' && u.pathname.startsWith('/app/')
      let step = await browser.follow(start.toString(), atApp)
      for (let guard = 0; step.stoppedAt === undefined && guard < 3; guard++) {
        const page = step.hops.at(-1)
        if (page === undefined || page.status !== 200 || !page.url.includes('/interaction/')) {
          throw new Error(`OIDC sign-in stuck at ${page?.status} ${page?.url}: ${page?.body.slice(0, 200)}`)
        }
        step = await browser.submit(page.url, page.body.includes('name="login"') ? { login: sub } : { consent: '1' }, atApp)
      }
      if (step.stoppedAt?.pathname !== '/app/ok') throw new Error(`OIDC sign-in did not succeed: ${step.stoppedAt?.toString()}`)
    },
    close: () => idp.close(),
  }
}
