/**
 * Issue 11, items 1 and 2: against a sandbox speaking Appwrite 2.3 (no account logs), the profile
 * names the server, the Activity screen says plainly why there is nothing to show, and the
 * security overview leaves out what needs logs.
 */
import { expect, test } from '../fixtures'
import { AccountProfile, SecurityOverviewScreen } from '../pages/account-pages'
import { ActivityScreen } from '../pages/activity-pages'
import { AccountNavigation } from '../pages/navigation'
import { reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test.use({ appOptions: { sandbox: { appwriteVersion: '2.3' } } })

test('activity on a 2.x server without account logs: explained, not failed; the overview drops sign-ins', async ({ app }) => {
  await signUp(app.page, uniqueEmail('cloud'))
  await expect(new AccountProfile(app.page).serverVersion).toHaveText('Appwrite 2.3.0')

  const nav = new AccountNavigation(app.page)
  await nav.open('Activity')
  const activity = new ActivityScreen(app.page)
  await expect(activity.noLogs).toContainText('no longer let an account read its own activity log')
  await expect(activity.noLogsHeading).toBeVisible()
  await expect(activity.loadErrorHeading).toHaveCount(0)
  await expect(activity.list).toHaveCount(0)
  await reviewScreen(app.page, 'activity-no-logs')

  await nav.open('Overview')
  const overview = new SecurityOverviewScreen(app.page)
  await expect(overview.finding('mfa-off')).toBeVisible()
  await expect(overview.recentSignInsSection).toHaveCount(0)
})
