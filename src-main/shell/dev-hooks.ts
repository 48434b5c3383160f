/**
 * The environment variables that change what the app loads or where it writes: electron-vite's
 * dev server URL and the e2e launcher's test hooks. A shipped (packaged) build honours none of
 * them: otherwise any local process could start the app on a page of its choosing, with the
 * full `window.api`, or redirect its data folder.
 */
export interface DevHooks {
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), instead of the built renderer. */
  readonly rendererUrl: string | null
  /** A data folder per test (`ACCOUNT_CONSOLE_DATA_DIR`). */
  readonly dataDir: string | null
  /** Record every payload that crosses the bridge (`ACCOUNT_CONSOLE_RECORD_BRIDGE=1`). */
  readonly recordBridge: boolean
  /** Save files here without a dialog (`ACCOUNT_CONSOLE_SAVE_DIR`). */
  readonly saveDir: string | null
}

export const NO_DEV_HOOKS: DevHooks = { rendererUrl: null, dataDir: null, recordBridge: false, saveDir: null }

export function readDevHooks(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): DevHooks {
  if (isPackaged) return NO_DEV_HOOKS
  return {
    rendererUrl: env.ELECTRON_RENDERER_URL || null,
    dataDir: env.ACCOUNT_CONSOLE_DATA_DIR || null,
    recordBridge: env.ACCOUNT_CONSOLE_RECORD_BRIDGE === '1',
    saveDir: env.ACCOUNT_CONSOLE_SAVE_DIR || null,
  }
}
