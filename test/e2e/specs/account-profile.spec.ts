/**
 * Profile journeys (issue #5 item 1), renderer → preload → core → sandbox: name, e-mail (with a
 * wrong password first), e-mail verification by the link coming back as a deep link, phone and its
 * texted code, password, a guest account made permanent, and blocking the account.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint, waitForMessage, linkIn, codeIn } from '../harness/sandbox-outbox'
import { AccountProfile, PASSWORD, reviewAccountScreen as reviewScreen, accountStatusWith, signInElsewhere, signUpFresh, uniqueEmail, uniquePhone, WINDOWS_CHROME } from '../pages/account-pages'
import { ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'

test('change my name', async ({ app }) => {
  const page = app.page
  await signUpFresh(page, uniqueEmail('name'))
  const profile = new AccountProfile(page)
  await reviewScreen(page, 'profile')

  await profile.changeName('Ada King')
  await profile.toast('Your name is saved.')
  await expect(page.getByTestId('account-name')).toHaveText('Ada King')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada King')

  // It is the server's name, not just the screen's: it is still there after a restart.
  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await expect(page.getByTestId('account-name')).toHaveText('Ada King')
})

test('change my e-mail (the password is checked), then verify it with the link from the mail', async ({ app }) => {
  const page = app.page
  await signUpFresh(page, uniqueEmail('old'))
  const profile = new AccountProfile(page)
  const next = uniqueEmail('new')

  await profile.changeEmail(next, 'not my password')
  await expect(profile.alert).toHaveText('That password is not right. Enter the password you sign in with.')
  await profile.form('Change e-mail').getByLabel('Your password').fill(PASSWORD)
  await profile.form('Change e-mail').getByRole('button', { name: 'Save e-mail' }).click()
  await expect(new ProfileScreen(page).email).toHaveText(next)
  await expect(page.getByTestId('email-verification')).toHaveText('Not verified')

  const endpoint = await sandboxEndpoint(page)
  const sentAfter = new Date(Date.now() - 1000).toISOString()
  await page.getByRole('button', { name: 'Verify e-mail' }).click()
  await expect(page.getByTestId('email-verification-pending')).toContainText(`We sent a link to ${next}`)
  await reviewScreen(page, 'profile-verification-pending')

  // The person opens the link from the mail; the OS hands it to the app.
  const mail = await waitForMessage(endpoint, next, { after: sentAfter })
  await app.deliverDeepLink(linkIn(mail))
  await expect(page.getByTestId('email-verification')).toHaveText('Verified')
  await profile.toast('Your e-mail address is verified.')
})

test('add a phone number and verify it with the texted code', async ({ app }) => {
  const page = app.page
  await signUpFresh(page, uniqueEmail('phone'))
  const profile = new AccountProfile(page)
  const phone = uniquePhone()

  await profile.changePhone(phone, PASSWORD)
  await expect(page.getByTestId('account-phone')).toHaveText(phone)
  await expect(page.getByTestId('phone-verification')).toHaveText('Not verified')

  await page.getByRole('button', { name: 'Verify phone' }).click()
  await expect(profile.form('Verify phone')).toBeVisible()
  await profile.verifyPhoneWith('000000')
  await expect(profile.form('Verify phone')).toContainText('That code is not right')
  await reviewScreen(page, 'profile-phone-code')

  const sms = await waitForMessage(await sandboxEndpoint(page), phone)
  await profile.verifyPhoneWith(codeIn(sms))
  await expect(page.getByTestId('phone-verification')).toHaveText('Verified')
  await profile.toast('Your phone number is verified.')
})

test('change my password: the rule shows as I type, and the new one signs in', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('password')
  await signUpFresh(page, email)
  const profile = new AccountProfile(page)

  await page.getByRole('button', { name: 'Change password' }).click()
  const form = profile.form('Change password')
  await form.getByLabel('New password', { exact: true }).fill('short')
  await expect(form.getByTestId('password-rule')).toContainText('Use at least 8 characters.')
  await form.getByLabel('New password', { exact: true }).fill('a much better passphrase')
  await expect(form.getByTestId('password-rule')).toContainText('Length is fine')
  // A wrong current password is named as such (Appwrite says user_invalid_credentials).
  await form.getByLabel('Current password', { exact: true }).fill('not the password')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(form.getByRole('alert')).toHaveText('That password is not right. Enter the password you sign in with.')
  await form.getByLabel('Current password', { exact: true }).fill(PASSWORD)
  await form.getByRole('button', { name: 'Change password' }).click()
  await profile.toast(/Your password is changed/)

  await new ProfileScreen(page).signOut()
  const signIn = new SignInScreen(page)
  await signIn.expectVisible()
  await signIn.signIn(email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toContainText('The e-mail or password is wrong.')
  await signIn.signIn(email, 'a much better passphrase')
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('keep a guest account: an e-mail and a password make it permanent', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByText('This is a guest account')).toBeVisible()
  await reviewScreen(page, 'profile-guest')

  const email = uniqueEmail('guest')
  await page.getByRole('button', { name: 'Keep my account' }).click()
  const form = new AccountProfile(page).form('Add e-mail')
  await form.getByLabel('E-mail', { exact: true }).fill(email)
  await form.getByLabel('Choose a password').fill(PASSWORD)
  await form.getByRole('button', { name: 'Keep my account' }).click()
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(page.getByText('This is a guest account')).toHaveCount(0)

  await new ProfileScreen(page).signOut()
  await new SignInScreen(page).expectVisible()
  await new SignInScreen(page).signIn(email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('block my account: typed confirmation, signed out here and on every other device', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('block')
  await signUpFresh(page, email)
  const endpoint = await sandboxEndpoint(page)
  const elsewhere = await signInElsewhere(endpoint, email, WINDOWS_CHROME)

  await new AccountProfile(page).block()
  await new SignInScreen(page).expectVisible()
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Your account is blocked and you are signed out on every device.')
  expect(await accountStatusWith(endpoint, elsewhere)).toMatchObject({ type: 'user_blocked' })

  await new SignInScreen(page).signIn(email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toContainText('blocked')
})
