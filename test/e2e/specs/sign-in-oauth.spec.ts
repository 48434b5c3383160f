/**
 * OAuth2 in the system browser (issue #4 item 1; RFC 8252): a real OpenID Connect provider
 * (oidc-provider on 127.0.0.1) is the sandbox's `oidc` provider. The app opens the harness's
 * "system browser"; the person signs in there; the link back reaches the app by the profile's
 * redirect strategy: our scheme, `appwrite-callback-<project>://`, or a loopback listener.
 */
import type { Page } from '@playwright/test'
import { expect, test as base } from '../fixtures'
import { RETURNED_TO_APP_TITLE } from '../harness/system-browser'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { uniqueEmail } from '../steps'
import { BrowserWaitScreen, ConsoleApp, FlowOutcomeScreen, ProfileScreen, ProfilesScreen, SignInMethods, SignInScreen, SystemBrowserTab } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { startOidcProvider, type OidcTestProvider } from '../../server/support/oidc-provider'

const CLIENT_ID = 'account-console-e2e'
const CLIENT_SECRET = 'account-console-e2e-oidc-secret-0123'

const test = base.extend<{ idp: OidcTestProvider }>({
  idp: async ({}, use) => {
    const idp = await startOidcProvider()
    await use(idp)
    await idp.close()
  },
  // The Local sandbox offers `oidc` against this provider (appwrite-behaviour §7.3).
  appOptions: async ({ idp }, use) => {
    await use({
      sandbox: {
        config: {
          oauthProviders: {
            oidc: { enabled: true, appId: CLIENT_ID, secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }) },
          },
        },
      },
    })
  },
})

type Strategy = 'App link' | 'Appwrite callback' | 'Local address'

/** The provider learns the sandbox's callback; the Local sandbox profile offers `oidc`. */
async function prepare(page: Page, idp: OidcTestProvider, email: string, strategy: Strategy): Promise<void> {
  await new ConsoleApp(page).waitUntilReady()
  const endpoint = await sandboxEndpoint(page)
  idp.configure({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${endpoint}/account/sessions/oauth2/callback/oidc/local`] }],
    accounts: [{ sub: 'ada-at-idp', email, name: 'Ada from OIDC' }],
  })
  const profiles = new ProfilesScreen(page)
  await profiles.open()
  await profiles.edit('Local sandbox', { providers: 'oidc', redirect: strategy })
  await profiles.back()
  await new SignInScreen(page).expectVisible()
}

for (const strategy of ['App link', 'Appwrite callback', 'Local address'] as const) {
  test(`sign in with OpenID Connect in the browser; the link comes back by ${strategy}`, async ({ app, idp }) => {
    const page = app.page
    const email = uniqueEmail('oidc')
    await prepare(page, idp, email, strategy)

    await new SignInMethods(page).continueWith('OpenID Connect')
    const waiting = new BrowserWaitScreen(page)
    await waiting.expectVisible()
    await expect(waiting.address).toContainText('/account/tokens/oauth2/oidc')
    if (strategy === 'App link') await reviewScreen(page, 'oauth-waiting')
    // The screen shows the address without its query; the copy button has main copy the full URL.
    const opened = (await app.openedExternally()).at(-1) ?? ''
    await expect(waiting.address).toHaveText(opened.split('?')[0]!)
    await waiting.copyAddress()
    expect(await app.clipboardText()).toBe(opened)

    const browser = app.systemBrowser
    if (!browser) throw new Error('this launcher has no system browser')
    const tab = await browser.lastPage()
    await new SystemBrowserTab(tab).signInAtProvider('ada-at-idp')

    await expect(new ProfileScreen(page).email).toHaveText(email)
    if (strategy === 'Local address') {
      // The loopback listener answered the browser itself.
      await expect(new SystemBrowserTab(tab).text).toContainText(/Done|Account Console/)
    } else {
      await expect(tab).toHaveTitle(RETURNED_TO_APP_TITLE)
      const handed = browser.handedToApp().at(-1) ?? ''
      expect(handed.startsWith(strategy === 'App link' ? 'account-console://oauth' : 'appwrite-callback-local://oauth')).toBe(true)
    }
    // The return link's one-time nonce stayed in main: no payload that crossed the bridge carries it.
    const nonce = new URL(new URL(opened).searchParams.get('success') ?? '').searchParams.get('flow') ?? ''
    expect(nonce).toMatch(/^[\w-]{43}$/)
    const bridge = JSON.stringify(await app.bridgeRecord())
    expect(bridge).toContain('ac:auth.startOAuth')
    expect(bridge).not.toContain(nonce)
  })
}

test('the provider refuses: the app says the sign-in did not work', async ({ app, idp }) => {
  const page = app.page
  await prepare(page, idp, uniqueEmail('oidc-refused'), 'App link')
  await new SignInMethods(page).continueWith('OpenID Connect')
  await new BrowserWaitScreen(page).expectVisible()

  await new SystemBrowserTab(await app.systemBrowser!.lastPage()).signInAtProvider('ada-at-idp', 'Deny')

  const outcome = new FlowOutcomeScreen(page)
  await expect(outcome.heading).toHaveText('That did not work')
  await expect(outcome.message).toContainText('The sign-in in the browser failed')
  await expect(new ProfileScreen(page).email).toHaveCount(0)
})

test('cancel while the browser is open: a later return is refused', async ({ app, idp }) => {
  const page = app.page
  await prepare(page, idp, uniqueEmail('oidc-cancel'), 'App link')
  await new SignInMethods(page).continueWith('OpenID Connect')
  const waiting = new BrowserWaitScreen(page)
  await waiting.expectVisible()
  await waiting.cancel()
  await new SignInScreen(page).expectVisible()

  await new SystemBrowserTab(await app.systemBrowser!.lastPage()).signInAtProvider('ada-at-idp')
  await expect(new ConsoleApp(page).toast(/A link was ignored/)).toBeVisible()
  await new SignInScreen(page).expectVisible()
})
