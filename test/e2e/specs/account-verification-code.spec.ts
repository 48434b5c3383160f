/**
 * Issue 11 item 4: on a server that verifies e-mail by code (the sandbox's default speaks 2.3), the
 * profile's "Verify e-mail" mails a 6-digit code, with the security phrase when asked; the code goes
 * in a field on the profile itself — no link, no deep link. A wrong code is said plainly; a new code
 * can be sent. The link path on a 1.9 server is in sign-in-verification.spec.ts.
 */
import { expect, test } from '../fixtures'
import { codeIn, sandboxEndpoint, sandboxOutbox, waitForMessage } from '../harness/sandbox-outbox'
import { AccountProfile } from '../pages/account-pages'
import { ConsoleApp, DevMailboxScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('verify the e-mail with the code from the Dev Mailbox, the phrase matching; a wrong code is said plainly', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('verify-code')
  await signUp(page, email)
  const profile = new AccountProfile(page)
  await expect(profile.emailVerification).toHaveText('Not verified')

  // First the choice of a security phrase; nothing is sent yet.
  await profile.sendEmailVerification()
  await expect(profile.emailCodeRequestForm).toBeVisible()
  await reviewScreen(page, 'profile-verification-code-request')
  expect((await sandboxOutbox(await sandboxEndpoint(page))).filter((m) => m.to === email && m.subject === 'Account Verification')).toEqual([])
  await profile.requestEmailCode({ phrase: true })
  await expect(profile.emailVerificationPending).toContainText(`We e-mailed a 6-digit code to ${email}`)
  const phrase = await profile.emailCodePhrase()
  expect(phrase).toMatch(/^\S+ \S+$/)
  await reviewScreen(page, 'profile-verification-code')

  // The mail, as the person reads it in the Dev Mailbox: the same phrase, and the code.
  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const message = await mailbox.messageTo(email, 'Account Verification')
  await expect(mailbox.body(message)).toContainText(phrase)
  const code = await mailbox.codeIn(message)
  await page.goBack()
  await expect(profile.emailCodeForm).toBeVisible()

  await profile.verifyEmailWith(code === '000000' ? '111111' : '000000')
  await expect(profile.emailCodeForm).toContainText('That code is not right, or it has expired.')
  await expect(profile.emailVerification).toHaveText('Not verified')

  await profile.verifyEmailWith(code)
  await expect(profile.emailVerification).toHaveText('Verified')
  await expect(new ConsoleApp(page).toast('Your e-mail address is verified.')).toBeVisible()
  await expect(profile.emailCodeForm).toHaveCount(0)
})

test('"Send a new code" mails another code, which verifies the address', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('verify-resend')
  await signUp(page, email)
  const profile = new AccountProfile(page)
  const endpoint = await sandboxEndpoint(page)

  await profile.requestEmailCode()
  await expect(profile.emailCodePhraseBox).toHaveCount(0)
  const first = await waitForMessage(endpoint, email)
  await profile.sendNewEmailCode()
  const second = await waitForMessage(endpoint, email, { after: first.createdAt })
  await profile.verifyEmailWith(codeIn(second))
  await expect(profile.emailVerification).toHaveText('Verified')
})
