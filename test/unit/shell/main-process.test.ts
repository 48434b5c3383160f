/**
 * The Electron shell, run against a recorded fake of the electron module: proves the window
 * settings, the single-instance lock, protocol registration, where deep links come from, that
 * they wait for the window, and that IPC is wired only for contract methods from trusted frames.
 */
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { API_METHODS } from '../../../src-shared/ipc'

class FakeApp extends EventEmitter {
  lock = true
  isPackaged = false
  readyResolve!: () => void
  ready = new Promise<void>((r) => (this.readyResolve = r))
  requestSingleInstanceLock = vi.fn(() => this.lock)
  quit = vi.fn()
  whenReady = () => this.ready
  setAsDefaultProtocolClient = vi.fn(() => true)
  getPath = vi.fn(() => '/tmp/user-data')
  setPath = vi.fn()
  getVersion = () => '9.9.9'
}

class FakeWebContents extends EventEmitter {
  send = vi.fn()
  session = {}
  url = ''
  getURL = () => this.url
}

class FakeSession extends EventEmitter {
  webRequest = { onHeadersReceived: vi.fn() }
  setPermissionRequestHandler = vi.fn()
  setPermissionCheckHandler = vi.fn()
  setDevicePermissionHandler = vi.fn()
}

const state = {
  app: new FakeApp(),
  windows: [] as Array<{ options: Record<string, unknown>; webContents: FakeWebContents; loadURL: ReturnType<typeof vi.fn> }>,
  handlers: new Map<string, (event: unknown, arg: unknown) => unknown>(),
  opened: [] as string[],
  notifications: [] as Array<EventEmitter & { options: { title: string; body: string }; show: ReturnType<typeof vi.fn> }>,
  session: new FakeSession(),
  holdCore: false,
  releaseCore: null as null | (() => void),
  core: {
    handleDeepLink: vi.fn(async (_url: unknown) => undefined),
    invoke: vi.fn(async (key: string) => ({ ok: true, data: key })),
    dispose: vi.fn(async () => undefined),
    keychain: { kind: 'keychain', reason: '' },
  },
}

vi.mock('electron', () => {
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents()
    loadURL = vi.fn(async () => undefined)
    constructor(readonly options: Record<string, unknown>) {
      super()
      state.windows.push(this as never)
    }
    isMinimized = () => false
    restore = vi.fn()
    focus = vi.fn()
    show = vi.fn()
  }
  class Notification extends EventEmitter {
    static isSupported = () => true
    show = vi.fn()
    constructor(readonly options: { title: string; body: string }) {
      super()
      state.notifications.push(this as never)
    }
  }
  return {
    get app() {
      return state.app
    },
    BrowserWindow,
    Notification,
    ipcMain: { handle: (channel: string, fn: (e: unknown, a: unknown) => unknown) => state.handlers.set(channel, fn) },
    // The shell looks at the network every few seconds to pause and resume the live feeds.
    net: { isOnline: () => true },
    session: {
      get defaultSession() {
        return state.session
      },
    },
    shell: { openExternal: vi.fn(async (url: string) => state.opened.push(url)) },
  }
})
vi.mock('../../../src-main/core', () => ({
  // Core is ready at once, or (holdCore) when the test calls releaseCore.
  createCore: vi.fn(() => (state.holdCore ? new Promise((r) => (state.releaseCore = () => r(state.core))) : Promise.resolve(state.core))),
}))
vi.mock('../../../src-main/core/secrets/keytar-store', () => ({ KeytarSecretStore: class {}, loadKeytar: vi.fn() }))
vi.mock('../../../src-server', () => ({ startServer: vi.fn() }))

async function boot(argv: string[] = ['/usr/bin/account-console'], defaultApp = false, isPackaged = false) {
  state.app = new FakeApp()
  state.app.isPackaged = isPackaged
  state.session = new FakeSession()
  state.windows = []
  state.handlers.clear()
  state.core.handleDeepLink.mockClear()
  vi.resetModules()
  const originalArgv = process.argv
  process.argv = argv
  Object.defineProperty(process, 'defaultApp', { value: defaultApp, configurable: true })
  const { runMainProcess } = await import('../../../src-main/shell/main')
  runMainProcess()
  process.argv = originalArgv
  return state.app
}

async function finishStartup(app: FakeApp) {
  app.readyResolve()
  await vi.waitFor(() => expect(state.windows).toHaveLength(1))
  await vi.waitFor(() => expect(state.windows[0]!.loadURL).toHaveBeenCalled())
}

/** The Content-Security-Policy the session adds to a response the window loads. */
function cspHeader(): string {
  const install = state.session.webRequest.onHeadersReceived.mock.lastCall![0] as (
    details: unknown,
    callback: (r: { responseHeaders: Record<string, string[]> }) => void,
  ) => void
  let header = ''
  install({ responseHeaders: {} }, (r) => (header = r.responseHeaders['Content-Security-Policy']![0]!))
  return header
}

describe('Electron shell', () => {
  beforeEach(() => {
    for (const name of ['ACCOUNT_CONSOLE_DATA_DIR', 'ACCOUNT_CONSOLE_RECORD_BRIDGE', 'ACCOUNT_CONSOLE_SAVE_DIR', 'ELECTRON_RENDERER_URL'])
      delete process.env[name]
    state.holdCore = false
    state.releaseCore = null
  })

  it('creates an isolated, sandboxed window with no Node integration', async () => {
    const app = await boot()
    await finishStartup(app)
    const prefs = state.windows[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/)
  })

  it('quits at once when another instance holds the lock', async () => {
    state.app = new FakeApp()
    const app = state.app
    app.lock = false
    vi.resetModules()
    const { runMainProcess } = await import('../../../src-main/shell/main')
    // the module captured the new app through the mock getter
    runMainProcess()
    expect(app.quit).toHaveBeenCalled()
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('registers the protocol with a -- separator, after execPath and the script path in development', async () => {
    await boot(['/opt/electron', 'out/main/index.js'], true)
    expect(state.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('account-console', process.execPath, [
      expect.stringMatching(/out[\\/]main[\\/]index\.js$/),
      '--',
    ])
    await boot(['/usr/bin/account-console'], false)
    expect(state.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('account-console', process.execPath, ['--'])
  })

  it('queues links from process start (open-url before ready) and hands them to core once core is ready, before the window loads', async () => {
    state.holdCore = true
    const app = await boot()
    app.emit('will-finish-launching')
    const preventDefault = vi.fn()
    app.emit('open-url', { preventDefault }, 'account-console://magic-url?flow=early')
    expect(preventDefault).toHaveBeenCalled()
    app.readyResolve()
    await vi.waitFor(() => expect(state.releaseCore).not.toBeNull())
    expect(state.core.handleDeepLink).not.toHaveBeenCalled() // core is still starting
    state.releaseCore!()
    await vi.waitFor(() => expect(state.core.handleDeepLink).toHaveBeenCalledWith('account-console://magic-url?flow=early'))
    // No did-finish-load was needed.
    await vi.waitFor(() => expect(state.windows[0]?.loadURL).toHaveBeenCalled())
  })

  it('takes links from cold-start argv and from a second instance, in order; after -- only', async () => {
    const app = await boot(['/usr/bin/account-console', '--no-sandbox', '--', 'account-console://oauth?flow=cold'])
    await finishStartup(app)
    app.emit('second-instance', {}, [
      '/usr/bin/account-console',
      '--original-process-start-time=1',
      'account-console://before-separator',
      '--',
      'account-console://recovery?flow=warm',
      'https://not-ours.example',
    ])
    expect(state.core.handleDeepLink.mock.calls.map((c) => c[0])).toEqual(['account-console://oauth?flow=cold', 'account-console://recovery?flow=warm'])
  })

  it('holds events core emits before the window has loaded, then sends them in order', async () => {
    const app = await boot()
    await finishStartup(app)
    const { createCore } = await import('../../../src-main/core')
    const host = vi.mocked(createCore).mock.calls.at(-1)![0]
    host.emit('notice', { level: 'warning', message: 'early' })
    const contents = state.windows[0]!.webContents
    expect(contents.send).not.toHaveBeenCalled()
    contents.emit('did-finish-load')
    host.emit('notice', { level: 'info', message: 'late' })
    expect(contents.send.mock.calls.map((c) => (c[1] as { message: string }).message)).toEqual(['early', 'late'])
  })

  it('a packaged build ignores ELECTRON_RENDERER_URL and every ACCOUNT_CONSOLE_* hook, and has no DevTools', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/'
    process.env.ACCOUNT_CONSOLE_DATA_DIR = '/tmp/elsewhere'
    process.env.ACCOUNT_CONSOLE_RECORD_BRIDGE = '1'
    delete (globalThis as { __acBridgeRecord?: unknown }).__acBridgeRecord
    const app = await boot(['/usr/bin/account-console'], false, true)
    await finishStartup(app)
    expect(app.setPath).not.toHaveBeenCalled()
    expect(String(state.windows[0]!.loadURL.mock.calls[0]![0])).toMatch(/^file:\/\/.*renderer[\\/]index\.html$/)
    expect((globalThis as { __acBridgeRecord?: unknown }).__acBridgeRecord).toBeUndefined()
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: false })
    expect(cspHeader()).toContain("style-src 'self';")
    expect(cspHeader()).not.toContain('unsafe-inline')
  })

  it('an unpackaged build honours the hooks (the e2e launcher and electron-vite dev need them)', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
    process.env.ACCOUNT_CONSOLE_DATA_DIR = '/tmp/e2e-data'
    process.env.ACCOUNT_CONSOLE_RECORD_BRIDGE = '1'
    const app = await boot(['/usr/bin/account-console'], false, false)
    await finishStartup(app)
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/e2e-data')
    expect(state.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(Array.isArray((globalThis as { __acBridgeRecord?: unknown }).__acBridgeRecord)).toBe(true)
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: true })
    // Only electron-vite's dev server, which injects component CSS as <style> elements.
    expect(cspHeader()).toContain("style-src 'self' 'unsafe-inline'")
  })

  it('refuses every permission and device except clipboard writes from the app page', async () => {
    const app = await boot()
    await finishStartup(app)
    const appUrl = String(state.windows[0]!.loadURL.mock.calls[0]![0])
    const check = state.session.setPermissionCheckHandler.mock.calls[0]![0] as (wc: { getURL(): string } | null, permission: string) => boolean
    const ours = { getURL: () => appUrl }
    const foreign = { getURL: () => 'https://evil.example/' }
    expect(check(ours, 'clipboard-sanitized-write')).toBe(true)
    expect(check(foreign, 'clipboard-sanitized-write')).toBe(false)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'usb', 'serial', 'openExternal'])
      expect(check(ours, permission)).toBe(false)
    const request = state.session.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: { getURL(): string },
      permission: string,
      cb: (granted: boolean) => void,
    ) => void
    const answers: boolean[] = []
    request(ours, 'media', (granted) => answers.push(granted))
    request(ours, 'clipboard-sanitized-write', (granted) => answers.push(granted))
    expect(answers).toEqual([false, true])
    const device = state.session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean
    expect(device()).toBe(false)
    const picked: unknown[] = []
    const hid = { preventDefault: vi.fn() }
    state.session.emit('select-hid-device', hid, {}, (id: unknown) => picked.push(id))
    state.session.emit('select-usb-device', { preventDefault: vi.fn() }, {}, (id: unknown) => picked.push(id))
    state.session.emit('select-serial-port', { preventDefault: vi.fn() }, [], {}, (id: unknown) => picked.push(id))
    expect(hid.preventDefault).toHaveBeenCalled()
    expect(picked).toEqual([null, undefined, ''])
  })

  it('wires IPC for every contract method, and refuses calls from other frames', async () => {
    const app = await boot()
    await finishStartup(app)
    const expected = Object.entries(API_METHODS).flatMap(([ns, m]) => Object.keys(m).map((k) => `ac:${ns}.${k}`))
    expect([...state.handlers.keys()].sort()).toEqual(expected.sort())
    const appUrl = String(state.windows[0]!.loadURL.mock.calls[0]![0])
    const trusted = await state.handlers.get('ac:auth.getState')!({ senderFrame: { url: appUrl } }, { profileId: 'x' })
    expect(trusted).toEqual({ ok: true, data: 'auth.getState' })
    const forged = (await state.handlers.get('ac:auth.getState')!({ senderFrame: { url: 'https://evil.example/' } }, { profileId: 'x' })) as { ok: boolean }
    expect(forged.ok).toBe(false)
  })

  it('denies navigation and new windows, opening only allowed external URLs', async () => {
    const app = await boot()
    const contents = new FakeWebContents() as FakeWebContents & { setWindowOpenHandler: ReturnType<typeof vi.fn> }
    contents.setWindowOpenHandler = vi.fn()
    app.emit('web-contents-created', {}, contents)
    const navigate = { preventDefault: vi.fn() }
    contents.emit('will-navigate', navigate, 'https://evil.example')
    expect(navigate.preventDefault).toHaveBeenCalled()
    const openHandler = (contents.setWindowOpenHandler.mock.calls as unknown as Array<[(d: { url: string }) => { action: string }]>)[0]![0]
    state.opened.length = 0
    expect(openHandler({ url: 'https://appwrite.io/docs' })).toEqual({ action: 'deny' })
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openHandler({ url: 'https://user:pw@evil.example' })).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(state.opened).toEqual(['https://appwrite.io/docs']))
  })

  it('shows a desktop notification for core; its click brings the window to the front, then shows the alert', async () => {
    const app = await boot()
    await finishStartup(app)
    const { createCore } = await import('../../../src-main/core')
    const host = vi.mocked(createCore).mock.calls.at(-1)![0]
    state.notifications.length = 0
    const onClick = vi.fn()
    host.notify({ title: 'New sign-in on another device', body: 'Firefox 128 on Mac 14', onClick })
    expect(state.notifications).toHaveLength(1)
    const shown = state.notifications[0]!
    expect(shown.options).toEqual({ title: 'New sign-in on another device', body: 'Firefox 128 on Mac 14' })
    expect(shown.show).toHaveBeenCalled()
    const window = state.windows[0] as unknown as { focus: ReturnType<typeof vi.fn>; show: ReturnType<typeof vi.fn> }
    window.focus.mockClear()
    expect(onClick).not.toHaveBeenCalled()
    shown.emit('click')
    expect(window.focus).toHaveBeenCalled()
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('uses the data folder override the e2e launcher sets', async () => {
    process.env.ACCOUNT_CONSOLE_DATA_DIR = '/tmp/e2e-data'
    const app = await boot()
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/e2e-data')
  })
})
