/** Issue #5, item 7: push targets of the account — add, change the identifier, delete — against the sandbox. */
import { expect, test } from '../fixtures'
import { TargetsScreen } from '../pages/activity-pages'
import { AccountNavigation } from '../pages/navigation'
import { expectFitsSmallWindow, reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('targets: add a push target, change its token, and delete it after confirming', async ({ app }) => {
  const email = uniqueEmail('targets')
  await signUp(app.page, email)
  await new AccountNavigation(app.page).open('Push targets')
  const targets = new TargetsScreen(app.page)
  // Every target of the account is shown, grouped: the e-mail one comes from sign-up.
  await expect(targets.emailTargets).toContainText(email)
  await expect(targets.says('No push targets yet. Add one with the form below.')).toBeVisible()

  // An empty token is refused before anything is sent.
  await targets.submitAdd()
  await expect(targets.says('Enter the device token.')).toBeVisible()

  await targets.add('fcm-token-aaaa', 'fcm-provider')
  await expect(targets.says('Push target added.')).toBeVisible()
  await expect(targets.pushTargets).toHaveCount(1)
  await expect(targets.pushTargets.first()).toContainText('fcm-token-aaaa')
  await expect(targets.pushTargets.first()).toContainText('provider fcm-provider')
  await reviewScreen(app.page, 'targets')
  await expectFitsSmallWindow(app.page, 'targets')

  // The same token twice is refused with Appwrite's reason, in words.
  await targets.add('fcm-token-aaaa')
  await expect(targets.says('A target with this identifier already exists.')).toBeVisible()

  await targets.edit('fcm-token-aaaa', 'fcm-token-bbbb')
  await expect(targets.says('Push target updated.')).toBeVisible()
  await expect(targets.identifier(targets.pushTargets.first())).toHaveText('fcm-token-bbbb')

  await targets.remove('fcm-token-bbbb')
  await expect(targets.says('Push target deleted.')).toBeVisible()
  await expect(targets.pushTargets).toHaveCount(0)
  await expect(targets.says('No push targets yet. Add one with the form below.')).toBeVisible()
})
