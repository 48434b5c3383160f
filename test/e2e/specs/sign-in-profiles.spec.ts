/**
 * Profiles (issue #4 item 4): add a profile for another Appwrite project, switch between the
 * two, and each keeps its own sign-in — across a restart too. Remove asks first.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { signUp, startSecondServer, uniqueEmail, type SecondServer } from '../steps'
import { ConsoleApp, ProfileScreen, ProfilesScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

let second: SecondServer
let secondDir: string

test.beforeEach(async () => {
  secondDir = await mkdtemp(join(tmpdir(), 'account-console-second-'))
  second = await startSecondServer(secondDir, 'second-project')
})

test.afterEach(async () => {
  await second.stop()
  await rm(secondDir, { recursive: true, force: true })
})

test('two profiles, two accounts: switching keeps both signed in, also after a restart', async ({ app }) => {
  const page = app.page
  const consoleApp = new ConsoleApp(page)
  const local = uniqueEmail('local')
  const remote = uniqueEmail('remote')
  await signUp(page, local)

  const profiles = new ProfilesScreen(page)
  await profiles.open()
  await profiles.openAdd()
  await reviewScreen(page, 'profile-add')
  await profiles.cancelForm()
  await profiles.add({
    label: 'Second project',
    endpoint: second.endpoint,
    projectId: second.projectId,
    redirect: 'Appwrite callback',
    providers: 'github, oidc',
  })
  await expect(profiles.card('Second project')).toContainText(second.projectId)
  await expect(profiles.card('Second project')).toContainText('GitHub')
  await reviewScreen(page, 'profiles')
  await profiles.openEdit('Second project')
  await expect(profiles.redirectChoice('Appwrite callback')).toBeChecked()
  await reviewScreen(page, 'profile-edit')
  await profiles.cancelForm()

  // Back to the account, then switch with the top bar's profile selector.
  await profiles.back()
  await expect(new ProfileScreen(page).email).toHaveText(local)
  await consoleApp.profileSelect.selectOption({ label: 'Second project' })
  const signIn = new SignInScreen(page)
  await signIn.expectVisible()
  await expect(new SignInMethods(page).provider('GitHub')).toBeVisible()
  await signUp(page, remote)

  await consoleApp.profileSelect.selectOption({ label: 'Local sandbox' })
  await expect(new ProfileScreen(page).email).toHaveText(local)
  await consoleApp.profileSelect.selectOption({ label: 'Second project' })
  await expect(new ProfileScreen(page).email).toHaveText(remote)

  await app.restart()
  await consoleApp.waitUntilReady()
  await expect(new ProfileScreen(page).email).toHaveText(remote)
  await expect(consoleApp.profileSelect).toHaveValue(/.+/)
  await consoleApp.profileSelect.selectOption({ label: 'Local sandbox' })
  await expect(new ProfileScreen(page).email).toHaveText(local)

  // Switch from the manager, then remove the other profile (asked first).
  await profiles.open()
  await profiles.switchTo('Second project')
  await expect(new ProfileScreen(page).email).toHaveText(remote)
  await profiles.open()
  await profiles.askToRemove('Second project')
  await reviewScreen(page, 'profile-remove-dialog')
  await profiles.confirmRemove('Second project')
  await expect(profiles.card('Local sandbox')).toContainText('Active')
  await expect(profiles.removeButton(/^Remove Local sandbox/)).toHaveCount(0)
  await profiles.back()
  await expect(new ProfileScreen(page).email).toHaveText(local)
})
