/**
 * Network down (issue #4 item 5): a session is never dropped because the server cannot be
 * reached. While running, the account stays on screen with an Offline badge; at start-up the
 * offline screen keeps the session, and "Try again" signs back in without a password.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { storedSessionFor } from '../harness/keychain'
import { signUp, startSecondServer, uniqueEmail, type SecondServer } from '../steps'
import { ConsoleApp, OfflineScreen, ProfileScreen, ProfilesScreen, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

let server: SecondServer
let serverDir: string

test.beforeEach(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'account-console-remote-'))
  server = await startSecondServer(serverDir, 'remote-project')
})

test.afterEach(async () => {
  await server.stop()
  await rm(serverDir, { recursive: true, force: true })
})

test('the server goes away: Offline badge while running, offline screen at start-up, session kept throughout', async ({ app }) => {
  const page = app.page
  const consoleApp = new ConsoleApp(page)
  await consoleApp.waitUntilReady()
  const profiles = new ProfilesScreen(page)
  await profiles.open()
  await profiles.add({ label: 'Remote', endpoint: server.endpoint, projectId: server.projectId })
  await profiles.switchTo('Remote')
  const email = uniqueEmail('offline')
  await signUp(page, email)
  const userId = await new ProfileScreen(page).userId()

  // While running: the server stops; the next check keeps the account, marked offline.
  await server.stop()
  await consoleApp.profileSelect.selectOption({ label: 'Local sandbox' })
  await consoleApp.profileSelect.selectOption({ label: 'Remote' })
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(new ProfileScreen(page).offlineBadge).toBeVisible()
  await expect(new ProfileScreen(page).offlineNote).toBeVisible()

  // Start-up with the server still down: the session stays in the keychain.
  await app.restart()
  await consoleApp.waitUntilReady()
  const offline = new OfflineScreen(page)
  await offline.expectVisible()
  expect(await storedSessionFor(userId)).not.toBeNull()
  await reviewScreen(page, 'offline')
  await offline.retry()
  await expect(consoleApp.says('Still no answer from the server. Your session is kept.')).toBeVisible()

  // The server is back: one more try and the account is there, no password asked.
  await server.start()
  await offline.retry()
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(new SignInScreen(page).passwordField).toHaveCount(0)
})
