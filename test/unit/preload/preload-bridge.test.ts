import { beforeEach, describe, expect, it, vi } from 'vitest'

// The real preload module, with Electron's contextBridge and ipcRenderer replaced by recorders.
const exposed = new Map<string, unknown>()
const handlers = new Map<string, (...a: unknown[]) => void>()
const ipcRenderer = {
  invoke: vi.fn(async (channel: string, arg: unknown) => ({ ok: true, data: { channel, arg } })),
  on: vi.fn((channel: string, fn: (...a: unknown[]) => void) => handlers.set(channel, fn)),
  removeListener: vi.fn((channel: string) => handlers.delete(channel)),
}
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer,
}))

describe('preload', () => {
  beforeEach(async () => {
    exposed.clear()
    vi.resetModules()
    await import('../../../src-main/preload/index')
  })

  it('exposes one thing, window.api, and never ipcRenderer or process data', () => {
    expect([...exposed.keys()]).toEqual(['api'])
    const text = JSON.stringify(exposed.get('api'), (_k, v) => (typeof v === 'function' ? '[fn]' : v))
    expect(text).not.toMatch(/ipcRenderer|process|env/)
  })

  it('invokes on the contract channel and hands listeners the payload without the IPC event', async () => {
    const api = exposed.get('api') as { auth: { getState(a: unknown): Promise<unknown> }; events: { onAuthChanged(l: (p: unknown) => void): () => void } }
    await api.auth.getState({ profileId: 'p' })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('ac:auth.getState', { profileId: 'p' })

    const listener = vi.fn()
    const unsubscribe = api.events.onAuthChanged(listener)
    const fakeEvent = { sender: { secret: 'ipc internals' } }
    handlers.get('ac:event.authChanged')!(fakeEvent, { status: 'signed-out' })
    expect(listener).toHaveBeenCalledWith({ status: 'signed-out' })
    expect(listener.mock.calls[0]).toHaveLength(1)
    unsubscribe()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('ac:event.authChanged', expect.any(Function))
  })
})
