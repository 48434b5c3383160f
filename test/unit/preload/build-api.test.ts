import { describe, expect, it, vi } from 'vitest'
import { API_EVENTS, API_METHODS, eventChannel } from '../../../src-shared/ipc'
import { buildApi, type Transport } from '../../../src-main/preload/build-api'

function recordingTransport(answer: (channel: string, call: number) => Promise<unknown> = async (channel) => ({ ok: true, data: channel })) {
  const invoked: Array<{ channel: string; arg: unknown }> = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const transport: Transport = {
    invoke: (channel, arg) => {
      invoked.push({ channel, arg })
      return answer(channel, invoked.length)
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
    // The start-up question the builder asks by itself (see the 'start-up answer' tests).
    expect(invoked.splice(0)).toEqual([{ channel: 'ac:app.start', arg: undefined }])
    await api.auth!.getState!({ a: 1 })
    invoked.splice(0)
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

describe('the start-up answer', () => {
  const startChannel = 'ac:app.start'
  const authChanged = eventChannel('authChanged')

  it('is asked for as the API is built, and the page’s first app.start gets that answer', async () => {
    const { transport, invoked, listeners } = recordingTransport(async (channel, call) => ({ ok: true, data: `${channel} #${call}` }))
    const api = buildApi(transport)
    expect(invoked).toEqual([{ channel: startChannel, arg: undefined }])

    expect(await api.app.start()).toEqual({ ok: true, data: 'ac:app.start #1' })
    expect(invoked).toHaveLength(1)
    // Handed out once: the next start asks main again, and the builder stops listening.
    expect(await api.app.start()).toEqual({ ok: true, data: 'ac:app.start #2' })
    expect(listeners.get(authChanged)?.size ?? 0).toBe(0)
  })

  it('is dropped when main reports an auth change before the page asks', async () => {
    const { transport, invoked, emit, listeners } = recordingTransport(async (channel, call) => ({ ok: true, data: `${channel} #${call}` }))
    const api = buildApi(transport)

    emit(authChanged, { profileId: 'local', status: 'signed-in', account: null })

    expect(await api.app.start()).toEqual({ ok: true, data: 'ac:app.start #2' })
    expect(invoked.map((i) => i.channel)).toEqual([startChannel, startChannel])
    expect(listeners.get(authChanged)?.size ?? 0).toBe(0)
  })

  it('is dropped when the page makes another call first', async () => {
    const { transport, invoked } = recordingTransport(async (channel, call) => ({ ok: true, data: `${channel} #${call}` }))
    const api = buildApi(transport)

    await api.profiles.select({ profileId: 'cloud' })

    expect(await api.app.start()).toEqual({ ok: true, data: 'ac:app.start #3' })
    expect(invoked.map((i) => i.channel)).toEqual([startChannel, 'ac:profiles.select', startChannel])
  })

  it('asks again when the early answer was a failure', async () => {
    const { transport, invoked } = recordingTransport(async (_channel, call) =>
      call === 1 ? { ok: false, error: { type: 'invalid_argument', code: 0, message: 'Untrusted sender' } } : { ok: true, data: 'fresh' },
    )
    const api = buildApi(transport)

    expect(await api.app.start()).toEqual({ ok: true, data: 'fresh' })
    expect(invoked).toHaveLength(2)
  })

  it('asks again when the early question was rejected, without an unhandled rejection', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const { transport, invoked } = recordingTransport(async (_channel, call) => {
        if (call === 1) throw new Error('No handler registered for ac:app.start')
        return { ok: true, data: 'fresh' }
      })
      const api = buildApi(transport)
      await new Promise((resolve) => setTimeout(resolve, 0))

      expect(await api.app.start()).toEqual({ ok: true, data: 'fresh' })
      expect(invoked).toHaveLength(2)
      // A rejected early question nobody takes is not reported either.
      buildApi(transport)
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})

describe('the subscription count (for the harness only)', () => {
  it('counts live event subscriptions, and an unsubscribe called twice counts once', () => {
    const { transport, listeners } = recordingTransport()
    const counter = { live: 0 }
    const api = buildApi(transport, counter)
    const offAuth = api.events.onAuthChanged(() => undefined)
    const offNotice = api.events.onNotice(() => undefined)
    expect(counter.live).toBe(2)
    offAuth()
    offAuth()
    expect(counter.live).toBe(1)
    offNotice()
    expect(counter.live).toBe(0)
    // The transport's own listeners went too (the builder's start-up watch aside).
    expect(listeners.get(eventChannel('notice'))?.size ?? 0).toBe(0)
  })

  it('is not part of window.api: without a counter nothing is counted and no new member appears', () => {
    const { transport } = recordingTransport()
    const api = buildApi(transport) as unknown as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'events'].sort())
    expect(Object.keys(api.events as object).sort()).toEqual(Object.keys(API_EVENTS).sort())
  })
})
