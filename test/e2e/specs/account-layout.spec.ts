/**
 * The signed-in frame (issue #5 item 11): every account screen is reachable from the navigation
 * with the keyboard alone, and fits a 900×600 window without sideways scrolling.
 */
import { expect, test } from '../fixtures'
import { DeveloperScreen } from '../pages/account-pages'
import { ACCOUNT_SCREENS, AccountNavigation } from '../pages/navigation'
import { ConsoleApp } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('every account screen opens from the navigation by keyboard and fits 900×600', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('layout'))
  await page.setViewportSize({ width: 900, height: 600 })
  const nav = new AccountNavigation(page)

  // The links are what this spec tests: reached by keyboard alone, not by click.
  for (const screen of ACCOUNT_SCREENS) {
    const link = nav.link(screen)
    await link.focus()
    await expect(link).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(link).toHaveAttribute('aria-current', 'page')
    if (screen !== 'Profile') await expect(nav.heading(screen)).toBeVisible()
    await expect(new ConsoleApp(page).busy).toHaveCount(0)

    // Nothing is wider than the window: no pane scrolls sideways.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body, body *')]
        .filter((element) => element.scrollWidth > element.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
        .map((element) => element.className || element.tagName),
    )
    expect(overflowing, `${screen} scrolls sideways`).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900)
  }

  // Tab from the navigation's last entry reaches the screen's own controls.
  await nav.link('Developer').focus()
  await page.keyboard.press('Enter')
  await expect(nav.heading('Developer')).toBeVisible()
  await nav.link('Developer').focus()
  await page.keyboard.press('Tab')
  await expect(new DeveloperScreen(page).copyButton('endpoint')).toBeFocused()
  await reviewScreen(page, 'developer-900x600')
})
