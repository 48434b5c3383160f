/**
 * Verification (issue #4 item 1): the e-mail address by a link (send → link → back in the app →
 * verified) and the phone number by a texted code (send → code → verified). The send actions
 * live on the profile screen (issue #5); the link comes back through the same entry as sign-in.
 * The link is the path on a 1.9 server (issue 11 item 4); servers that verify by code are in
 * account-verification-code.spec.ts.
 */
import { expect, test } from '../fixtures'
import { codeIn, linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { PASSWORD, signUp, uniqueEmail, uniquePhone } from '../steps'
import { AccountProfile } from '../pages/account-pages'
import { DevMailboxScreen, FlowOutcomeScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test.describe('on a 1.9 server', () => {
  test.use({ appOptions: { sandbox: { appwriteVersion: '1.9' } } })

  test('verify the e-mail address with the link, opened from the Dev Mailbox', async ({ app }) => {
    const page = app.page
    const email = uniqueEmail('verify')
    await signUp(page, email)
    const profile = new AccountProfile(page)
    await expect(profile.emailVerification).toHaveText('Not verified')

    await profile.sendEmailVerification()
    // No code on this server: the link is mailed at once.
    await expect(profile.emailVerificationPending).toContainText(`We sent a link to ${email}`)
    await expect(profile.emailCodeForm).toHaveCount(0)

    const mailbox = new DevMailboxScreen(page)
    await mailbox.open()
    await mailbox.openLink(await mailbox.messageTo(email, 'Account Verification'), 1)
    const outcome = new FlowOutcomeScreen(page)
    await expect(outcome.heading).toHaveText('Your e-mail address is verified')
    await reviewScreen(page, 'email-verified')

    await outcome.backToAccount()
    await expect(profile.emailVerification).toHaveText('Verified')
  })

  test('verify the e-mail address by the link arriving as a deep link while the profile is open', async ({ app }) => {
    const page = app.page
    const email = uniqueEmail('verify-deep')
    await signUp(page, email)
    const sentAfter = new Date().toISOString()
    const profile = new AccountProfile(page)
    await profile.sendEmailVerification()
    await expect(profile.emailVerificationPending).toBeVisible()

    const link = linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter }))
    expect(link).toMatch(/^account-console:\/\/verify-email\?/)
    await app.deliverDeepLink(link)
    await expect(profile.emailVerification).toHaveText('Verified')
  })
})

test('verify the phone number with the texted code', async ({ app }) => {
  const page = app.page
  const phone = uniquePhone()
  await signUp(page, uniqueEmail('verify-phone'))

  const profile = new AccountProfile(page)
  await profile.changePhone(phone, PASSWORD)
  await expect(profile.phoneVerification).toHaveText('Not verified')

  const sentAfter = new Date().toISOString()
  await profile.startPhoneVerification()
  // The text arrives on the phone (read from the sandbox's outbox, as the phone would show it).
  const code = codeIn(await waitForMessage(await sandboxEndpoint(page), phone, { after: sentAfter }))
  await profile.verifyPhoneWith(code)
  await expect(profile.phoneVerification).toHaveText('Verified')
})
