/**
 * The Local sandbox you can play with (issue 14 items 1 and 2), from a freshly started app with
 * no configuration: OAuth with the built-in Local test provider by each redirect strategy, the
 * Sandbox screen turning a sign-in method off (gone from the sign-in screen, and still off after
 * a restart on the same port), and a provider the server refuses said in the window at once.
 */
import { expect, test } from '../fixtures'
import { RETURNED_TO_APP_TITLE } from '../harness/system-browser'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { BrowserWaitScreen, ConsoleApp, ProfileScreen, ProfilesScreen, SignInMethods, SignInScreen, SystemBrowserTab } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { LocalProviderTab, SandboxScreen } from '../pages/sandbox-pages'

for (const strategy of ['App link', 'Appwrite callback', 'Local address'] as const) {
  test(`OAuth with the Local test provider, nothing set up; the link comes back by ${strategy}`, async ({ app }) => {
    const page = app.page
    await new ConsoleApp(page).waitUntilReady()
    if (strategy !== 'App link') {
      // The only change: how links come back (the Local sandbox profile starts on App link).
      const profiles = new ProfilesScreen(page)
      await profiles.open()
      await profiles.edit('Local sandbox', { redirect: strategy })
      await profiles.back()
    }
    await new SignInScreen(page).expectVisible()

    await new SignInMethods(page).continueWith('Local test provider')
    const waiting = new BrowserWaitScreen(page)
    await waiting.expectVisible()
    await expect(waiting.opened).toContainText('We opened the Local test provider sign-in page')
    await expect(waiting.address).toContainText('/account/tokens/oauth2/oidc')

    const tab = await app.systemBrowser!.lastPage()
    const provider = new LocalProviderTab(tab)
    if (strategy === 'App link') await provider.signInAs('Grace Hopper')
    else await provider.signInAs({ name: `Tess ${strategy}`, email: `tess.${strategy.replace(' ', '-').toLowerCase()}@example.test` })

    const expected = strategy === 'App link' ? 'grace@example.test' : `tess.${strategy.replace(' ', '-').toLowerCase()}@example.test`
    await expect(new ProfileScreen(page).email).toHaveText(expected, { timeout: 60_000 })
    if (strategy === 'Local address') await expect(new SystemBrowserTab(tab).loopbackAnswer).toBeVisible()
    else await expect(tab).toHaveTitle(RETURNED_TO_APP_TITLE)
  })
}

test('the Sandbox screen turns sign-in methods off and on; the choice stays, and so does the port', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  const methods = new SignInMethods(page)
  await expect(methods.guest).toBeVisible()
  await expect(methods.provider('Local test provider')).toBeVisible()

  const sandbox = new SandboxScreen(page)
  await sandbox.open()
  await expect(sandbox.method('Guest')).toBeChecked()
  await expect(sandbox.localProvider).toBeChecked()
  await reviewScreen(page, 'sandbox-settings')
  await sandbox.setMethod('Guest', false)
  await sandbox.setMethod('Code by e-mail', false)
  await sandbox.setLocalProvider(false)
  await sandbox.back()

  await new SignInScreen(page).expectVisible()
  await expect(methods.guest).toHaveCount(0)
  await expect(methods.method('E-mail me a code')).toHaveCount(0)
  await expect(methods.provider('Local test provider')).toHaveCount(0)
  await expect(methods.method('E-mail me a sign-in link')).toBeVisible()

  const endpoint = await sandboxEndpoint(page)
  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()
  expect(await sandboxEndpoint(page)).toBe(endpoint)
  await expect(methods.guest).toHaveCount(0)

  await sandbox.open()
  await sandbox.setMethod('Guest', true)
  await sandbox.back()
  await expect(methods.guest).toBeVisible()
})

test('a provider the server refuses (412) is said in the window, and nothing waits for a browser', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  const profiles = new ProfilesScreen(page)
  await profiles.open()
  await profiles.edit('Local sandbox', { providers: 'github' })
  await profiles.back()
  await new SignInScreen(page).expectVisible()

  await new SignInMethods(page).continueWith('GitHub')
  await expect(new ConsoleApp(page).alert).toContainText('This sign-in provider is not turned on for the project.')
  await expect(new BrowserWaitScreen(page).heading).toHaveCount(0)
  await new SignInScreen(page).expectVisible()
  expect(await app.openedExternally()).toEqual([])
  await reviewScreen(page, 'oauth-provider-refused', { schemes: ['light'] })
})
