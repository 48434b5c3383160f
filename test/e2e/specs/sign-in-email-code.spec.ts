/**
 * E-mail OTP (issue #4 item 1): ask for a code with a security phrase, read it in the Dev
 * Mailbox, type it in. A wrong code says so and can be retried.
 */
import { expect, test } from '../fixtures'
import { signOutHere, signUp, uniqueEmail } from '../steps'
import { CodeScreen, ConsoleApp, DevMailboxScreen, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('sign in with a 6-digit code from the Dev Mailbox, with the security phrase shown on both sides', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('otp')
  await signUp(page, email)
  await signOutHere(page)
  await reviewScreen(page, 'sign-in')

  const start = await new SignInMethods(page).emailCode()
  await reviewScreen(page, 'sign-in-email-code')
  await start.sendTo(email, { phrase: true })

  const code = new CodeScreen(page)
  await expect(code.codeField).toBeVisible()
  const phrase = await code.phrase()
  expect(phrase).toMatch(/^\S+ \S+$/)
  await reviewScreen(page, 'code-entry')

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const message = await mailbox.messageTo(email, /^OTP for /)
  await expect(mailbox.body(message)).toContainText(`Security phrase: ${phrase}`)
  const sixDigits = await mailbox.codeIn(message)
  await reviewScreen(page, 'dev-mailbox')

  // Back to the code screen, which is still waiting.
  await page.goBack()
  await expect(code.codeField).toBeVisible()
  const wrong = sixDigits === '000000' ? '111111' : '000000'
  await code.enterCode(wrong)
  await expect(new ConsoleApp(page).says('That code is not right, or it has expired.')).toBeVisible()
  await expect(code.codeField).toHaveValue('')

  await code.enterCode(sixDigits)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('a new account is made by the first code sent to an unknown address', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('otp-new')
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()
  await (await new SignInMethods(page).emailCode()).sendTo(email)
  // The code screen must be in the history before the mailbox is opened, or Back would skip it.
  const code = new CodeScreen(page)
  await expect(code.codeField).toBeVisible()

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const sixDigits = await mailbox.codeIn(await mailbox.messageTo(email))
  await page.goBack()
  await code.enterCode(sixDigits)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
