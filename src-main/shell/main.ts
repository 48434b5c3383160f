/**
 * The Electron main entry: the only place (with the preload) that imports 'electron' at runtime.
 * It owns the window, the single-instance lock, the protocol registration and the IPC wiring,
 * and hands everything else to core.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { API_METHODS, eventChannel, methodChannel } from '../../src-shared/ipc'
import { createCore, type Core, type Host } from '../core'
import { KeytarSecretStore, loadKeytar } from '../core/secrets/keytar-store'
import { startServer } from '../../src-server'
import { DeepLinkQueue, deepLinksFromArgv, registerProtocol } from './deep-links'
import { installContentSecurityPolicy, isAllowedExternalUrl, isTrustedSender, lockDownWebContents, secureWebPreferences } from './security'

/**
 * Test hooks, both off unless the e2e launcher sets them: a data folder per test, and a record of
 * every payload crossing the bridge (the spec checks that no secret is ever among them).
 */
const dataDirOverride = process.env.ACCOUNT_CONSOLE_DATA_DIR
const bridgeRecord: Array<{ kind: string; channel: string; payload: unknown }> | null =
  process.env.ACCOUNT_CONSOLE_RECORD_BRIDGE === '1' ? [] : null
if (bridgeRecord) (globalThis as { __acBridgeRecord?: unknown }).__acBridgeRecord = bridgeRecord
/** Under test, saves go to this folder without a dialog, and external URLs are recorded instead of opened. */
const testSaveDir = process.env.ACCOUNT_CONSOLE_SAVE_DIR
const testRecords = bridgeRecord ? { saved: [] as string[], opened: [] as string[] } : null
if (testRecords) Object.assign(globalThis, { __acSavedFiles: testRecords.saved, __acOpenedExternally: testRecords.opened })

export function runMainProcess(): void {
  if (dataDirOverride) app.setPath('userData', dataDirOverride)
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
  app.on('second-instance', (_event, argv) => {
    for (const url of deepLinksFromArgv(argv)) links.push(url)
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  for (const url of deepLinksFromArgv(process.argv)) links.push(url)
  registerProtocol(app, process, (p) => resolve(p))

  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, openExternal))
  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(async () => {
    const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`
    const host: Host = {
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      openExternal: async (url) => openExternal(url),
      emit: (name, payload) => {
        bridgeRecord?.push({ kind: 'event', channel: eventChannel(name), payload })
        window?.webContents.send(eventChannel(name), payload)
      },
      async saveFile(request) {
        if (testSaveDir) {
          const path = join(testSaveDir, request.defaultName)
          await writeFile(path, request.content, { mode: 0o600 })
          testRecords?.saved.push(path)
          return path
        }
        const options = { title: request.title, defaultPath: request.defaultName, filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) }
        const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
        if (choice.canceled || !choice.filePath) return null
        await writeFile(choice.filePath, request.content, { mode: 0o600 })
        return choice.filePath
      },
      copyText: async (text) => clipboard.writeText(text),
      registerUrlScheme: (scheme) => void registerProtocol(app, process, (p) => resolve(p), scheme),
      log: (line) => console.log(`[core] ${line}`),
      now: () => Date.now(),
    }
    const core: Core = await createCore(host, {
      openSecretStore: async () => new KeytarSecretStore(await loadKeytar()),
      startSandbox: (dataDir) => startServer({ dataDir, port: 0 }),
    })
    registerIpc(core, appUrl)
    installContentSecurityPolicy(session.defaultSession)

    window = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Account Console',
      webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
    })
    window.once('ready-to-show', () => window?.show())
    window.webContents.once('did-finish-load', () => links.attach((url) => void core.handleDeepLink(url)))
    await window.loadURL(appUrl)
    app.on('before-quit', () => void core.dispose())
  })
}

function openExternal(url: string): void {
  if (!isAllowedExternalUrl(url)) return
  if (testRecords) testRecords.opened.push(url)
  else void shell.openExternal(url)
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
