/**
 * Builds the `window.api` object from the contract in src-shared/ipc.ts.
 *
 * This file has no Electron import on purpose: the preload (index.ts) feeds it an ipcRenderer
 * transport, and the e2e harness feeds it a Playwright binding, so the same code builds the API
 * in both worlds. Only the methods and events listed in the contract exist; listeners receive the
 * payload alone (never an IPC event object), and every subscription returns its unsubscribe.
 */
import {
  API_EVENTS,
  API_METHODS,
  eventChannel,
  methodChannel,
  type Api,
} from '../../src-shared/ipc'

export interface Transport {
  invoke(channel: string, arg: unknown): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    const group: Record<string, unknown> = {}
    for (const method of Object.keys(methods)) {
      const channel = methodChannel(namespace, method)
      // Exactly one argument crosses the bridge; anything else the caller passes is dropped.
      group[method] = (arg?: unknown) => transport.invoke(channel, arg)
    }
    api[namespace] = Object.freeze(group)
  }
  const events: Record<string, unknown> = {}
  for (const [subscriber, name] of Object.entries(API_EVENTS)) {
    const channel = eventChannel(name)
    events[subscriber] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriber} needs a function`)
      return transport.subscribe(channel, (payload) => (listener as (p: unknown) => void)(payload))
    }
  }
  api.events = Object.freeze(events)
  return Object.freeze(api) as unknown as Api
}
