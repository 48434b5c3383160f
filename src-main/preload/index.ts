/**
 * The preload: the only bridge between the sandboxed renderer and main.
 * It exposes exactly one object, `window.api`, built from the shared contract; no ipcRenderer,
 * no event objects, no process data (electron security checklist #20, electron-practice §4).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi, type Transport } from './build-api'

const transport: Transport = {
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe(channel, listener) {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('api', buildApi(transport))
