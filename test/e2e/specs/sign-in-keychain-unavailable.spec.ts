/**
 * No keychain (issue #4 item 6): keytar runs on a D-Bus with no Secret Service, so the start-up
 * probe fails for real. The app says so in a banner, replaces "Keep me signed in" by a note, and
 * works with a memory-only session that ends with the app.
 */
import { expect, test } from '../fixtures'
import { keychainEntries } from '../harness/keychain'
import { signUp, uniqueEmail } from '../steps'
import { ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test.use({ appOptions: { keychain: 'unavailable' } })

test('the banner says what is missing; sessions live in memory and end with the app', async ({ app }) => {
  const page = app.page
  const consoleApp = new ConsoleApp(page)
  await consoleApp.waitUntilReady()

  await expect(consoleApp.keychainBanner).toContainText('Sessions are kept in memory only')
  await expect(consoleApp.keychainBanner).toContainText('You will have to sign in again each time you start the app.')
  const methods = new SignInMethods(page)
  await expect(methods.keepSignedIn).toHaveCount(0)
  await expect(methods.memoryOnlyNote).toContainText('The system keychain is not available')
  await reviewScreen(page, 'sign-in-without-keychain')

  const email = uniqueEmail('memory')
  await signUp(page, email)
  const userId = await new ProfileScreen(page).userId()
  await expect(consoleApp.keychainBanner).toBeVisible()
  // Nothing reached the real keychain (the one the other journeys use).
  expect((await keychainEntries()).filter((entry) => entry.account.endsWith(`|${userId}`))).toEqual([])

  await app.restart()
  await consoleApp.waitUntilReady()
  await new SignInScreen(page).expectVisible()
  await expect(new ProfileScreen(page).email).toHaveCount(0)
})
