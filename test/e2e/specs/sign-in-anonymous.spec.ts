/**
 * Anonymous session (issue #4 item 1): continue as a guest, then make the account permanent
 * with an e-mail and a password from the profile (Appwrite PATCH /account/email, appwrite-behaviour §3.2),
 * and sign in with them afterwards.
 */
import { expect, test } from '../fixtures'
import { PASSWORD, signIn, signOutHere, uniqueEmail } from '../steps'
import { ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'

test('continue as a guest, keep the account with an e-mail and password, sign in with them later', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()

  await new SignInMethods(page).continueAsGuest()
  await expect(page.getByRole('heading', { level: 1, name: 'Guest account' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'This is a guest account' })).toBeVisible()

  const email = uniqueEmail('guest')
  await page.getByRole('status').getByRole('button', { name: 'Keep my account' }).click()
  const form = page.getByRole('form', { name: 'Add e-mail' })
  await form.getByLabel('E-mail', { exact: true }).fill(email)
  await form.getByLabel('Choose a password', { exact: true }).fill(PASSWORD)
  await form.getByRole('button', { name: 'Keep my account' }).click()
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(page.getByRole('status').filter({ hasText: 'This is a guest account' })).toHaveCount(0)

  await signOutHere(page)
  await signIn(page, email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
