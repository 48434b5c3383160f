/**
 * The review every screen gets (issue #5): an axe-core check with no serious or critical
 * violation, and a screenshot of the whole screen (scrolled panes included), each in the light
 * and the dark theme. Screenshots go to
 * the test's output folder as `<name>-light.png` / `<name>-dark.png`
 * (test-results/e2e/<test>/screens/ after a run).
 *
 *   await reviewScreen(page, 'sessions')
 *
 * The theme is switched with Playwright's colour-scheme emulation, which the console follows when
 * no `theme` preference forces one. Call it once the screen shows its final state (data loaded,
 * no spinner), so the check and the picture are of what a person would see.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

export type ColorScheme = 'light' | 'dark'

export interface ReviewOptions {
  /** CSS selectors axe should skip (e.g. a third-party canvas); say why at the call site. */
  readonly exclude?: readonly string[]
  /** Default both. */
  readonly schemes?: readonly ColorScheme[]
}

/** Axe impacts that fail the review. */
const BLOCKING = new Set(['serious', 'critical'])

export interface AxeFinding {
  readonly rule: string
  readonly impact: string
  readonly help: string
  readonly targets: readonly string[]
}

/** Runs axe on the page as it is now and returns the serious and critical findings, readably. */
export async function blockingAxeFindings(page: Page, exclude: readonly string[] = []): Promise<AxeFinding[]> {
  let builder = new AxeBuilder({ page })
  for (const selector of exclude) builder = builder.exclude(selector)
  const results = await builder.analyze()
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
}

/** Waits until no element announces itself busy and transitions (a toast sliding in) have ended. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
  await page.evaluate(async () => {
    // Endless animations (a spinner) never finish; only wait for the ones that do.
    const finite = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)))
  })
}

/**
 * The app scrolls inside its own panes (the window itself never scrolls), so a "full page"
 * screenshot would stop at the window's edge. This answers how much taller the window must be for
 * the tallest pane to show all of its content.
 */
async function hiddenPaneHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    let hidden = 0
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const overflow = getComputedStyle(element).overflowY
      if (overflow === 'auto' || overflow === 'scroll') hidden = Math.max(hidden, element.scrollHeight - element.clientHeight)
    }
    return hidden
  })
}

/** A long (e.g. virtualised) list would make a picture nobody reviews; stop at this much more. */
const MAX_EXTRA_HEIGHT = 2400

async function screenshotWhole(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize()
  const extra = viewport ? Math.min(MAX_EXTRA_HEIGHT, await hiddenPaneHeight(page)) : 0
  if (!viewport || extra <= 0) {
    await page.screenshot({ path })
    return
  }
  await page.setViewportSize({ width: viewport.width, height: viewport.height + extra })
  try {
    await page.screenshot({ path })
  } finally {
    await page.setViewportSize(viewport)
  }
}

export async function reviewScreen(page: Page, name: string, options: ReviewOptions = {}): Promise<void> {
  const schemes = options.schemes ?? ['light', 'dark']
  try {
    for (const scheme of schemes) {
      // Reduced motion (which the console honours) makes a toast that times out during the check
      // leave at once instead of fading through colours axe would measure half-transparent.
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await settled(page)
      await screenshotWhole(page, test.info().outputPath('screens', `${name}-${scheme}.png`))
      const findings = await blockingAxeFindings(page, options.exclude)
      expect(findings, `axe: serious or critical issues on "${name}" (${scheme})`).toEqual([])
    }
  } finally {
    await page.emulateMedia({ colorScheme: null, reducedMotion: null })
  }
}

/**
 * The smallest window the console supports (900×600): a screenshot for review, and nothing may
 * stick out sideways (a horizontal scrollbar in the content area means something does not fit).
 */
export async function expectFitsSmallWindow(page: Page, name: string): Promise<void> {
  const before = page.viewportSize()
  await page.setViewportSize({ width: 900, height: 600 })
  try {
    await page.screenshot({ path: test.info().outputPath('screens', `${name}-900x600.png`) })
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.documentElement
      const sideways = [document.documentElement, main].filter((element) => element.scrollWidth > element.clientWidth + 1)
      return sideways.map((element) => `${element.tagName.toLowerCase()} ${element.scrollWidth}>${element.clientWidth}`)
    })
    expect(overflow, `content wider than a 900×600 window on "${name}"`).toEqual([])
  } finally {
    if (before) await page.setViewportSize(before)
  }
}
