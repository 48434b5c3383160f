/**
 * The in-browser half of the renderer benchmark (entry: bench/renderer.ts, which builds first and
 * runs this file in a child process). It lives beside the e2e harness because it drives the app
 * exactly as the journeys do: the built renderer in Chromium, the real core and sandbox in this
 * process, `window.api` from the preload's own builder.
 *
 * Prints one JSON line to stdout: the figures; progress goes to stderr.
 *
 * - signInRouteJsGzipKb: gzip size of every script the sign-in screen fetched before it was
 *   interactive (from the Resource Timing entries of a real load, bodies gzipped here)
 * - emptyVueReadyMs / signInReadyMs: navigation start → interactive, median of SAMPLES loads each,
 *   alternated in one run; "interactive" = `<body data-ready="true">` and an enabled "Sign in" button
 * - logs10kLongTasks: long tasks (> 50 ms, PerformanceObserver 'longtask') while the Activity list
 *   is scrolled from the first to the last of 10,000 entries, pages loading on the way
 * - heapGrowthAfter100NavMb: the renderer's JS heap after 100 rounds of every account screen minus
 *   before them (one warm-up round first), each read after a full garbage collection (CDP
 *   `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`); also heapBeforeNavMb and
 *   heapAfterNavMb (set BENCH_NAV_ROUNDS for fewer rounds while trying it out)
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Api } from '../../../src-shared/ipc'
import type { SecretStore } from '../../../src-main/core/secrets/secret-store'
import { launchHarness } from '../harness/harness-app'
import { activityCount, seedActivity } from '../harness/sandbox-logs'
import { serveDirectory } from '../harness/static-server'
import { ActivityScreen } from '../pages/activity-pages'
import { ACCOUNT_SCREENS, AccountNavigation } from '../pages/navigation'

// 21 loads each: on a shared 2-core machine single loads vary by ±50 %, the median of 21 moved by under 10 % between runs.
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 21)
const LOG_ENTRIES = 10_000
const NAV_ROUNDS = Number(process.env.BENCH_NAV_ROUNDS ?? 100)
const log = (line: string): void => void process.stderr.write(`bench renderer: ${line}\n`)

/** A keychain that lives in this process (the benchmark must not touch the OS keychain). */
class BenchKeychain implements SecretStore {
  readonly kind = 'keychain' as const
  readonly #values = new Map<string, string>()
  async get(key: string): Promise<string | null> {
    return this.#values.get(key) ?? null
  }
  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value)
  }
  async delete(key: string): Promise<boolean> {
    return this.#values.delete(key)
  }
}

/** Runs before any page script: notes the moment the screen becomes interactive. */
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__benchReadyAt !== undefined) return true
    const body = document.body
    if (!body || body.dataset.ready !== 'true') return false
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Sign in')
    if (!button || button.disabled) return false
    window.__benchReadyAt = performance.now()
    return true
  }
  const observer = new MutationObserver(() => { if (check()) observer.disconnect() })
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'disabled'] })
})()`

interface Load {
  readonly readyMs: number
  /** Script URLs whose fetch started before the ready moment. */
  readonly scripts: readonly string[]
}

async function measureLoad(page: Page, go: () => Promise<unknown>): Promise<Load> {
  await go()
  await page.waitForFunction(() => (window as unknown as { __benchReadyAt?: number }).__benchReadyAt !== undefined, undefined, { timeout: 30_000 })
  return page.evaluate(() => {
    const readyMs = (window as unknown as { __benchReadyAt: number }).__benchReadyAt
    const scripts = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime <= readyMs && new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => entry.name)
    return { readyMs, scripts }
  })
}

/**
 * Tear-down must not hold the figures hostage: a browser context or the sandbox that is slow to
 * close (seen under heavy load) is given a few seconds, then left to the process exit.
 */
async function closeWithin(what: string, close: () => Promise<unknown>, ms = 10_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(() => (log(`${what} did not close within ${ms} ms`), resolve()), ms)))
  await Promise.race([close().catch((error: unknown) => log(`${what} failed to close: ${String(error)}`)), timeout])
  clearTimeout(timer)
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return Math.round(value * 10) / 10
}

async function gzipKb(urls: readonly string[]): Promise<number> {
  let bytes = 0
  for (const url of new Set(urls)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    bytes += gzipSync(body).length
  }
  return Math.round((bytes / 1024) * 10) / 10
}

async function readyTimes(browser: Browser, emptyVueDir: string): Promise<Record<string, number>> {
  const emptyServer = await serveDirectory(emptyVueDir)
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-bench-signin-'))
  const app = await launchHarness({ browser, dataDir, openSecretStore: async () => new BenchKeychain() })
  const emptyContext = await browser.newContext({ viewport: { width: 1100, height: 760 } })
  try {
    const emptyPage = await emptyContext.newPage()
    await emptyPage.addInitScript({ content: READY_PROBE })
    await app.page.addInitScript({ content: READY_PROBE })
    // One load each to warm the servers and the browser, not counted.
    await measureLoad(emptyPage, () => emptyPage.goto(emptyServer.url))
    const first = await measureLoad(app.page, () => app.page.reload())
    const emptyTimes: number[] = []
    const signInTimes: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      emptyTimes.push((await measureLoad(emptyPage, () => emptyPage.reload())).readyMs)
      signInTimes.push((await measureLoad(app.page, () => app.page.reload())).readyMs)
    }
    log(`empty Vue ready (ms): ${emptyTimes.map((t) => t.toFixed(0)).join(' ')}`)
    log(`sign-in ready (ms): ${signInTimes.map((t) => t.toFixed(0)).join(' ')}`)
    log(`scripts before sign-in was interactive: ${first.scripts.map((u) => new URL(u).pathname).join(' ')}`)
    return {
      signInRouteJsGzipKb: await gzipKb(first.scripts),
      emptyVueReadyMs: median(emptyTimes),
      signInReadyMs: median(signInTimes),
    }
  } finally {
    await closeWithin('the empty-app context', () => emptyContext.close())
    await closeWithin('the harness', () => app.close())
    await closeWithin('the static server', () => emptyServer.close())
    await rm(dataDir, { recursive: true, force: true })
  }
}

interface ScrollResult {
  readonly durations: number[]
  readonly frames: number
  readonly seconds: number
  readonly rows: number
}

/**
 * Scrolls the Activity list to its last entry, about a screenful and a half per frame (a quick,
 * steady fling), waiting at the end of what is loaded while the next page arrives, and collects
 * every long task meanwhile. A string, so the bundler's helpers never end up in the page.
 */
const SCROLL_THROUGH_LIST = `(async () => {
  const durations = []
  const observer = new PerformanceObserver((entries) => { for (const entry of entries.getEntries()) durations.push(entry.duration) })
  observer.observe({ type: 'longtask' })
  const scroller = document.querySelector('[role="list"][aria-label="Activity entries"]')
  const loaded = document.querySelector('[data-testid="activity-loaded"]')
  if (!scroller || !loaded) throw new Error('no activity list')
  function counts() {
    const match = /^([\\d,]+) of ([\\d,]+) entries loaded$/.exec((loaded.textContent || '').trim())
    return match ? [Number(match[1].replace(/,/g, '')), Number(match[2].replace(/,/g, ''))] : [0, 0]
  }
  function frame() { return new Promise((resolve) => requestAnimationFrame(resolve)) }
  const STEP = 900
  const started = performance.now()
  let frames = 0
  for (;;) {
    const [have, total] = counts()
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1
    if (atEnd && total > 0 && (have >= total || document.querySelector('[data-testid="activity-unreachable"]'))) break
    if (performance.now() - started > 180000) throw new Error('scrolling did not finish: ' + have + ' of ' + total)
    if (!atEnd) scroller.scrollTop += STEP
    await frame()
    frames++
  }
  await frame()
  await new Promise((resolve) => setTimeout(resolve, 100))
  observer.disconnect()
  return { durations, frames, seconds: (performance.now() - started) / 1000, rows: counts()[0] }
})()`

/** Signs a new account up through window.api and waits for its profile; returns the e-mail. */
async function signUpForBench(page: Page): Promise<string> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true')
  const email = `bench-${Date.now().toString(36)}@example.com`
  const signedUp = await page.evaluate(async (address) => {
    const api = (window as unknown as { api: Api }).api
    const started = await api.app.start()
    if (!started.ok) return started.error.message
    const state = await api.auth.signUp({ profileId: started.data.status.activeProfileId, name: 'Bench', email: address, password: 'bench password 123' })
    return state.ok ? '' : state.error.message
  }, email)
  if (signedUp) throw new Error(`sign-up failed: ${signedUp}`)
  await page.waitForURL(/#\/profile$/)
  return email
}

const MB = 1024 * 1024

async function heapNavigation(browser: Browser): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-bench-heap-'))
  const app = await launchHarness({ browser, dataDir, openSecretStore: async () => new BenchKeychain() })
  const { page } = app
  try {
    await signUpForBench(page)
    const cdp = await page.context().newCDPSession(page)
    const heapMb = async (): Promise<number> => {
      // Twice: objects freed by the first collection's finalizers go in the second.
      await cdp.send('HeapProfiler.collectGarbage')
      await cdp.send('HeapProfiler.collectGarbage')
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      return usedSize / MB
    }
    const nav = new AccountNavigation(page)
    const round = async (): Promise<void> => {
      for (const screen of ACCOUNT_SCREENS) await nav.open(screen)
      await nav.open('Profile')
    }
    // One round first: each screen's code chunk, stores and caches are loaded once for good.
    await round()
    const before = await heapMb()
    log(`navigating every account screen ${NAV_ROUNDS} times (heap ${before.toFixed(2)} MB after GC)…`)
    for (let i = 1; i <= NAV_ROUNDS; i++) {
      await round()
      if (i % 10 === 0) log(`round ${i}`)
    }
    const after = await heapMb()
    log(`heap after ${NAV_ROUNDS} rounds: ${after.toFixed(2)} MB after GC`)
    const round2 = (value: number): number => Math.round(value * 100) / 100
    return { heapGrowthAfter100NavMb: round2(after - before), heapBeforeNavMb: round2(before), heapAfterNavMb: round2(after) }
  } finally {
    await closeWithin('the harness', () => app.close())
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function logScrolling(browser: Browser): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-bench-logs-'))
  const app = await launchHarness({ browser, dataDir, openSecretStore: async () => new BenchKeychain() })
  const { page } = app
  try {
    const email = await signUpForBench(page)
    // The sign-up wrote the account's first entries; seed the rest up to exactly LOG_ENTRIES.
    const seeded = LOG_ENTRIES - activityCount(dataDir, email)
    log(`seeding ${seeded.toLocaleString('en-US')} log entries…`)
    seedActivity(dataDir, email, seeded, { days: 60 })

    await page.evaluate(() => void (location.hash = '#/activity'))
    const activity = new ActivityScreen(page)
    // The charts sit behind a closed disclosure by default: the list is scrolled as the screen opens.
    await activity.list.waitFor({ timeout: 30_000 })

    log('scrolling the Activity list from the first to the last entry…')
    const result = await page.evaluate<ScrollResult>(SCROLL_THROUGH_LIST)
    log(
      `scrolled ${result.rows} entries in ${result.frames} frames (${result.seconds.toFixed(1)} s); long tasks: ${result.durations.map((d) => d.toFixed(0)).join(' ') || 'none'}`,
    )
    return {
      logs10kLongTasks: result.durations.length,
      logs10kLongestTaskMs: Math.round(Math.max(0, ...result.durations)),
      logs10kRows: result.rows,
    }
  } finally {
    await closeWithin('the harness', () => app.close())
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const emptyVueDir = process.env.EMPTY_VUE_DIR
  if (!emptyVueDir) throw new Error('EMPTY_VUE_DIR is not set (run through bench/renderer.ts)')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const ready = await readyTimes(browser, emptyVueDir)
    const logs = await logScrolling(browser)
    const heap = await heapNavigation(browser)
    process.stdout.write(`${JSON.stringify({ ...ready, ...logs, ...heap })}\n`)
  } finally {
    await closeWithin('the browser', () => browser.close())
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
