/**
 * Issue 11 item 5: Connected apps on a 2.x server — the apps a person let in, listed with what they
 * may do; one app's device signed out, then its access removed, each after confirming; the empty
 * state. On a 1.9 server the navigation has no such entry. Consents are made behind the UI with the
 * sandbox's dev route (as if the person had allowed the app on the project's consent page).
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { ConnectedAppsScreen } from '../pages/connected-apps'
import { AccountNavigation } from '../pages/navigation'
import { ProfileScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { E2E_DEV_KEY, grantConsent, signUp, uniqueEmail } from '../steps'

test.describe('on a 2.x server', () => {
  test.use({ appOptions: { sandbox: { devKey: E2E_DEV_KEY } } })

  test('see the apps with access, sign one device out, then remove the app’s access', async ({ app }) => {
    const page = app.page
    await signUp(page, uniqueEmail('apps'))
    const userId = await new ProfileScreen(page).userId()
    const endpoint = await sandboxEndpoint(page)
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString()
    await grantConsent(endpoint, userId, {
      appId: 'reports-app',
      scopes: ['openid', 'email', 'projects.read'],
      resources: ['https://api.example.com'],
      authorizationDetails: [{ type: 'project', projects: ['alpha', 'beta'] }],
      tokenFamilies: [{ expire: inAnHour }, {}],
    })
    await grantConsent(endpoint, userId, { appId: 'https://notes.example.org/client.json', scopes: ['openid', 'profile'] })

    const nav = new AccountNavigation(page)
    await nav.open('Connected apps')
    const screen = new ConnectedAppsScreen(page)
    await expect(screen.apps).toHaveCount(2)
    await expect(screen.scopesOf('reports-app')).toHaveText(['Confirm who you are', 'See your e-mail address', 'projects.read'])
    await expect(screen.detailsOf('reports-app')).toHaveText('project; projects: alpha, beta')
    await expect(screen.app('notes.example.org')).toContainText('https://notes.example.org/client.json')

    await screen.openDevices('reports-app')
    await expect(screen.devicesOf('reports-app')).toHaveCount(2)
    await reviewScreen(page, 'connected-apps')

    await screen.signOutDevice('reports-app', 0)
    await expect(screen.devicesOf('reports-app')).toHaveCount(1)
    // Read again from the server: one device left, the app still connected.
    await nav.open('Profile')
    await nav.open('Connected apps')
    await screen.openDevices('reports-app')
    await expect(screen.devicesOf('reports-app')).toHaveCount(1)

    await screen.removeAccess('reports-app')
    await expect(screen.apps).toHaveCount(1)
    await expect(screen.app('reports-app')).toHaveCount(0)
    await screen.removeAccess('notes.example.org')
    await expect(screen.empty).toBeVisible()
    await reviewScreen(page, 'connected-apps-empty')
  })
})

test.describe('on a 1.9 server', () => {
  test.use({ appOptions: { sandbox: { appwriteVersion: '1.9' } } })

  test('there is no Connected apps entry', async ({ app }) => {
    const page = app.page
    await signUp(page, uniqueEmail('apps-19'))
    const nav = new AccountNavigation(page)
    await expect(nav.link('Push targets')).toBeVisible()
    await expect(nav.link('Connected apps')).toHaveCount(0)
  })
})
