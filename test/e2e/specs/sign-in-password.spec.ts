/**
 * Password sign-in choices beyond the foundation journeys (password-sign-in.spec.ts):
 * "Keep me signed in" off means memory only, and a blocked account is said in plain words.
 */
import { expect, test } from '../fixtures'
import { keychainEntries } from '../harness/keychain'
import { PASSWORD, signIn, signOutHere, signUp, uniqueEmail } from '../steps'
import { ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import type { Api } from '../../../src-shared/ipc'

test('the sign-up screen offers the same "Keep me signed in" choice', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).goToSignUp()
  await expect(new ConsoleApp(page).title('Create your account')).toBeVisible()
  await expect(new SignInMethods(page).keepSignedIn).toBeChecked()
  await reviewScreen(page, 'sign-up')
})

test('"Keep me signed in" off: signed in now, nothing in the keychain, signed out after a restart', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('forget')
  await signUp(page, email)
  const userId = await new ProfileScreen(page).userId()
  await signOutHere(page)

  const methods = new SignInMethods(page)
  await expect(methods.keepSignedIn).toBeChecked()
  await methods.keepSignedIn.uncheck()
  await expect(new ConsoleApp(page).says('Your session ends when you quit the app.')).toBeVisible()
  await signIn(page, email)
  await expect(new ProfileScreen(page).email).toHaveText(email)
  expect((await keychainEntries()).filter((entry) => entry.account.endsWith(`|${userId}`))).toEqual([])

  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()
})

test('a blocked account gets a clear sentence, not a code', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('blocked')
  await signUp(page, email)
  // Arrange: the person blocks their own account (Appwrite PATCH /account/status), which signs out here.
  const blocked = await page.evaluate(async (profileId) => (window as unknown as { api: Api }).api.account.block({ profileId }), 'local-sandbox')
  expect(blocked.ok).toBe(true)
  await new SignInScreen(page).expectVisible()

  await signIn(page, email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toHaveText(
    'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.',
  )
  await expect(new ProfileScreen(page).email).toHaveCount(0)
})
