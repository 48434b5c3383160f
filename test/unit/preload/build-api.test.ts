import { describe, expect, it, vi } from 'vitest'
import { API_EVENTS, API_METHODS, eventChannel } from '../../../src-shared/ipc'
import { buildApi, type Transport } from '../../../src-main/preload/build-api'

function recordingTransport() {
  const invoked: Array<{ channel: string; arg: unknown }> = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const transport: Transport = {
    invoke: async (channel, arg) => {
      invoked.push({ channel, arg })
      return { ok: true, data: channel }
    },
    subscribe(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
      return () => listeners.get(channel)!.delete(listener)
    },
  }
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload))
  return { transport, invoked, emit, listeners }
}

describe('buildApi', () => {
  it('has exactly the contract methods, each invoking its own channel with one argument', async () => {
    const { transport, invoked } = recordingTransport()
    const api = buildApi(transport) as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'events'].sort())
    for (const [ns, methods] of Object.entries(API_METHODS)) {
      expect(Object.keys(api[ns]!).sort()).toEqual(Object.keys(methods).sort())
      for (const method of Object.keys(methods)) {
        await api[ns]![method]!({ a: 1 }, 'extra argument that must not cross')
      }
    }
    expect(invoked.map((i) => i.channel)).toContain('ac:auth.signInWithPassword')
    expect(invoked.every((i) => JSON.stringify(i.arg) === '{"a":1}')).toBe(true)
  })

  it('is frozen: the page cannot add or replace methods', () => {
    const api = buildApi(recordingTransport().transport) as unknown as Record<string, unknown>
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.isFrozen(api.auth)).toBe(true)
    expect(() => {
      ;(api as Record<string, unknown>).ipcRenderer = {}
    }).toThrow()
  })

  it('passes only the payload to listeners, and unsubscribe stops delivery', () => {
    const { transport, emit, listeners } = recordingTransport()
    const api = buildApi(transport)
    const seen = vi.fn()
    const unsubscribe = api.events.onNotice(seen)
    emit(eventChannel('notice'), { level: 'info', message: 'hello' })
    expect(seen).toHaveBeenCalledWith({ level: 'info', message: 'hello' })
    expect(seen.mock.calls[0]).toHaveLength(1)
    unsubscribe()
    emit(eventChannel('notice'), { level: 'info', message: 'again' })
    expect(seen).toHaveBeenCalledTimes(1)
    expect(listeners.get(eventChannel('notice'))?.size).toBe(0)
  })

  it('has one subscriber per contract event and refuses a non-function listener', () => {
    const api = buildApi(recordingTransport().transport)
    expect(Object.keys(api.events).sort()).toEqual(Object.keys(API_EVENTS).sort())
    expect(() => api.events.onAuthChanged('nope' as never)).toThrow(TypeError)
  })
})
