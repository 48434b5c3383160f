/**
 * The same AppDriver over the real Electron app, with Playwright's `_electron`. Used only where
 * an Electron binary exists (see launch.mjs); the Chromium harness covers everything else.
 */
import { _electron, type ElectronApplication } from '@playwright/test'
import { resolve } from 'node:path'
import { watchCspViolations } from '../harness/csp-violations'
import type { AppDriver, BridgeRecord } from '../harness/driver'

const MAIN = resolve(__dirname, '../../../out/main/index.js')

export async function launchElectron(options: { dataDir: string }): Promise<AppDriver> {
  const launch = async (): Promise<ElectronApplication> =>
    _electron.launch({
      args: [MAIN],
      env: {
        ...process.env,
        ACCOUNT_CONSOLE_DATA_DIR: options.dataDir,
        ACCOUNT_CONSOLE_RECORD_BRIDGE: '1',
        ACCOUNT_CONSOLE_SAVE_DIR: `${options.dataDir}-saved`,
      } as Record<string, string>,
    })
  let electronApp = await launch()
  let page = await electronApp.firstWindow()
  const cspViolations: string[] = []
  watchCspViolations(page, cspViolations)
  const driver: AppDriver = {
    get page() {
      return page
    },
    dataDir: options.dataDir,
    async deliverDeepLink(url) {
      // What macOS does when a link is opened: the app emits open-url.
      await electronApp.evaluate(({ app }, link) => {
        app.emit('open-url', { preventDefault() {} }, link)
      }, url)
    },
    async restart() {
      await electronApp.close()
      electronApp = await launch()
      page = await electronApp.firstWindow()
      watchCspViolations(page, cspViolations)
    },
    async bridgeRecord() {
      return electronApp.evaluate(() => (globalThis as unknown as { __acBridgeRecord?: BridgeRecord[] }).__acBridgeRecord ?? [])
    },
    async savedFiles() {
      return electronApp.evaluate(() => (globalThis as unknown as { __acSavedFiles?: string[] }).__acSavedFiles ?? [])
    },
    async clipboardText() {
      return electronApp.evaluate(({ clipboard }) => clipboard.readText())
    },
    async notifications() {
      return electronApp.evaluate(() =>
        ((globalThis as unknown as { __acNotifications?: Array<{ title: string; body: string }> }).__acNotifications ?? []).map(({ title, body }) => ({
          title,
          body,
        })),
      )
    },
    async clickNotification(index) {
      await electronApp.evaluate(
        (_electron, i) => (globalThis as unknown as { __acNotifications?: Array<{ click(): void }> }).__acNotifications?.[i]?.click(),
        index,
      )
    },
    async openedExternally() {
      return electronApp.evaluate(() => (globalThis as unknown as { __acOpenedExternally?: string[] }).__acOpenedExternally ?? [])
    },
    cspViolations: () => [...cspViolations],
    async close() {
      await electronApp.close()
    },
  }
  return driver
}
