/**
 * The live account (issue 15 items 3 and 5): screens follow what another device does, in place
 * and without a reload; a draft is never overwritten; a session ended elsewhere is explained.
 * "Another device" is plain HTTP from the test process (steps.ts, signInOnOtherDevice).
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { PreferencesScreen, SessionsScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { SignInScreen } from '../pages/pages'
import { signInOnOtherDevice, signUp, uniqueEmail, WINDOWS_CHROME } from '../steps'

test('a sign-in on another device shows on the Sessions screen, and prefs saved there on the Preferences screen, without a reload', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('live')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const nav = new AccountNavigation(page)

  await nav.open('Sessions')
  const sessions = new SessionsScreen(page)
  await expect(sessions.sessions).toHaveCount(1)
  const other = await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })
  await expect(sessions.sessions).toHaveCount(2)
  await expect(sessions.sessions.filter({ hasText: 'Chrome' })).toContainText('Windows')

  await nav.open('Preferences')
  const prefs = new PreferencesScreen(page)
  await expect(prefs.changes).toHaveText('No unsaved changes.')
  await other.updatePrefs({ fromPhone: 'hello' })
  await expect(prefs.value('fromPhone')).toHaveValue('hello')
  await expect(prefs.changedElsewhere).toBeHidden()
})

test('a draft is never overwritten by a change made elsewhere: the screen offers to reload', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('live-draft')
  await signUp(page, email)
  const other = await signInOnOtherDevice(await sandboxEndpoint(page), email)

  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  await prefs.addKey('draft', 'mine')
  await other.updatePrefs({ fromPhone: 'hello' })
  await expect(prefs.changedElsewhere).toContainText('Changed elsewhere — reload?')
  await expect(prefs.value('draft')).toHaveValue('mine')

  await prefs.reloadChangedElsewhere()
  await expect(prefs.value('fromPhone')).toHaveValue('hello')
  await expect(prefs.value('draft')).toHaveCount(0)
})

test('this session deleted from another device: the window says so on the sign-in screen', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('live-deleted')
  await signUp(page, email)
  const other = await signInOnOtherDevice(await sandboxEndpoint(page), email)
  await other.deleteOtherSession()

  const signIn = new SignInScreen(page)
  await signIn.expectVisible()
  await expect(signIn.sessionEnded).toContainText('this device’s session was ended from another device')
})

test.describe('with the sandbox’s sign-in rate limit off (ten sign-ins in a row)', () => {
  test.use({ appOptions: { sandbox: { rateLimits: false } } })

  test('this session evicted by an eleventh sign-in: the window says so', async ({ app }) => {
    test.slow()
    const page = app.page
    const email = uniqueEmail('live-evicted')
    await signUp(page, email)
    const endpoint = await sandboxEndpoint(page)
    for (let i = 0; i < 10; i++) await signInOnOtherDevice(endpoint, email)

    const signIn = new SignInScreen(page)
    await signIn.expectVisible()
    await expect(signIn.sessionEnded).toContainText('went over the account’s session limit')
  })
})
