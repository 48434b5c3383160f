/**
 * Sign out everywhere (issue #4 item 4): another device signed in to the same account loses its
 * session too; sign out of this device leaves the other one signed in.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { signIn, signInOnOtherDevice, signOutHere, signUp, uniqueEmail } from '../steps'
import { AccountMenu, ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('signing out here keeps the other device; signing out everywhere ends it', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('everywhere')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const phone = await signInOnOtherDevice(endpoint, email)
  expect(await phone.accountStatus()).toMatchObject({ status: 200 })

  await signOutHere(page)
  expect(await phone.accountStatus()).toMatchObject({ status: 200 })

  await signIn(page, email)
  await expect(new ProfileScreen(page).email).toHaveText(email)
  const menu = new AccountMenu(page)
  await menu.open()
  await reviewScreen(page, 'account-menu')
  const dialog = await menu.askToSignOutEverywhere()
  await expect(dialog).toContainText('on every other device and browser')
  await reviewScreen(page, 'sign-out-everywhere-dialog')
  await menu.confirmSignOutEverywhere()

  await new SignInScreen(page).expectVisible()
  await expect(new ConsoleApp(page).says('You are signed out on every device.')).toBeVisible()
  await expect.poll(async () => (await phone.accountStatus()).status).toBe(401)
})
