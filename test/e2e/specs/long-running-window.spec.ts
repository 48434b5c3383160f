/**
 * A long-running window (issue 13 item 5): moving between the account screens again and again
 * leaves no listener behind on the IPC bridge. The preload's builder counts the page's live
 * `window.api.events.*` subscriptions (harness only, subscriptionCount); after every round of
 * every screen the count is back where it was. The heap figure for 100 rounds is measured by the
 * renderer benchmark (heapGrowthAfter100NavMb in bench/results.json), not asserted here.
 */
import { expect, target, test } from '../fixtures'
import { subscriptionCount } from '../harness/harness-app'
import { ACCOUNT_SCREENS, AccountNavigation } from '../pages/navigation'
import { signUp, uniqueEmail } from '../steps'

const ROUNDS = 5

test('navigating every account screen again and again leaves no IPC listener behind', async ({ app }) => {
  test.skip(target === 'electron', 'the count is read from the harness page')
  const page = app.page
  await signUp(page, uniqueEmail('long-window'))
  const nav = new AccountNavigation(page)

  // One round first: stores a screen creates on first use subscribe once, for the window's life.
  for (const screen of ACCOUNT_SCREENS) await nav.open(screen)
  await nav.open('Profile')
  const baseline = await subscriptionCount(page)
  // The window-wide subscriptions (auth, notices, keychain, the live feed) are counted.
  expect(baseline).toBeGreaterThanOrEqual(5)

  for (let round = 1; round <= ROUNDS; round++) {
    for (const screen of ACCOUNT_SCREENS) await nav.open(screen)
    await nav.open('Profile')
    expect(await subscriptionCount(page), `after round ${round}`).toBe(baseline)
  }
})
