/**
 * The Chromium harness: the real main-process core (createCore) runs in this Node process, the
 * built renderer runs in Debian's Chromium, and `window.api` is built in the page by the
 * preload's own builder over `page.exposeBinding` (docs/architecture.md, "The harness").
 */
import type { Browser, Page } from '@playwright/test'
import { eventChannel, CHANNEL_PREFIX } from '../../../src-shared/ipc'
import { createCore, type Core, type DesktopNotification, type Host } from '../../../src-main/core'
import { KeytarSecretStore, loadKeytar } from '../../../src-main/core/secrets/keytar-store'
import type { SecretStore } from '../../../src-main/core/secrets/secret-store'
import { EMBEDDED_SANDBOX_OPTIONS, startServer, type SandboxOptions } from '../../../src-server'
import { watchCspViolations } from './csp-violations'
import type { AppDriver, BridgeRecord } from './driver'
import { keychainWithoutSecretService, type ChildKeychain } from './keychain-unavailable'
import { openSystemBrowser } from './system-browser'
import { preloadBuilderSource } from './preload-bundle'
import { serveDirectory, type StaticServer } from './static-server'
import { registerSandboxOutbox } from './sandbox-outbox'
import { startFaultProxy } from '../../support/fault-proxy'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'

export interface HarnessOptions {
  readonly browser: Browser
  readonly dataDir: string
  /** How the core opens the keychain; defaults to the real OS keychain through keytar. */
  readonly openSecretStore?: () => Promise<SecretStore>
  /**
   * `unavailable`: keytar runs in a D-Bus session with no Secret Service, so the start-up probe
   * fails for real and the app runs memory-only (keychain-unavailable.ts). Default `os`.
   */
  readonly keychain?: 'os' | 'unavailable'
  /** Options for the Local sandbox (e.g. `config.oauthProviders` for an OIDC provider). */
  readonly sandbox?: Partial<Omit<SandboxOptions, 'dataDir'>>
  /**
   * The Local sandbox profile's endpoint is a fault proxy in front of the sandbox
   * (test/support/fault-proxy.ts); specs set faults through `app.faults`.
   */
  readonly faultProxy?: boolean
  /** Core's per-request deadline (the app's is 30 s). */
  readonly requestTimeoutMs?: number
  readonly log?: (line: string) => void
}

const RENDERER_DIR = resolve(__dirname, '../../../out/renderer')

let rendererServer: Promise<StaticServer> | null = null
function renderer(): Promise<StaticServer> {
  rendererServer ??= serveDirectory(RENDERER_DIR)
  return rendererServer
}

export async function launchHarness(options: HarnessOptions): Promise<AppDriver> {
  const [{ url: appUrl }, builder] = await Promise.all([renderer(), preloadBuilderSource()])
  const context = await options.browser.newContext({ viewport: { width: 1100, height: 760 } })
  const page = await context.newPage()
  const cspViolations: string[] = []
  watchCspViolations(page, cspViolations)
  const record: BridgeRecord[] = []
  const log = options.log ?? (() => undefined)
  const opened: string[] = []
  const saved: string[] = []
  const clipboard: string[] = []
  // The OS notification centre: what was shown, and its click (the shell focuses the window first).
  const notified: DesktopNotification[] = []
  // Links come back from the system browser the way the OS delivers them: to core's one entry.
  const systemBrowser = await openSystemBrowser(options.browser, (url) => core.handleDeepLink(url))
  let childKeychain: ChildKeychain | null = null
  const faults = options.faultProxy ? await startFaultProxy() : null

  const host: Host = {
    dataDir: options.dataDir,
    appVersion: '0.1.0-harness',
    // "The system browser": a separate browser context (system-browser.ts); the list is kept for specs.
    openExternal: async (url) => {
      opened.push(url)
      await systemBrowser.open(url)
    },
    emit: (name, payload) => {
      const channel = eventChannel(name)
      record.push({ kind: 'event', channel, payload })
      void page
        .evaluate(([c, p]) => (window as unknown as { __acDispatch?: (c: string, p: unknown) => void }).__acDispatch?.(c, p), [channel, payload] as const)
        .catch(() => undefined)
    },
    // The user accepts the suggested name in the save dialog: files land in <dataDir>/../saved.
    async saveFile(request) {
      const dir = join(options.dataDir, '..', `${basename(options.dataDir)}-saved`)
      await mkdir(dir, { recursive: true })
      const path = join(dir, request.defaultName)
      await writeFile(path, request.content)
      saved.push(path)
      return path
    },
    // The OS is simulated: links reach core through deliverDeepLink and the system browser.
    registerUrlScheme: () => undefined,
    notify: (notification) => void notified.push(notification),
    copyText: async (text) => {
      clipboard.push(text)
    },
    clearClipboardIf: async (text) => {
      if (clipboard.at(-1) === text) clipboard.push('')
    },
    log,
    now: () => Date.now(),
  }
  const openSecretStore = async (): Promise<SecretStore> => {
    if (options.openSecretStore) return options.openSecretStore()
    if (options.keychain === 'unavailable') {
      await childKeychain?.close()
      childKeychain = await keychainWithoutSecretService()
      return childKeychain.store
    }
    return new KeytarSecretStore(await loadKeytar())
  }
  // The embedded sandbox, as in the app (its port stays, the Local test provider is on): no dev
  // routes; specs read its outbox in-process.
  let forgetOutbox = (): void => undefined
  const start = (): Promise<Core> =>
    createCore(host, {
      openSecretStore,
      startSandbox: async (dataDir) => {
        const server = await startServer({ ...EMBEDDED_SANDBOX_OPTIONS, ...options.sandbox, dataDir })
        forgetOutbox()
        if (!faults) {
          forgetOutbox = registerSandboxOutbox(server.url, () => server.outbox())
          return server
        }
        // The profile points at the proxy; a restarted sandbox is its new target.
        const direct = new URL(server.url)
        faults.setTarget(direct.origin)
        const url = `${faults.origin}${direct.pathname}`
        forgetOutbox = registerSandboxOutbox(url, () => server.outbox())
        return {
          url,
          outbox: () => server.outbox(),
          settings: () => server.settings(),
          updateSettings: (patch) => server.updateSettings(patch),
          close: () => server.close(),
        }
      },
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    })
  let core: Core = await start()

  await page.exposeBinding('__acInvoke', async (_source, channel: unknown, arg: unknown) => {
    const name = typeof channel === 'string' ? channel : ''
    record.push({ kind: 'invoke', channel: name, payload: arg })
    const key = name.startsWith(CHANNEL_PREFIX) ? name.slice(CHANNEL_PREFIX.length) : name
    const result = await core.invoke(key, arg)
    record.push({ kind: 'result', channel: name, payload: result })
    return result
  })
  await page.addInitScript({ content: initScript(builder) })
  await page.goto(appUrl)

  return {
    page,
    dataDir: options.dataDir,
    deliverDeepLink: (url) => core.handleDeepLink(url),
    async restart() {
      await core.dispose()
      core = await start()
      await page.reload()
    },
    bridgeRecord: async () => record,
    savedFiles: async () => [...saved],
    clipboardText: async () => clipboard.at(-1) ?? '',
    openedExternally: async () => [...opened],
    notifications: async () => notified.map(({ title, body }) => ({ title, body })),
    async clickNotification(index) {
      const notification = notified[index]
      if (!notification) throw new Error(`no notification #${index} (${notified.length} shown)`)
      await page.bringToFront()
      notification.onClick()
    },
    systemBrowser,
    cspViolations: () => [...cspViolations],
    ...(faults ? { faults } : {}),
    async close() {
      await context.close()
      await systemBrowser.close()
      await core.dispose()
      forgetOutbox()
      await childKeychain?.close()
      await faults?.close()
    },
  }
}

/** How many `window.api.events.*` subscriptions the page holds now (counted by the preload's builder). */
export function subscriptionCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __acSubscriptions: () => number }).__acSubscriptions())
}

/**
 * Runs before any page script: builds window.api from the bundled preload builder. The transport
 * forwards invokes to the Node binding and fans events out to subscribers, like ipcRenderer.
 */
function initScript(builderSource: string): string {
  return `(() => {
  ${builderSource}
  const listeners = new Map();
  Object.defineProperty(window, '__acDispatch', { value(channel, payload) {
    for (const listener of [...(listeners.get(channel) || [])]) listener(payload);
  } });
  const transport = {
    invoke: (channel, arg) => window.__acInvoke(channel, arg),
    subscribe(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return () => { listeners.get(channel).delete(listener); };
    },
  };
  // The page's live subscriptions, read by tests (subscriptionCount in harness-app.ts); not part of window.api.
  const subscriptions = { live: 0 };
  Object.defineProperty(window, '__acSubscriptions', { value: () => subscriptions.live });
  Object.defineProperty(window, 'api', { value: __acPreload.buildApi(transport, subscriptions), enumerable: true });
})();`
}
