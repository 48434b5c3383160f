/**
 * Magic URL (issue #4 item 1): the mail's link points at account-console://… with a one-time
 * nonce; opening it completes the sign-in, and the "check your e-mail" screen moves on by itself.
 */
import { expect, test } from '../fixtures'
import { linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { signOutHere, signUp, uniqueEmail } from '../steps'
import { CheckEmailScreen, ConsoleApp, DevMailboxScreen, ProfileScreen, SignInMethods } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('open the link from the Dev Mailbox', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('magic')
  await signUp(page, email)
  await signOutHere(page)

  await (await new SignInMethods(page).magicLink()).sendTo(email, { phrase: true })
  const checkEmail = new CheckEmailScreen(page)
  await checkEmail.expectVisible()
  await expect(checkEmail.securityPhrase).toBeVisible()
  await reviewScreen(page, 'check-email')

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const message = await mailbox.messageTo(email, 'Login')
  // The renderer sees a placeholder, never the link (it carries the secret).
  await expect(mailbox.body(message)).toContainText('[link 1]')
  await expect(mailbox.body(message)).not.toContainText('secret=')
  await mailbox.openLink(message, 1)

  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('the link arrives as a deep link while "check your e-mail" waits, and the screen moves on by itself', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('magic-deep')
  await signUp(page, email)
  await signOutHere(page)
  const sentAfter = new Date().toISOString()

  await (await new SignInMethods(page).magicLink()).sendTo(email)
  await new CheckEmailScreen(page).expectVisible()
  const link = linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter }))
  expect(link).toMatch(/^account-console:\/\/magic-url\?/)

  // As the OS hands it over (open-url / second-instance).
  await app.deliverDeepLink(link)
  await expect(new ProfileScreen(page).email).toHaveText(email)

  // The same link again is a replay: refused with a notice, nothing changes.
  await app.deliverDeepLink(link)
  await expect(new ConsoleApp(page).toast(/A link was ignored/)).toBeVisible()
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
