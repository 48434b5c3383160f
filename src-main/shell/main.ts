/**
 * The Electron main entry: the only place (with the preload) that imports 'electron' at runtime.
 * It owns the window, the single-instance lock, the protocol registration and the IPC wiring,
 * and hands everything else to core.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, net, Notification, session, shell, type IpcMainInvokeEvent } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { API_METHODS, eventChannel, methodChannel } from '../../src-shared/ipc'
import { createCore, type Core, type Host } from '../core'
import { KeytarSecretStore, loadKeytar } from '../core/secrets/keytar-store'
import { EMBEDDED_SANDBOX_OPTIONS, startServer } from '../../src-server'
import { DeepLinkQueue, deepLinksFromArgv, registerProtocol } from './deep-links'
import { readDevHooks } from './dev-hooks'
import { installContentSecurityPolicy, isAllowedExternalUrl, isTrustedSender, lockDownWebContents, secureWebPreferences } from './security'

/** What the e2e launcher records (only when unpackaged and ACCOUNT_CONSOLE_RECORD_BRIDGE=1). */
let bridgeRecord: Array<{ kind: string; channel: string; payload: unknown }> | null = null
/** Under test, external URLs are recorded instead of opened. */
let testRecords: { saved: string[]; opened: string[]; notified: Array<{ title: string; body: string; click(): void }> } | null = null

export function runMainProcess(): void {
  // Before anything else: a shipped build ignores every environment hook (dev-hooks.ts).
  const hooks = readDevHooks(process.env, app.isPackaged)
  if (hooks.recordBridge) {
    bridgeRecord = []
    testRecords = { saved: [], opened: [], notified: [] }
    Object.assign(globalThis, {
      __acBridgeRecord: bridgeRecord,
      __acSavedFiles: testRecords.saved,
      __acOpenedExternally: testRecords.opened,
      __acNotifications: testRecords.notified,
    })
  }
  if (hooks.dataDir) app.setPath('userData', hooks.dataDir)
  // Links are queued from the first moment and handed to core as soon as core exists.
  const links = new DeepLinkQueue()

  // Must be registered before 'ready' or the URL that launched the app on macOS is lost.
  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault()
      links.push(url)
    })
  })

  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  let window: BrowserWindow | null = null
  const liveNotifications = new Set<Notification>()
  const bringToFront = (): void => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }
  app.on('second-instance', (_event, argv) => {
    for (const url of deepLinksFromArgv(argv)) links.push(url)
    bringToFront()
  })
  for (const url of deepLinksFromArgv(process.argv)) links.push(url)
  registerProtocol(app, process, (p) => resolve(p))

  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, openExternal))
  app.on('window-all-closed', () => app.quit())

  // Events core emits before the window has loaded wait here (a link handled at start-up may
  // finish before the page listens), then go out in order.
  let pendingEvents: Array<{ channel: string; payload: unknown }> | null = []
  const send = (channel: string, payload: unknown): void => {
    if (pendingEvents) pendingEvents.push({ channel, payload })
    else window?.webContents.send(channel, payload)
  }

  void app.whenReady().then(async () => {
    const appUrl = hooks.rendererUrl ?? `file://${join(__dirname, '../renderer/index.html')}`
    const host: Host = {
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      openExternal: async (url) => openExternal(url),
      emit: (name, payload) => {
        bridgeRecord?.push({ kind: 'event', channel: eventChannel(name), payload })
        send(eventChannel(name), payload)
      },
      async saveFile(request) {
        if (hooks.saveDir) {
          const path = join(hooks.saveDir, request.defaultName)
          await writeFile(path, request.content, { mode: 0o600 })
          testRecords?.saved.push(path)
          return path
        }
        const options = {
          title: request.title,
          defaultPath: request.defaultName,
          filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        }
        const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
        if (choice.canceled || !choice.filePath) return null
        await writeFile(choice.filePath, request.content, { mode: 0o600 })
        return choice.filePath
      },
      // Sign-in alerts (core/live/alerts.ts): a click brings the window up and shows the alert there.
      notify(notification) {
        const click = (): void => {
          bringToFront()
          notification.onClick()
        }
        if (testRecords) {
          testRecords.notified.push({ title: notification.title, body: notification.body, click })
          return
        }
        if (!Notification.isSupported()) return
        const shown = new Notification({ title: notification.title, body: notification.body })
        // Held until clicked or closed: a collected Notification loses its click handler.
        liveNotifications.add(shown)
        shown.on('click', () => {
          liveNotifications.delete(shown)
          click()
        })
        shown.on('close', () => liveNotifications.delete(shown))
        shown.show()
      },
      copyText: async (text) => clipboard.writeText(text),
      clearClipboardIf: async (text) => {
        if ((await clipboard.readText()) === text) clipboard.clear()
      },
      registerUrlScheme: (scheme) => void registerProtocol(app, process, (p) => resolve(p), scheme),
      log: (line) => console.log(`[core] ${line}`),
      now: () => Date.now(),
    }
    const core: Core = await createCore(host, {
      openSecretStore: async () => new KeytarSecretStore(await loadKeytar()),
      startSandbox: (dataDir) => startServer({ ...EMBEDDED_SANDBOX_OPTIONS, dataDir }),
    })
    // Core is ready: queued links (cold-start argv, an early open-url) are handled now, not
    // when the window has loaded, so their secrets spend no longer than needed in this process.
    links.attach((url) => void core.handleDeepLink(url))
    registerIpc(core, appUrl)
    installContentSecurityPolicy(session.defaultSession, appUrl, { devServer: hooks.rendererUrl !== null })
    // Main has no online/offline event; a cheap look every few seconds pauses and resumes the live feeds.
    let online = net.isOnline()
    setInterval(() => {
      if (net.isOnline() === online) return
      online = !online
      core.setOnline(online)
    }, 5_000).unref()

    // Electron scan: webPreferences come from secureWebPreferences (contextIsolation and sandbox on, unit-tested),
    // and middle-click windows meet setWindowOpenHandler, which denies every window (lockDownWebContents).
    // Kept on the line that opens the call, where the scanner reads its eng-disable comment:
    // prettier-ignore
    window = new BrowserWindow({ /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
      width: 1100,
      height: 760,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Account Console',
      webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js'), { devTools: !app.isPackaged }),
    })
    window.once('ready-to-show', () => window?.show())
    window.webContents.once('did-finish-load', () => {
      const queued = pendingEvents ?? []
      pendingEvents = null
      for (const event of queued) window?.webContents.send(event.channel, event.payload)
    })
    await window.loadURL(appUrl)
    app.on('before-quit', () => void core.dispose())
  })
}

function openExternal(url: string): void {
  if (!isAllowedExternalUrl(url)) return
  if (testRecords) testRecords.opened.push(url)
  // Electron scan: only URLs isAllowedExternalUrl passed (https, or http on a loopback host) reach the OS.
  else void shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

function registerIpc(core: Core, appUrl: string): void {
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    for (const method of Object.keys(methods)) {
      ipcMain.handle(methodChannel(namespace, method), async (event: IpcMainInvokeEvent, arg: unknown) => {
        if (!isTrustedSender(event.senderFrame?.url, appUrl)) {
          return { ok: false, error: { type: 'invalid_argument', code: 0, message: 'Untrusted sender' } }
        }
        bridgeRecord?.push({ kind: 'invoke', channel: methodChannel(namespace, method), payload: arg })
        const result = await core.invoke(`${namespace}.${method}`, arg)
        bridgeRecord?.push({ kind: 'result', channel: methodChannel(namespace, method), payload: result })
        return result
      })
    }
  }
  // Nothing else can be invoked: a channel outside the contract has no handler at all.
}
