/**
 * "The system browser" of the harness (docs/architecture.md, "The harness"): URLs the app opens
 * with `host.openExternal` load in a browser context of their own, like the user's default
 * browser, never in the app's page.
 *
 * When a page in it is redirected to a non-http(s) scheme (`account-console:`,
 * `appwrite-callback-<project>:`), a real browser would ask the OS to open that URL and the OS
 * would hand it to the app (open-url / second-instance). Here every document response of every
 * tab is looked at before the browser acts on it; a redirect to such a scheme is handed to
 * `core.handleDeepLink` exactly as the OS would, and the tab shows a "returned to the app" page.
 * Loopback redirects (`http://127.0.0.1:<port>/…`) are ordinary http and reach the app's
 * listener for real. Cookies, POST forms and redirect chains are the browser's own.
 *
 * Why not `context.route`: Playwright routes only the first request of a redirect chain (a
 * redirect it fulfils is followed without routing the next hop), and the hop to a custom scheme
 * is usually the last of several (provider → Appwrite callback → Appwrite redirect → app). The
 * Chromium Fetch domain, at the response stage, pauses on every redirect response, so that is
 * what each tab uses (the harness runs on Chromium only).
 */
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test'

export interface SystemBrowser {
  /** Opens a URL in a new tab, as the OS does for `shell.openExternal`; navigation runs on. */
  open(url: string): Promise<Page>
  /** Every tab opened so far, oldest first. */
  pages(): readonly Page[]
  /** The newest tab; waits (up to `timeoutMs`) until the app has opened one. */
  lastPage(timeoutMs?: number): Promise<Page>
  /** URLs a page redirected to a custom scheme, handed to the app, oldest first. */
  handedToApp(): readonly string[]
  close(): Promise<void>
}

export const RETURNED_TO_APP_TITLE = 'Returned to Account Console'

export async function openSystemBrowser(browser: Browser, handToApp: (url: string) => Promise<void>): Promise<SystemBrowser> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1000, height: 760 } })
  const pages: Page[] = []
  const handed: string[] = []

  const watching = new Map<Page, Promise<void>>()
  /** Starts looking at a tab's responses, once per tab. */
  function watch(page: Page): Promise<void> {
    if (!pages.includes(page)) pages.push(page)
    let started = watching.get(page)
    if (!started) {
      started = startWatching(page)
      watching.set(page, started)
    }
    return started
  }

  async function startWatching(page: Page): Promise<void> {
    const cdp: CDPSession = await context.newCDPSession(page)
    cdp.on('Fetch.requestPaused', (event: PausedResponse) => {
      void onResponse(cdp, event).catch(() => undefined)
    })
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Response' }] })
  }

  async function onResponse(cdp: CDPSession, event: PausedResponse): Promise<void> {
    const status = event.responseStatusCode ?? 0
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value
    if (status >= 300 && status < 400 && location) {
      const target = new URL(location, event.request.url)
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        handed.push(target.toString())
        await handToApp(target.toString())
        await cdp.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
          body: Buffer.from(returnedPage(target.protocol)).toString('base64'),
        })
        return
      }
    }
    await cdp.send('Fetch.continueRequest', { requestId: event.requestId })
  }

  // A tab a page opens by itself (target=_blank) is watched too.
  context.on('page', (page) => {
    void watch(page).catch(() => undefined)
  })

  return {
    async open(url) {
      const page = await context.newPage()
      await watch(page)
      // Like a real browser, the tab loads on its own; whoever cares waits on the page.
      void page.goto(url).catch(() => undefined)
      return page
    },
    pages: () => [...pages],
    async lastPage(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (pages.length === 0) {
        if (Date.now() > deadline) throw new Error('the app opened nothing in the system browser')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return pages[pages.length - 1]!
    },
    handedToApp: () => [...handed],
    close: () => context.close(),
  }
}

/** The parts of CDP's `Fetch.requestPaused` used here. */
interface PausedResponse {
  readonly requestId: string
  readonly request: { readonly url: string }
  readonly responseStatusCode?: number
  readonly responseHeaders?: readonly { readonly name: string; readonly value: string }[]
}

function returnedPage(protocol: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${RETURNED_TO_APP_TITLE}</title></head>
<body><main><h1>${RETURNED_TO_APP_TITLE}</h1><p>This browser handed a <code>${protocol}</code> link to the app. You can close this tab.</p></main></body></html>`
}
