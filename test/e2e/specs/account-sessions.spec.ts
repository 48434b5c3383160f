/**
 * Sessions journeys (issue #5 item 3): every session with its device, this one first and marked;
 * sign out one, all others, or everywhere (each after a confirmation); extend this one.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import {
  AccountNavigation,
  IPHONE_SAFARI,
  SessionsScreen,
  WINDOWS_CHROME,
  accountStatusWith,
  reviewAccountScreen,
  signInElsewhere,
  signUpFresh,
  uniqueEmail,
} from '../pages/account-pages'
import { SignInScreen } from '../pages/pages'

test('see every session, this one first, and sign out one of the others', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('sessions')
  await signUpFresh(page, email)
  const endpoint = await sandboxEndpoint(page)
  const windows = await signInElsewhere(endpoint, email, WINDOWS_CHROME)
  const iphone = await signInElsewhere(endpoint, email, IPHONE_SAFARI)

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
  await reviewAccountScreen(page, 'sessions')

  await chrome.getByRole('button', { name: /^Sign out / }).click()
  await screen.confirm(/^Sign out Chrome/, 'Sign out')
  await expect(screen.sessions).toHaveCount(2)
  expect(await accountStatusWith(endpoint, windows)).toMatchObject({ status: 401 })
  expect(await accountStatusWith(endpoint, iphone)).toMatchObject({ status: 200 })
})

test('sign out all other sessions, and stay signed in here', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('others')
  await signUpFresh(page, email)
  const endpoint = await sandboxEndpoint(page)
  const others = [await signInElsewhere(endpoint, email, WINDOWS_CHROME), await signInElsewhere(endpoint, email, IPHONE_SAFARI)]

  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  await expect(screen.sessions).toHaveCount(3)
  await page.getByRole('button', { name: 'Sign out all other sessions' }).click()
  await reviewAccountScreen(page, 'sessions-confirm-others')
  await screen.confirm('Sign out all other sessions?', 'Sign out others')
  await expect(screen.sessions).toHaveCount(1)
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('2 other sessions are signed out.')
  for (const session of others) expect(await accountStatusWith(endpoint, session)).toMatchObject({ status: 401 })
  await expect(page.getByRole('button', { name: 'Sign out all other sessions' })).toBeDisabled()
})

test('extend this session', async ({ app }) => {
  const page = app.page
  await signUpFresh(page, uniqueEmail('extend'))
  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  const before = await screen.current.getByTestId('session-expire').getAttribute('datetime')
  await screen.current.getByRole('button', { name: 'Extend this session' }).click()
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('This session now lasts until')
  await expect
    .poll(async () => Date.parse((await screen.current.getByTestId('session-expire').getAttribute('datetime')) ?? ''))
    .toBeGreaterThanOrEqual(Date.parse(before ?? ''))
})

test('sign out everywhere: every session ends, this one too', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('everywhere')
  await signUpFresh(page, email)
  const endpoint = await sandboxEndpoint(page)
  const other = await signInElsewhere(endpoint, email, WINDOWS_CHROME)

  await new AccountNavigation(page).open('Sessions')
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' })
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click()
  await new SignInScreen(page).expectVisible()
  expect(await accountStatusWith(endpoint, other)).toMatchObject({ status: 401 })
})
