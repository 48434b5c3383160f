/**
 * Anonymous session (issue #4 item 1): continue as a guest, then make the account permanent
 * with an e-mail and a password from the profile (Appwrite PATCH /account/email, appwrite-behaviour §3.2),
 * and sign in with them afterwards.
 */
import { expect, test } from '../fixtures'
import { PASSWORD, signIn, signOutHere, uniqueEmail } from '../steps'
import { AccountProfile } from '../pages/account-pages'
import { ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'

test('continue as a guest, keep the account with an e-mail and password, sign in with them later', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()

  await new SignInMethods(page).continueAsGuest()
  const profile = new AccountProfile(page)
  await expect(profile.heading).toHaveText('Guest account')
  await expect(profile.guestNote).toBeVisible()

  const email = uniqueEmail('guest')
  await profile.keepGuestAccount(email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(profile.guestNote).toHaveCount(0)

  await signOutHere(page)
  await signIn(page, email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
