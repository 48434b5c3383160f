/**
 * Sessions journeys (issue #5 item 3, issue 14 item 4): every session with its device, gathered by
 * app and device with counts, this one first and marked; sign out one, all others, or everywhere
 * (each after a confirmation); extend this one.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { SessionsScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { ConsoleApp, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { IPHONE_SAFARI, signInOnOtherDevice, signUp, uniqueEmail, WINDOWS_CHROME } from '../steps'

test('see every session, this one first, and sign out one of the others', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('sessions')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const windows = await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })
  const iphone = await signInOnOtherDevice(endpoint, email, { userAgent: IPHONE_SAFARI })

  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  await expect(screen.sessions).toHaveCount(3)
  await expect(screen.sessions.first()).toContainText('This device')
  await expect(screen.sessions.first()).toHaveAttribute('aria-current', 'true')
  const chrome = screen.sessions.filter({ hasText: 'Chrome' })
  await expect(chrome).toContainText('Windows')
  await expect(chrome).toContainText('E-mail and password')
  await expect(chrome).toContainText('password')
  await expect(chrome).toContainText('127.0.0.1')
  await reviewScreen(page, 'sessions')

  await screen.signOut(chrome, /^Sign out Chrome/)
  await expect(screen.sessions).toHaveCount(2)
  expect(await windows.accountStatus()).toMatchObject({ status: 401 })
  expect(await iphone.accountStatus()).toMatchObject({ status: 200 })
})

test('sign out all other sessions, and stay signed in here', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('others')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const others = [
    await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME }),
    await signInOnOtherDevice(endpoint, email, { userAgent: IPHONE_SAFARI }),
  ]

  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  await expect(screen.sessions).toHaveCount(3)
  await screen.signOutOthersButton.click()
  await reviewScreen(page, 'sessions-confirm-others')
  await screen.confirm('Sign out all other sessions?', 'Sign out others')
  await expect(screen.sessions).toHaveCount(1)
  await expect(new ConsoleApp(page).toast('2 other sessions are signed out.')).toBeVisible()
  for (const session of others) expect(await session.accountStatus()).toMatchObject({ status: 401 })
  await expect(screen.signOutOthersButton).toBeDisabled()
})

test('extend this session', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('extend'))
  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  const before = await screen.expiry(screen.current).getAttribute('datetime')
  await screen.extendCurrent()
  await expect(new ConsoleApp(page).toast(/This session now lasts until/)).toBeVisible()
  await expect
    .poll(async () => Date.parse((await screen.expiry(screen.current).getAttribute('datetime')) ?? ''))
    .toBeGreaterThanOrEqual(Date.parse(before ?? ''))
})

test('sign out everywhere: every session ends, this one too', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('everywhere')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const other = await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })

  await new AccountNavigation(page).open('Sessions')
  await new SessionsScreen(page).signOutEverywhere()
  await new SignInScreen(page).expectVisible()
  expect(await other.accountStatus()).toMatchObject({ status: 401 })
})

test.describe('with the sandbox’s sign-in rate limit off (ten sign-ins in a row)', () => {
  test.use({ appOptions: { sandbox: { rateLimits: false } } })

  test('ten sessions from three apps show as three groups, this device first', async ({ app }) => {
    test.slow()
    const page = app.page
    const email = uniqueEmail('groups')
    await signUp(page, email)
    const endpoint = await sandboxEndpoint(page)
    // With this one, ten: the project's default session limit, so none is evicted.
    for (let i = 0; i < 5; i++) await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })
    for (let i = 0; i < 4; i++) await signInOnOtherDevice(endpoint, email, { userAgent: IPHONE_SAFARI })

    await new AccountNavigation(page).open('Sessions')
    const screen = new SessionsScreen(page)
    await expect(screen.sessions).toHaveCount(10)
    await expect(screen.groups).toHaveCount(3)
    // Appwrite names no client for this app's own User-Agent; the app names its own session.
    const here = screen.groups.first()
    await expect(screen.groupTitle(here)).toHaveText(/^Account Console on /)
    await expect(screen.groupCount(here)).toHaveText('1 session')
    await expect(screen.sessionsIn(here).first()).toHaveAttribute('aria-current', 'true')
    await expect(screen.groupTitle(screen.groups.nth(1))).toHaveText('Mobile Safari on iOS')
    await expect(screen.groupCount(screen.groups.nth(1))).toHaveText('4 sessions')
    await expect(screen.groupTitle(screen.groups.nth(2))).toHaveText('Chrome on Windows')
    await expect(screen.groupCount(screen.groups.nth(2))).toHaveText('5 sessions')
    await expect(screen.lastSeen(screen.current)).toHaveText(/^(now|\d+ minutes? ago)$/)
    await reviewScreen(page, 'sessions-grouped')
  })
})
