/**
 * What the main-process core needs from the platform. The Electron shell passes an
 * implementation backed by Electron; tests and the e2e harness pass their own. Nothing in core
 * imports 'electron' at runtime.
 */
import type { EventName, EventPayloads } from '../../src-shared/ipc'

export interface Host {
  /** Folder for profile data and the local sandbox's database (never secrets). */
  readonly dataDir: string
  readonly appVersion: string
  /** Opens a URL in the system browser. Core only passes URLs that passed its allow-list. */
  openExternal(url: string): Promise<void>
  /** Sends an event to the renderer (the window may not exist yet; the host decides). */
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void
  /**
   * Asks the user where to save a file (a native save dialog in Electron) and writes it there.
   * Resolves to the chosen path, or null when the user cancelled.
   */
  saveFile(request: SaveFileRequest): Promise<string | null>
  /**
   * Asks the OS to send links of this URL scheme to the app (the `appwrite-callback-<projectId>`
   * scheme of profiles that use it; `account-console` is registered by the shell itself).
   */
  registerUrlScheme(scheme: string): void
  /** Puts text on the system clipboard (used for secrets the window must not hold, e.g. a JWT). */
  copyText(text: string): Promise<void>
  /** Empties the clipboard if it still holds exactly `text` (the person copied nothing since). */
  clearClipboardIf(text: string): Promise<void>
  /**
   * Shows a desktop notification (Electron's `Notification` in the shell). Clicking it brings the
   * window to the front and then calls `onClick`. Title and body are shown by the OS, outside the
   * window: core never puts a secret in them.
   */
  notify(notification: DesktopNotification): void
  /** Diagnostics; core never passes secrets here. */
  log(line: string): void
  now(): number
}

export interface SaveFileRequest {
  readonly title: string
  readonly defaultName: string
  readonly content: string
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[]
}

export interface DesktopNotification {
  readonly title: string
  readonly body: string
  /** After the window is focused: what the click should show (core emits `alertOpened`). */
  onClick(): void
}
