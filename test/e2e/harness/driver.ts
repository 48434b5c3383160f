/**
 * What a spec can do with "the app", whichever launcher started it: the Chromium harness here,
 * or the real Electron binary (test/e2e/electron). Specs and page objects only use this.
 */
import type { Page } from '@playwright/test'
import type { FaultProxy } from '../../support/fault-proxy'
import type { SystemBrowser } from './system-browser'

export interface BridgeRecord {
  /** `invoke` = renderer → main call, `result` = its answer, `event` = main → renderer. */
  readonly kind: 'invoke' | 'result' | 'event'
  readonly channel: string
  readonly payload: unknown
}

export interface DesktopNotificationRecord {
  readonly title: string
  readonly body: string
}

export interface AppDriver {
  readonly page: Page
  /** The app's data folder (profiles, sandbox database). */
  readonly dataDir: string
  /** Hands a URL to the core entry the shell uses for open-url / second-instance / argv. */
  deliverDeepLink(url: string): Promise<void>
  /** Quits and starts the app again with the same data folder and keychain. */
  restart(): Promise<void>
  /** Every payload that crossed the renderer bridge so far. */
  bridgeRecord(): Promise<readonly BridgeRecord[]>
  /** Paths of files the app saved through its save dialog, oldest first. */
  savedFiles(): Promise<readonly string[]>
  /** What the app last put on the clipboard. */
  clipboardText(): Promise<string>
  /** Desktop notifications the app showed (title and body), oldest first. */
  notifications(): Promise<readonly DesktopNotificationRecord[]>
  /** Clicks the `index`th notification, as the person would in the OS's notification centre. */
  clickNotification(index: number): Promise<void>
  /** URLs the app asked the OS to open in the system browser, oldest first. */
  openedExternally(): Promise<readonly string[]>
  /**
   * The harness's "system browser" where those URLs load (redirects to our schemes come back to
   * the app as deep links). Absent under real Electron, where the OS browser is used.
   */
  readonly systemBrowser?: SystemBrowser
  /** The fault proxy between core and the sandbox, when the harness was asked for one (`faultProxy`). */
  readonly faults?: FaultProxy
  /** Content-Security-Policy violations the window reported so far (the fixture expects none). */
  cspViolations(): readonly string[]
  close(): Promise<void>
}
