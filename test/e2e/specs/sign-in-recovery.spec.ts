/**
 * Password recovery (issue #4 item 1, issue 11 item 3). On a server that offers recovery by code
 * (the sandbox's default speaks 2.3): e-mail → code from the Dev Mailbox → code and new password on
 * one screen → signed in. On a 1.9 server: request → e-mail link → back in the app → new password
 * (Appwrite's rule shown as you type) → signed in with it.
 */
import { expect, test } from '../fixtures'
import { PASSWORD, signIn, signOutHere, signUp, uniqueEmail } from '../steps'
import { CheckEmailScreen, ConsoleApp, DevMailboxScreen, NewPasswordScreen, ProfileScreen, RecoveryCodeScreen, SignInMethods } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('forgot password by code: the code from the Dev Mailbox and the new password on one screen; the old password stops working', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('recover-code')
  await signUp(page, email)
  await signOutHere(page)

  const start = await new SignInMethods(page).forgotPassword()
  await expect(start.sendButton('E-mail me a code')).toBeVisible()
  await start.sendTo(email, { phrase: true })
  const screen = new RecoveryCodeScreen(page)
  await screen.expectVisible()
  const phrase = await screen.phrase()
  expect(phrase).toMatch(/^\S+ \S+$/)
  await reviewScreen(page, 'recovery-code')

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const message = await mailbox.messageTo(email, 'Password Reset')
  await expect(mailbox.body(message)).toContainText(phrase)
  const code = await mailbox.codeIn(message)
  await page.goBack()
  await screen.expectVisible()

  // The usual policy, said before anything is sent; then a wrong code, said plainly.
  await screen.passwordField.fill('short')
  await expect(screen.rule).toContainText('Use at least 8 characters.')
  const changed = 'a brand new passphrase'
  await screen.reset(code === '000000' ? '111111' : '000000', changed)
  await expect(new ConsoleApp(page).says('That code is not right, or it has expired.')).toBeVisible()
  await expect(screen.passwordField).toHaveValue(changed)

  await screen.reset(code, changed)
  await expect(new ProfileScreen(page).email).toHaveText(email)

  await signOutHere(page)
  await signIn(page, email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toContainText('The e-mail or password is wrong.')
  await signIn(page, email, changed)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('an unknown e-mail is said plainly', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('known'))
  await signOutHere(page)
  await (await new SignInMethods(page).forgotPassword()).sendTo(uniqueEmail('nobody'))
  await expect(new ConsoleApp(page).alert).toHaveText('No account matches. Check the e-mail address.')
})

test.describe('on a 1.9 server', () => {
  test.use({ appOptions: { sandbox: { appwriteVersion: '1.9' } } })

  test('forgot password: the link from the Dev Mailbox opens the new-password screen, and the new password signs in', async ({ app }) => {
    const page = app.page
    const email = uniqueEmail('recover')
    await signUp(page, email)
    await signOutHere(page)

    const start = await new SignInMethods(page).forgotPassword()
    await reviewScreen(page, 'forgot-password')
    await start.sendTo(email)
    await new CheckEmailScreen(page).expectVisible()
    await expect(new ConsoleApp(page).says(`We sent a link to reset your password to ${email}.`)).toBeVisible()

    const mailbox = new DevMailboxScreen(page)
    await mailbox.open()
    await mailbox.openLink(await mailbox.messageTo(email, 'Password Reset'), 1)

    const newPassword = new NewPasswordScreen(page)
    await newPassword.expectVisible()
    await newPassword.passwordField.fill('short')
    await expect(newPassword.rule).toContainText('Use at least 8 characters.')
    await expect(newPassword.rule).toContainText('3 more')
    await reviewScreen(page, 'new-password')
    await newPassword.passwordField.fill('')

    const changed = 'a brand new passphrase'
    await newPassword.setPassword(changed)
    await expect(new ProfileScreen(page).email).toHaveText(email)

    // The new password is the password now; the old one is not.
    await signOutHere(page)
    await signIn(page, email, PASSWORD)
    await expect(new ConsoleApp(page).alert).toContainText('The e-mail or password is wrong.')
    await signIn(page, email, changed)
    await expect(new ProfileScreen(page).email).toHaveText(email)
  })
})
