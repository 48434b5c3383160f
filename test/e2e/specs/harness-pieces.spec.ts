/**
 * The harness pieces the sign-in journeys stand on, checked through `window.api` (the screens
 * have their own journeys): the system browser hands custom-scheme redirects to the app as the OS
 * would and lets loopback redirects through, the Dev Mailbox helper reads the outbox, and the
 * keychain-unavailable world fails the keychain for real.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Api, AppStatus, AuthState, FlowDTO, RedirectStrategy, Result } from '../../../src-shared/ipc'
import { test, expect, target } from '../fixtures'
import type { AppDriver } from '../harness/driver'
import { launchHarness } from '../harness/harness-app'
import { linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { RETURNED_TO_APP_TITLE } from '../harness/system-browser'
import { SystemBrowserTab } from '../pages/pages'
import { startOidcProvider, type OidcTestProvider } from '../../server/support/oidc-provider'

test.skip(target !== 'harness', 'these check the Chromium harness itself; under Electron the OS provides browser and keychain')

const CLIENT_ID = 'harness-console'
const CLIENT_SECRET = 'harness-client-secret-0123456789'
const profileId = 'local-sandbox'

/** Calls `window.api.<ns>.<method>(arg)` in the app's page and unwraps the result. */
async function api<T>(page: Page, ns: keyof Api, method: string, arg?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([n, m, a]) => (window as unknown as { api: Record<string, Record<string, (x: unknown) => Promise<Result<unknown>>>> }).api[n]![m]!(a),
    [ns, method, arg] as const,
  )
  if (!result.ok) throw new Error(`${ns}.${method}: ${result.error.type} ${result.error.message}`)
  return result.data as T
}

test.describe('system browser', () => {
  let idp: OidcTestProvider
  let dir: string
  let app: AppDriver

  test.beforeEach(async ({ browser }) => {
    idp = await startOidcProvider()
    dir = await mkdtemp(join(tmpdir(), 'ac-harness-'))
    app = await launchHarness({
      browser,
      dataDir: dir,
      sandbox: {
        config: {
          oauthProviders: {
            oidc: { enabled: true, appId: CLIENT_ID, secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }) },
          },
        },
      },
    })
    const endpoint = await sandboxEndpoint(app.page)
    idp.configure({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${endpoint}/account/sessions/oauth2/callback/oidc/local`] }],
      accounts: [{ sub: 'alice-sub', email: 'alice@example.com', name: 'Alice' }],
    })
  })
  test.afterEach(async () => {
    await app.close()
    await idp.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function signInAtProvider(strategy: RedirectStrategy): Promise<Page> {
    const sandbox = (await api<{ status: AppStatus }>(app.page, 'app', 'start')).status.profiles[0]!
    await api(app.page, 'profiles', 'update', {
      profileId,
      label: sandbox.label,
      endpoint: sandbox.endpoint,
      projectId: sandbox.projectId,
      redirectStrategy: strategy,
      oauthProviders: ['oidc'],
    })
    const flow = await api<FlowDTO>(app.page, 'auth', 'startOAuth', { profileId, provider: 'oidc' })
    const opened = await app.openedExternally()
    expect(opened).toHaveLength(1)
    expect(opened[0]).toContain(`${flow.address}?`)
    const tab = await app.systemBrowser!.lastPage()
    await new SystemBrowserTab(tab).signInAtProvider('alice-sub')
    return tab
  }

  test('a redirect to account-console:// is handed to the app, and the tab says so', async () => {
    const tab = await signInAtProvider('scheme')
    await expect(tab).toHaveTitle(RETURNED_TO_APP_TITLE)
    expect(app.systemBrowser!.handedToApp()).toEqual([
      expect.stringMatching(/^account-console:\/\/oauth\?flow=[\w-]{43}&(secret=[0-9a-f]{64}&userId=\w+|userId=\w+&secret=[0-9a-f]{64})$/),
    ])
    await expect.poll(async () => (await api<AuthState>(app.page, 'auth', 'getState', { profileId })).status).toBe('signed-in')
    // The secret went from the browser to main only.
    const secret = new URL(app.systemBrowser!.handedToApp()[0]!).searchParams.get('secret')!
    expect(JSON.stringify(await app.bridgeRecord())).not.toContain(secret)
  })

  test('a loopback redirect reaches the app’s listener over real http', async () => {
    const tab = await signInAtProvider('loopback')
    await expect(new SystemBrowserTab(tab).loopbackAnswer).toBeVisible()
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\?flow=/)
    expect(app.systemBrowser!.handedToApp()).toEqual([])
    await expect.poll(async () => (await api<AuthState>(app.page, 'auth', 'getState', { profileId })).status).toBe('signed-in')
  })

  test('the outbox helper reads the mail a spec needs', async () => {
    await api(app.page, 'auth', 'sendMagicLink', { profileId, email: 'mail@example.com' })
    const message = await waitForMessage(await sandboxEndpoint(app.page), 'mail@example.com')
    await app.deliverDeepLink(linkIn(message))
    expect((await api<AuthState>(app.page, 'auth', 'getState', { profileId })).status).toBe('signed-in')
  })
})

test.describe('keychain unavailable', () => {
  test.use({ appOptions: { keychain: 'unavailable' } })

  test('the probe meets a system with no Secret Service; sessions are memory-only', async ({ app }) => {
    const { status } = await api<{ status: AppStatus }>(app.page, 'app', 'start')
    expect(status.keychain.kind).toBe('memory')
    expect(status.keychain.reason).toContain('No keychain service (Secret Service) is running on this system')
    const state = await api<AuthState>(app.page, 'auth', 'signInAnonymously', { profileId })
    expect(state).toMatchObject({ status: 'signed-in', remembered: false })
    await app.restart()
    expect((await api<AuthState>(app.page, 'auth', 'getState', { profileId })).status).toBe('signed-out')
  })
})

test.describe('content security policy watch', () => {
  test('an inline style the policy blocks is reported, so the fixture would fail the test', async ({ browser }) => {
    const dir = await mkdtemp(join(tmpdir(), 'ac-harness-'))
    const app = await launchHarness({ browser, dataDir: dir })
    try {
      await expect(app.page.locator('body')).not.toBeEmpty()
      expect(app.cspViolations()).toEqual([])
      const color = await app.page.evaluate(() => {
        const style = document.createElement('style')
        style.textContent = 'body { outline: 7px solid rgb(1, 2, 3) }'
        document.head.append(style)
        return getComputedStyle(document.body).outlineColor
      })
      // Blocked, not applied, and told (once per policy: the header's and index.html's meta).
      expect(color).not.toBe('rgb(1, 2, 3)')
      await expect.poll(() => app.cspViolations().length).toBeGreaterThan(0)
      for (const violation of app.cspViolations()) expect(violation).toMatch(/inline style/i)
    } finally {
      await app.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
