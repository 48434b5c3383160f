/**
 * Flow security (issue #4 item 3) as a person sees it: a forged link, a replayed link and an
 * expired link are each refused with a visible notice, and nothing changes.
 */
import { expect, test } from '../fixtures'
import { linkIn, sandboxEndpoint, waitForMessage } from '../harness/sandbox-outbox'
import { signOutHere, signUp, uniqueEmail, withClockAhead } from '../steps'
import type { Page } from '@playwright/test'
import { CheckEmailScreen, ConsoleApp, FlowOutcomeScreen, ProfileScreen, SignInMethods, SignInScreen, StartFlowScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

const HOUR = 60 * 60 * 1000

/** Asks for a magic link (from the sign-in screen, or from the start screen already open). */
async function waitingForMagicLink(page: Page, email: string, from: 'sign-in' | 'start' = 'sign-in'): Promise<string> {
  const sentAfter = new Date().toISOString()
  const start = from === 'sign-in' ? await new SignInMethods(page).magicLink() : new StartFlowScreen(page)
  await start.sendTo(email)
  await new CheckEmailScreen(page).expectVisible()
  return linkIn(await waitForMessage(await sandboxEndpoint(page), email, { after: sentAfter }))
}

test('a forged link is dropped with a notice; the real sign-in keeps waiting and still works', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('forged')
  await signUp(page, email)
  await signOutHere(page)
  const real = await waitingForMagicLink(page, email)

  // Same shape, a nonce this app never issued, someone else's token.
  const forged = new URL(real)
  forged.searchParams.set('flow', 'A'.repeat(43))
  await app.deliverDeepLink(forged.toString())
  await expect(new ConsoleApp(page).toast(/A link was ignored/)).toBeVisible()
  await new CheckEmailScreen(page).expectVisible()

  // Not a link of ours at all.
  await app.deliverDeepLink('account-console://delete-account?everything=true')
  await expect(new ConsoleApp(page).toast(/A link was ignored/).nth(1)).toBeVisible()
  await new CheckEmailScreen(page).expectVisible()

  await app.deliverDeepLink(real)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('a replayed link is refused after it was used', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('replay')
  await signUp(page, email)
  await signOutHere(page)
  const link = await waitingForMagicLink(page, email)
  await app.deliverDeepLink(link)
  await expect(new ProfileScreen(page).email).toHaveText(email)

  await signOutHere(page)
  await app.deliverDeepLink(link)
  await expect(new ConsoleApp(page).toast(/A link was ignored/)).toBeVisible()
  await new SignInScreen(page).expectVisible()
})

test('an expired link is explained, and starting again works', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('expired')
  await signUp(page, email)
  await signOutHere(page)
  const link = await waitingForMagicLink(page, email)

  // Two hours later (magic links live one hour, appwrite-behaviour §5).
  await withClockAhead(2 * HOUR, async () => {
    await app.deliverDeepLink(link)
    await expect(new ConsoleApp(page).toast(/expired/)).toBeVisible()
  })
  const outcome = new FlowOutcomeScreen(page)
  await expect(outcome.heading).toHaveText('That link or code has expired')
  await expect(outcome.message).toContainText('expired')
  await expect(outcome.backToSignIn).toBeVisible()
  await reviewScreen(page, 'flow-expired')

  await outcome.startAgain()
  await expect(new ConsoleApp(page).title('Sign in with a link')).toBeVisible()
  await expect(new StartFlowScreen(page).destination).toHaveValue(email)
  const fresh = await waitingForMagicLink(page, email, 'start')
  await app.deliverDeepLink(fresh)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
