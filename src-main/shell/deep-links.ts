/**
 * Getting deep links from the OS into core, whichever way they arrive (electron-practice §2):
 * macOS `open-url` (registered before ready), Windows/Linux `second-instance` argv, and cold-start
 * argv. Every URL goes to one function (core.handleDeepLink); until core and the window are ready,
 * URLs wait in a queue.
 */
import { APP_SCHEME } from '../core/auth/deep-link'

export { APP_SCHEME }

/**
 * Picks the links for our schemes out of a process argv: `account-console:` and Appwrite's
 * `appwrite-callback-<projectId>:` (core decides whether a callback scheme belongs to a known
 * profile). The OS launches us with `-- <url>` (registerProtocol), so Chromium takes nothing
 * after `--` as a switch and we read links only from there. An argv without `--` (a launcher
 * registered before this rule) is scanned whole; Chromium may have added flags anywhere in it.
 */
export function deepLinksFromArgv(argv: readonly string[]): string[] {
  const separator = argv.indexOf(ARGV_SEPARATOR)
  const candidates = separator === -1 ? argv : argv.slice(separator + 1)
  return candidates.filter((arg) => typeof arg === 'string' && OUR_SCHEMES.test(arg))
}

/** Ends Chromium's switches: what follows is data, never a flag (e.g. `--gpu-launcher=…`). */
export const ARGV_SEPARATOR = '--'

const OUR_SCHEMES = new RegExp(`^(${APP_SCHEME}|appwrite-callback-[a-z0-9][a-z0-9.+-]*):`, 'i')

export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
}

/**
 * In development Electron runs as `electron path/to/main.js`, so the OS must be told to launch
 * the same pair, or it would start bare Electron (docs: launch-app-from-url-in-another-app).
 * Either way the URL comes after `--`, so a crafted link can never be read as a Chromium switch.
 */
export function registerProtocol(
  app: ProtocolApp,
  proc: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
  resolve: (p: string) => string,
  scheme: string = APP_SCHEME,
): boolean {
  // Electron scan: a link is only ever data after `--`, parsed strictly by core (deep-link.ts) and
  // honoured only when it matches a flow this app started; it can never run code or pick a screen.
  if (proc.defaultApp && proc.argv.length >= 2 && proc.argv[1]) {
    return app.setAsDefaultProtocolClient(scheme, proc.execPath, [resolve(proc.argv[1]), ARGV_SEPARATOR]) /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
  }
  return app.setAsDefaultProtocolClient(scheme, proc.execPath, [ARGV_SEPARATOR]) /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
}

/** Holds links until a consumer is attached, then delivers in arrival order. */
export class DeepLinkQueue {
  #pending: string[] = []
  #deliver: ((url: string) => void) | null = null

  push(url: string): void {
    if (this.#deliver) this.#deliver(url)
    else if (this.#pending.length < 20) this.#pending.push(url) // a flood of links is not a sign-in
  }

  attach(deliver: (url: string) => void): void {
    this.#deliver = deliver
    const pending = this.#pending
    this.#pending = []
    for (const url of pending) deliver(url)
  }

  get size(): number {
    return this.#pending.length
  }
}
