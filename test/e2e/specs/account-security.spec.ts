/**
 * Security overview (issue #5 item 9): the facts and findings of a fresh account, a one-click
 * action that goes where the finding is fixed, and the finding turning good once it is.
 */
import { expect, test } from '../fixtures'
import { codeIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { AccountProfile, SecurityOverviewScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { ProfileScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { IPHONE_SAFARI, signInOnOtherDevice, signUp, uniqueEmail } from '../steps'

test('see what protects the account, fix a finding in one click, and see it turn good', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('security')
  await signUp(page, email)
  await signInOnOtherDevice(await sandboxEndpoint(page), email, { userAgent: IPHONE_SAFARI })

  const nav = new AccountNavigation(page)
  await nav.open('Overview')
  const overview = new SecurityOverviewScreen(page)
  await expect(overview.fact('sessions')).toHaveText('2')
  await expect(overview.fact('devices')).toHaveText('2')
  await expect(overview.fact('mfa')).toHaveText('Off')
  await expect(overview.findings.first()).toContainText('Improve')
  await expect(overview.finding('email-unverified')).toContainText('E-mail not verified')
  await expect(overview.finding('mfa-off')).toContainText('Two-step sign-in is off')
  await expect(overview.recentSignIns.first()).toBeVisible()
  await reviewScreen(page, 'security-overview')

  // One click to where it is fixed.
  await overview.fix('mfa-off', 'Set up MFA')
  await expect(nav.heading('Two-step sign-in')).toBeVisible()
  await nav.open('Overview')
  await overview.fix('email-unverified', 'Verify e-mail')
  await expect(new ProfileScreen(page).email).toHaveText(email)

  // Fix it: verify the e-mail with the code from the mail (this server verifies by code).
  const sentAfter = new Date(Date.now() - 1000).toISOString()
  const profile = new AccountProfile(page)
  await profile.requestEmailCode()
  await profile.verifyEmailWith(codeIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter })))
  await expect(profile.emailVerification).toHaveText('Verified')

  await nav.open('Overview')
  await expect(overview.finding('email-verified')).toContainText('Good')
  await expect(overview.finding('email-unverified')).toHaveCount(0)
})
