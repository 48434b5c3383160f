/** Issue #5, item 7: push targets of the account — add, change the identifier, delete — against the sandbox. */
import { expect, test } from '../fixtures'
import { expectFitsSmallWindow, openScreen, signUpFresh, TargetsScreen, uniqueEmail } from '../pages/activity-pages'
import { reviewScreen } from '../pages/review'

test('targets: add a push target, change its token, and delete it after confirming', async ({ app }) => {
  const email = uniqueEmail('targets')
  await signUpFresh(app.page, email)
  await openScreen(app.page, 'targets')
  const targets = new TargetsScreen(app.page)
  // Every target of the account is shown, grouped: the e-mail one comes from sign-up.
  await expect(app.page.getByRole('list', { name: 'E-mail targets' })).toContainText(email)
  await expect(app.page.getByText('No push targets yet. Add one with the form below.')).toBeVisible()

  // An empty token is refused before anything is sent.
  await app.page.getByRole('button', { name: 'Add push target' }).click()
  await expect(app.page.getByText('Enter the device token.')).toBeVisible()

  await targets.add('fcm-token-aaaa', 'fcm-provider')
  await expect(app.page.getByText('Push target added.')).toBeVisible()
  await expect(targets.pushTargets).toHaveCount(1)
  await expect(targets.pushTargets.first()).toContainText('fcm-token-aaaa')
  await expect(targets.pushTargets.first()).toContainText('provider fcm-provider')
  await reviewScreen(app.page, 'targets')
  await expectFitsSmallWindow(app.page, 'targets')

  // The same token twice is refused with Appwrite's reason, in words.
  await targets.add('fcm-token-aaaa')
  await expect(app.page.getByText('A target with this identifier already exists.')).toBeVisible()

  await targets.edit('fcm-token-aaaa', 'fcm-token-bbbb')
  await expect(app.page.getByText('Push target updated.')).toBeVisible()
  await expect(targets.pushTargets.first().getByTestId('target-identifier')).toHaveText('fcm-token-bbbb')

  await targets.remove('fcm-token-bbbb')
  await expect(app.page.getByText('Push target deleted.')).toBeVisible()
  await expect(targets.pushTargets).toHaveCount(0)
  await expect(app.page.getByText('No push targets yet. Add one with the form below.')).toBeVisible()
})
