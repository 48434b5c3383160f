/**
 * Sign-in alerts (issue 15 item 4): another device signs in → a banner in the window naming its
 * browser, system, device, IP and country, and a desktop notification (recorded by the harness;
 * real OS notifications need Electron). "Sign it out" ends exactly that session; a muted profile
 * gets neither banner nor notification, and the security overview still lists the alert.
 * "Another device" is plain HTTP from the test process (steps.ts, signInOnOtherDevice).
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { SecurityOverviewScreen, SessionsScreen, SignInAlerts } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { reviewScreen } from '../pages/review'
import { signInOnOtherDevice, signUp, uniqueEmail, WINDOWS_CHROME } from '../steps'

test('a sign-in on another device: a banner and a notification, and "Sign it out" ends exactly that session', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('alert')
  await signUp(page, email)
  const nav = new AccountNavigation(page)
  await nav.open('Sessions')
  const sessions = new SessionsScreen(page)
  await expect(sessions.sessions).toHaveCount(1)

  const other = await signInOnOtherDevice(await sandboxEndpoint(page), email, { userAgent: WINDOWS_CHROME })
  const banners = new SignInAlerts(page)
  const alert = banners.ofKind('sign-in')
  await expect(alert).toHaveCount(1)
  await expect(alert).toContainText('New sign-in on another device')
  for (const part of ['Chrome', 'Windows', 'Desktop', 'IP 127.0.0.1', 'Unknown']) await expect(alert).toContainText(part)
  // The Sessions screen has it too, without a reload.
  await expect(sessions.sessions).toHaveCount(2)
  await expect.poll(async () => (await app.notifications()).map((n) => n.title)).toEqual(['New sign-in on another device'])
  expect((await app.notifications())[0]!.body).toContain('Chrome')
  await reviewScreen(page, 'sign-in-alert')

  await banners.signItOut(alert)
  await expect(alert).toContainText(/Signed out Chrome [\d.]+ on Windows 10 \(Desktop, IP 127\.0\.0\.1, Unknown\)\./)
  await expect(sessions.sessions).toHaveCount(1)
  await expect(sessions.current).toHaveCount(1)
  // That device is out; this one still works.
  expect((await other.accountStatus()).status).toBe(401)
  await nav.open('Overview')
  await expect(new SecurityOverviewScreen(page).fact('sessions')).toHaveText('1')
  await banners.dismiss(alert)
  await expect(banners.alerts).toHaveCount(0)
})

test('"This was me" dismisses the banner; clicking the desktop notification shows the alert again', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('alert-click')
  await signUp(page, email)
  await signInOnOtherDevice(await sandboxEndpoint(page), email, { userAgent: WINDOWS_CHROME })
  const banners = new SignInAlerts(page)
  await expect(banners.alerts).toHaveCount(1)
  await banners.thisWasMe(banners.alerts.first())
  await expect(banners.alerts).toHaveCount(0)

  await app.clickNotification(0)
  await expect(banners.ofKind('sign-in')).toHaveCount(1)
  await expect(banners.ofKind('sign-in')).toBeFocused()
  // The history on the security overview keeps it either way.
  await new AccountNavigation(page).open('Overview')
  await expect(new SecurityOverviewScreen(page).alertHistory).toHaveCount(1)
})

test('a muted profile: no banner and no notification, but the security overview lists the alert', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('alert-muted')
  await signUp(page, email)
  await new AccountNavigation(page).open('Overview')
  const overview = new SecurityOverviewScreen(page)
  await expect(overview.alertHistory).toHaveCount(0)
  await overview.muteAlerts.check()
  await expect(overview.muteAlerts).toBeChecked()

  await signInOnOtherDevice(await sandboxEndpoint(page), email, { userAgent: WINDOWS_CHROME })
  await expect(overview.alertHistory).toHaveCount(1)
  await expect(overview.alertHistory.first()).toContainText('New sign-in on another device')
  await expect(overview.alertHistory.first()).toContainText('Muted')
  await expect(overview.alertHistory.first()).toContainText('Chrome')
  await expect(new SignInAlerts(page).alerts).toHaveCount(0)
  expect(await app.notifications()).toEqual([])
  await reviewScreen(page, 'security-overview-alerts')

  // The setting stays with the profile across a restart.
  await app.restart()
  await new AccountNavigation(page).open('Overview')
  await expect(overview.muteAlerts).toBeChecked()
  await expect(overview.alertHistory).toHaveCount(1)
})
