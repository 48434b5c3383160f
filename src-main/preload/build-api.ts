/**
 * Builds the `window.api` object from the contract in src-shared/ipc.ts.
 *
 * This file has no Electron import on purpose: the preload (index.ts) feeds it an ipcRenderer
 * transport, and the e2e harness feeds it a Playwright binding, so the same code builds the API
 * in both worlds. Only the methods and events listed in the contract exist; listeners receive the
 * payload alone (never an IPC event object), and every subscription returns its unsubscribe.
 *
 * One call is made before the page asks: `app.start`, the window's start-up answer (see
 * `askEarly`), so main checks the stored session while the renderer's scripts load.
 */
import { API_EVENTS, API_METHODS, eventChannel, methodChannel, type Api } from '../../src-shared/ipc'

export interface Transport {
  invoke(channel: string, arg: unknown): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/**
 * Counts the page's live event subscriptions (`window.api.events.*` minus those unsubscribed), so a
 * test can check that moving between screens leaves no listener behind. Only the e2e harness
 * passes one; the app's preload does not, and `window.api` has no count either way.
 */
export interface SubscriptionCounter {
  live: number
}

/** The call asked for as the document starts. */
const EARLY_CHANNEL = methodChannel('app', 'start')

/**
 * Asks main for the start-up answer now and hands that same answer to the page's first
 * `app.start` call, as long as it is still as fresh as a new question would be: an auth change
 * reported meanwhile, or any other call made first (it may change what start-up would say),
 * drops it and the page's call goes to main as usual. Either way it is handed out at most once,
 * and only a successful answer is: if the early question failed (main not ready, a refused
 * sender, a closed channel), the page's call asks again, so asking early can cost nothing.
 */
function askEarly(transport: Transport): { take(): Promise<unknown> | null; drop(): void } {
  const ask = (): Promise<unknown> => transport.invoke(EARLY_CHANNEL, undefined)
  let answer: Promise<unknown> | null = ask()
  // Nobody may ever take it; its failure must not surface as an unhandled rejection.
  answer.catch(() => undefined)
  const stopWatching = transport.subscribe(eventChannel('authChanged'), () => drop())
  function drop(): void {
    if (answer === null) return
    answer = null
    stopWatching()
  }
  return {
    take() {
      const taken = answer
      drop()
      return taken?.then((result) => (isSuccess(result) ? result : ask()), ask) ?? null
    },
    drop,
  }
}

function isSuccess(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === true
}

export function buildApi(transport: Transport, counter?: SubscriptionCounter): Api {
  const early = askEarly(transport)
  const api: Record<string, Record<string, unknown>> = {}
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    const group: Record<string, unknown> = {}
    for (const method of Object.keys(methods)) {
      const channel = methodChannel(namespace, method)
      // Exactly one argument crosses the bridge; anything else the caller passes is dropped.
      group[method] =
        channel === EARLY_CHANNEL
          ? (arg?: unknown) => early.take() ?? transport.invoke(channel, arg)
          : (arg?: unknown) => {
              early.drop()
              return transport.invoke(channel, arg)
            }
    }
    api[namespace] = Object.freeze(group)
  }
  const events: Record<string, unknown> = {}
  for (const [subscriber, name] of Object.entries(API_EVENTS)) {
    const channel = eventChannel(name)
    events[subscriber] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriber} needs a function`)
      const unsubscribe = transport.subscribe(channel, (payload) => (listener as (p: unknown) => void)(payload))
      if (!counter) return unsubscribe
      counter.live += 1
      let subscribed = true
      return () => {
        // A second call unsubscribes nothing, so it must not count twice.
        if (subscribed) counter.live -= 1
        subscribed = false
        unsubscribe()
      }
    }
  }
  api.events = Object.freeze(events)
  return Object.freeze(api) as unknown as Api
}
