/**
 * The README's screenshots, taken through the harness. In a normal run they go to the test output
 * folder; `npm run screenshots` sets AC_README_SCREENSHOTS=docs/screenshots to refresh the README.
 * The account has two more devices signed in, so the sessions and the overview show real rows.
 */
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { ActivityScreen, MfaScreen } from '../pages/activity-pages'
import { SecurityOverviewScreen, SessionsScreen, SignInAlerts } from '../pages/account-pages'
import { ConnectedAppsScreen } from '../pages/connected-apps'
import { AccountNavigation } from '../pages/navigation'
import { ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'
import { SandboxScreen } from '../pages/sandbox-pages'
import { E2E_DEV_KEY, grantConsent, IPHONE_SAFARI, PASSWORD, signInOnOtherDevice, WINDOWS_CHROME } from '../steps'

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.AC_README_SCREENSHOTS
  // Nothing still loading in the picture.
  await expect(new ConsoleApp(page).busy).toHaveCount(0)
  await page.screenshot({ path: dir ? resolve(dir, name) : test.info().outputPath(name) })
}

// The dev key lets the spec give the account a connected app, as if one had been allowed in.
async function userIdOf(page: Page): Promise<string> {
  await new AccountNavigation(page).open('Profile')
  return new ProfileScreen(page).userId()
}

test.use({ appOptions: { sandbox: { devKey: E2E_DEV_KEY } } })

test('the screens shown in the README', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()
  await shoot(page, 'sign-in.png')

  const email = 'ada@example.com'
  const signUp = await new SignInScreen(page).goToSignUp()
  await signUp.signUp('Ada Lovelace', email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
  const endpoint = await sandboxEndpoint(page)
  await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })
  await signInOnOtherDevice(endpoint, email, { userAgent: IPHONE_SAFARI })
  // Both sign-ins raise an alert; they were ours, so the screens are shown without the banners.
  const alerts = new SignInAlerts(page)
  await expect(alerts.alerts).toHaveCount(2)
  for (let i = 0; i < 2; i++) await alerts.thisWasMe(alerts.alerts.first())
  await expect(alerts.alerts).toHaveCount(0)
  await shoot(page, 'profile.png')

  const nav = new AccountNavigation(page)
  await nav.open('Sessions')
  await expect(new SessionsScreen(page).sessions).toHaveCount(3)
  await shoot(page, 'sessions.png')

  await nav.open('Overview')
  await expect(new SecurityOverviewScreen(page).fact('sessions')).toHaveText('3')
  await shoot(page, 'security-overview.png')

  await nav.open('Two-step sign-in')
  await expect(new MfaScreen(page).state).toHaveText('Off')
  await shoot(page, 'two-step-sign-in.png')

  await nav.open('Activity')
  await expect(new ActivityScreen(page).entries.first()).toBeVisible()
  await shoot(page, 'activity.png')

  await grantConsent(endpoint, await userIdOf(page), {
    appId: 'reports-app',
    scopes: ['openid', 'email', 'projects.read'],
    resources: ['https://api.example.com'],
    authorizationDetails: [{ type: 'project', projects: ['alpha'] }],
    tokenFamilies: [{ expire: new Date(Date.now() + 3_600_000).toISOString() }, {}],
  })
  await nav.open('Connected apps')
  const apps = new ConnectedAppsScreen(page)
  await apps.openDevices('reports-app')
  await expect(apps.devicesOf('reports-app')).toHaveCount(2)
  await shoot(page, 'connected-apps.png')

  await new SandboxScreen(page).open()
  await shoot(page, 'sandbox.png')
})
