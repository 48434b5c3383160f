/**
 * Links that survive a restart (issue #12 item 5): a person asks for a magic link, closes the
 * app, then clicks the link in their mail. "Close the app" = the harness disposes core and starts
 * it again over the same data folder and keychain, and the window reloads.
 */
import { expect, target, test } from '../fixtures'
import { linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { signOutHere, signUp, uniqueEmail, withClockAhead } from '../steps'
import type { Page } from '@playwright/test'
import { CheckEmailScreen, ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'

const HOUR = 60 * 60 * 1000

async function askForMagicLink(page: Page, email: string): Promise<string> {
  const sentAfter = new Date().toISOString()
  await (await new SignInMethods(page).magicLink()).sendTo(email)
  await new CheckEmailScreen(page).expectVisible()
  return linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter }))
}

test('a magic link clicked after the app was closed and opened again signs in', async ({ app }) => {
  const email = uniqueEmail('restart-link')
  await signUp(app.page, email)
  await signOutHere(app.page)
  const link = await askForMagicLink(app.page, email)

  await app.restart()
  // (the harness reloads the same window, which finds the waiting flow again: "Check your e-mail")
  await app.deliverDeepLink(link)

  await expect(new ProfileScreen(app.page).email).toHaveText(email)
  await expect(new ConsoleApp(app.page).toast(/A link was ignored/)).toHaveCount(0)
})

test('a magic link clicked after its time, across a restart, says it expired and starts again from one button', async ({ app }) => {
  test.skip(target === 'electron', 'the clock can only be moved for the core that runs in the test process')
  const email = uniqueEmail('restart-expired')
  await signUp(app.page, email)
  await signOutHere(app.page)
  const link = await askForMagicLink(app.page, email)

  // Two hours later (magic links live one hour, appwrite-behaviour §5) the app starts again.
  await withClockAhead(2 * HOUR, async () => {
    await app.restart()
    await app.deliverDeepLink(link)
    await expect(new ConsoleApp(app.page).toast('A link was ignored. That link has expired. Start again to get a new one.')).toBeVisible()
  })
  await new ConsoleApp(app.page).clickToastButton('Start sign-in again')
  await new SignInScreen(app.page).expectVisible()
  await expect(new ConsoleApp(app.page).toast(/expired/)).toHaveCount(0)
  await expect(new ProfileScreen(app.page).email).toHaveCount(0)

  // Starting again works: a fresh link signs in.
  const fresh = await askForMagicLink(app.page, email)
  await app.deliverDeepLink(fresh)
  await expect(new ProfileScreen(app.page).email).toHaveText(email)
})
