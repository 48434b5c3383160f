/**
 * The signed-in frame (issue #5 item 11): every account screen is reachable from the navigation
 * with the keyboard alone, and fits a 900×600 window without sideways scrolling.
 */
import { expect, test } from '../fixtures'
import { AccountNavigation, reviewAccountScreen, signUpFresh, uniqueEmail } from '../pages/account-pages'

const SCREENS = [
  { link: 'Profile', heading: null },
  { link: 'Preferences', heading: 'Preferences' },
  { link: 'Overview', heading: 'Security overview' },
  { link: 'Two-step sign-in', heading: 'Two-step sign-in' },
  { link: 'Sessions', heading: 'Sessions' },
  { link: 'Linked sign-ins', heading: 'Linked sign-ins' },
  { link: 'Activity', heading: 'Activity' },
  { link: 'Push targets', heading: 'Push targets' },
  { link: 'Developer', heading: 'Developer' },
] as const

test('every account screen opens from the navigation by keyboard and fits 900×600', async ({ app }) => {
  const page = app.page
  await signUpFresh(page, uniqueEmail('layout'))
  await page.setViewportSize({ width: 900, height: 600 })
  const nav = new AccountNavigation(page)

  for (const screen of SCREENS) {
    const link = nav.link(screen.link)
    await link.focus()
    await expect(link).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(link).toHaveAttribute('aria-current', 'page')
    if (screen.heading) await expect(page.getByRole('heading', { level: 1, name: screen.heading, exact: true })).toBeVisible()
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)

    // Nothing is wider than the window: no pane scrolls sideways.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body, body *')]
        .filter((element) => element.scrollWidth > element.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
        .map((element) => element.className || element.tagName),
    )
    expect(overflowing, `${screen.link} scrolls sideways`).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900)
  }

  // Tab from the navigation's last entry reaches the screen's own controls.
  await nav.link('Developer').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Developer' })).toBeVisible()
  await nav.link('Developer').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Copy endpoint' })).toBeFocused()
  await reviewAccountScreen(page, 'developer-900x600')
})
