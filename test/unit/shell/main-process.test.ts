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
}

const state = {
  app: new FakeApp(),
  windows: [] as Array<{ options: Record<string, unknown>; webContents: FakeWebContents; loadURL: ReturnType<typeof vi.fn> }>,
  handlers: new Map<string, (event: unknown, arg: unknown) => unknown>(),
  opened: [] as string[],
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
  return {
    get app() {
      return state.app
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (e: unknown, a: unknown) => unknown) => state.handlers.set(channel, fn) },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async (url: string) => state.opened.push(url)) },
  }
})
vi.mock('../../../src-main/core', () => ({ createCore: vi.fn(async () => state.core) }))
vi.mock('../../../src-main/core/secrets/keytar-store', () => ({ KeytarSecretStore: class {}, loadKeytar: vi.fn() }))
vi.mock('../../../src-server', () => ({ startServer: vi.fn() }))

async function boot(argv: string[] = ['/usr/bin/account-console'], defaultApp = false) {
  state.app = new FakeApp()
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

describe('Electron shell', () => {
  beforeEach(() => {
    delete process.env.ACCOUNT_CONSOLE_DATA_DIR
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

  it('registers the protocol, with execPath and the script path in development', async () => {
    await boot(['/opt/electron', 'out/main/index.js'], true)
    expect(state.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('account-console', process.execPath, [expect.stringMatching(/out[\\/]main[\\/]index\.js$/)])
    await boot(['/usr/bin/account-console'], false)
    expect(state.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('account-console')
  })

  it('listens for open-url before ready and queues links until the window has loaded', async () => {
    const app = await boot()
    app.emit('will-finish-launching')
    const preventDefault = vi.fn()
    app.emit('open-url', { preventDefault }, 'account-console://magic-url?flow=early')
    expect(preventDefault).toHaveBeenCalled()
    expect(state.core.handleDeepLink).not.toHaveBeenCalled()
    await finishStartup(app)
    expect(state.core.handleDeepLink).not.toHaveBeenCalled()
    state.windows[0]!.webContents.emit('did-finish-load')
    expect(state.core.handleDeepLink).toHaveBeenCalledWith('account-console://magic-url?flow=early')
  })

  it('takes links from cold-start argv and from a second instance, in order', async () => {
    const app = await boot(['/usr/bin/account-console', '--no-sandbox', 'account-console://oauth?flow=cold'])
    await finishStartup(app)
    state.windows[0]!.webContents.emit('did-finish-load')
    app.emit('second-instance', {}, ['/usr/bin/account-console', '--original-process-start-time=1', 'account-console://recovery?flow=warm', 'https://not-ours.example'])
    expect(state.core.handleDeepLink.mock.calls.map((c) => c[0])).toEqual(['account-console://oauth?flow=cold', 'account-console://recovery?flow=warm'])
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

  it('uses the data folder override the e2e launcher sets', async () => {
    process.env.ACCOUNT_CONSOLE_DATA_DIR = '/tmp/e2e-data'
    const app = await boot()
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/e2e-data')
  })
})
