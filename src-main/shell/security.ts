/**
 * Window hardening, following Electron's security checklist (electron-practice §4).
 * Kept free of module-level Electron state so the unit tests can drive it with a mocked electron.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // No 'unsafe-inline': the built renderer's styles are all files; Vue's :style bindings set
  // element.style, which a policy does not govern. The e2e fixture fails on any violation.
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // All network traffic goes through main; the renderer connects nowhere.
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * electron-vite's dev server (never a shipped build) injects each component's CSS as a <style>
 * element for hot reload, so that one case needs inline styles.
 */
export const DEV_SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

export function secureWebPreferences(
  preloadPath: string,
  options: { readonly devTools: boolean },
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    // Off in a shipped build: DevTools would hand anyone at the keyboard the full window.api.
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  }
}

/**
 * Adds the CSP header to every response the renderer loads, and refuses every permission and
 * device: the window needs none except writing to the clipboard (its copy buttons), and only
 * for our own page. Checks (synchronous queries) and requests (prompts) are both answered,
 * since Chromium asks either way; device pickers (HID, serial, USB) choose nothing.
 */
export function installContentSecurityPolicy(session: Session, appUrl: string, options: { readonly devServer: boolean }): void {
  const policy = options.devServer ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // Electron scan: the policy is built from the list above, which the scanner cannot read; unit tests
      // check it and the e2e fixture fails a test on any violation.
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } /* eng-disable CSP_GLOBAL_CHECK */,
    })
  })
  const allowed = (permission: string, url: string | undefined): boolean => permission === 'clipboard-sanitized-write' && isTrustedSender(url, appUrl)
  session.setPermissionCheckHandler((webContents, permission) => allowed(permission, webContents?.getURL()))
  session.setPermissionRequestHandler((webContents, permission, callback) => callback(allowed(permission, webContents.getURL())))
  session.setDevicePermissionHandler(() => false)
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback(null)
  })
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault()
    callback('')
  })
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
}

/**
 * No navigation away from the app and no new windows, ever. Links the user clicks that point to
 * an allowed external site are opened in the system browser instead.
 */
export function lockDownWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url)
    return { action: 'deny' }
  })
}

/**
 * External URLs opened by the shell must be https (or http on loopback, for a local Appwrite)
 * and parse cleanly; compared by parsed origin, never by string prefix (checklist #13/#15).
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'https:') return true
  if (url.protocol === 'http:') return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  return false
}

/** Only our own page may call IPC (checklist #17). */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (!frameUrl) return false
  try {
    const frame = new URL(frameUrl)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === app.pathname
    return frame.origin === app.origin
  } catch {
    return false
  }
}
