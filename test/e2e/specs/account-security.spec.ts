/**
 * Security overview (issue #5 item 9): the facts and findings of a fresh account, a one-click
 * action that goes where the finding is fixed, and the finding turning good once it is.
 */
import { expect, test } from '../fixtures'
import { linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { AccountNavigation, IPHONE_SAFARI, reviewAccountScreen, signInElsewhere, signUpFresh, uniqueEmail } from '../pages/account-pages'

test('see what protects the account, fix a finding in one click, and see it turn good', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('security')
  await signUpFresh(page, email)
  await signInElsewhere(await sandboxEndpoint(page), email, IPHONE_SAFARI)

  const nav = new AccountNavigation(page)
  await nav.open('Overview')
  await expect(page.getByTestId('fact-sessions')).toHaveText('2')
  await expect(page.getByTestId('fact-devices')).toHaveText('2')
  await expect(page.getByTestId('fact-mfa')).toHaveText('Off')
  const findings = page.getByTestId('finding')
  await expect(findings.first()).toContainText('Improve')
  await expect(page.locator('[data-finding="email-unverified"]')).toContainText('E-mail not verified')
  await expect(page.locator('[data-finding="mfa-off"]')).toContainText('Two-step sign-in is off')
  await expect(page.getByTestId('recent-sign-in').first()).toBeVisible()
  await reviewAccountScreen(page, 'security-overview')

  // One click to where it is fixed.
  await page.locator('[data-finding="mfa-off"]').getByRole('button', { name: 'Set up MFA' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step sign-in' })).toBeVisible()
  await nav.open('Overview')
  await page.locator('[data-finding="email-unverified"]').getByRole('button', { name: 'Verify e-mail' }).click()
  await expect(page.getByTestId('account-email')).toHaveText(email)

  // Fix it: verify the e-mail with the link from the mail.
  const sentAfter = new Date(Date.now() - 1000).toISOString()
  await page.getByRole('button', { name: 'Verify e-mail' }).click()
  await app.deliverDeepLink(linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter })))
  await expect(page.getByTestId('email-verification')).toHaveText('Verified')

  await nav.open('Overview')
  await expect(page.locator('[data-finding="email-verified"]')).toContainText('Good')
  await expect(page.locator('[data-finding="email-unverified"]')).toHaveCount(0)
})
