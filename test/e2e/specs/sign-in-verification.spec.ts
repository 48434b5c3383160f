/**
 * Verification (issue #4 item 1): the e-mail address by a link (send → link → back in the app →
 * verified) and the phone number by a texted code (send → code → verified). The send actions
 * live on the profile screen (issue #5); the link comes back through the same entry as sign-in.
 */
import { expect, test } from '../fixtures'
import { codeIn, linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { PASSWORD, signUp, uniqueEmail } from '../steps'
import { DevMailboxScreen, FlowOutcomeScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('verify the e-mail address with the link, opened from the Dev Mailbox', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('verify')
  await signUp(page, email)
  const badge = page.getByTestId('email-verification')
  await expect(badge).toHaveText('Not verified')

  await page.getByRole('button', { name: 'Verify e-mail' }).click()
  await expect(page.getByTestId('email-verification-pending')).toBeVisible()

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  await mailbox.openLink(await mailbox.messageTo(email, 'Account Verification'), 1)
  const outcome = new FlowOutcomeScreen(page)
  await expect(outcome.heading).toHaveText('Your e-mail address is verified')
  await reviewScreen(page, 'email-verified')

  await page.getByRole('button', { name: 'Back to your account' }).click()
  await expect(badge).toHaveText('Verified')
})

test('verify the e-mail address by the link arriving as a deep link while the profile is open', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('verify-deep')
  await signUp(page, email)
  const sentAfter = new Date().toISOString()
  await page.getByRole('button', { name: 'Verify e-mail' }).click()
  await expect(page.getByTestId('email-verification-pending')).toBeVisible()

  const link = linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter }))
  expect(link).toMatch(/^account-console:\/\/verify-email\?/)
  await app.deliverDeepLink(link)
  await expect(page.getByTestId('email-verification')).toHaveText('Verified')
})

test('verify the phone number with the texted code', async ({ app }) => {
  const page = app.page
  const phone = `+1415${Math.floor(1_000_000 + Math.random() * 8_999_999)}`
  await signUp(page, uniqueEmail('verify-phone'))

  await page.getByRole('button', { name: 'Add phone' }).click()
  await page.getByLabel('Phone number', { exact: true }).fill(phone)
  await page.getByLabel('Your password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Save phone' }).click()
  const badge = page.getByTestId('phone-verification')
  await expect(badge).toHaveText('Not verified')

  const sentAfter = new Date().toISOString()
  await page.getByRole('button', { name: 'Verify phone' }).click()
  // The text arrives on the phone (read from the sandbox's outbox, as the phone would show it).
  const code = codeIn(await waitForMessage(await sandboxEndpoint(page), phone, { after: sentAfter }))
  await page.getByLabel('Code from the text message', { exact: true }).fill(code)
  await expect(badge).toHaveText('Verified')
})
