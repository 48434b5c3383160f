/**
 * One Appwrite Realtime subscription per signed-in profile, held by main (issue 15 item 2).
 *
 * - Authenticated from main: the socket opens as a guest on `channels[]=account` (older servers
 *   read channels from the URL; newer ones make it a subscription) and sends the session in an
 *   `authentication` message, as the official SDKs do. The session never leaves main.
 * - Each `event` becomes a typed `liveEvent` for the window (live-change.ts strips secrets).
 * - Reconnects with back-off (1 s, 2 s, 5 s, 10 s, 30 s, then every 60 s); a ping every 20 s and
 *   a socket that stays silent past the next one is treated as dead. Offline (`setOnline(false)`)
 *   pauses every feed; back online reconnects at once.
 * - Stopped when the profile is signed out or removed (AuthService tells us before it ends a
 *   session, so our own sign-out is never mistaken for one made elsewhere).
 * - When this device's session ends elsewhere (deleted from another device, evicted by the
 *   session limit, expired, account blocked) the feed has the server confirm it, and says which
 *   one happened instead of dropping to the sign-in screen without a word (item 5).
 */
import { WebSocket, type RawData } from 'ws'
import type { AuthState, LiveEventDTO, LiveStatusDTO } from '../../../src-shared/ipc'
import type { Host } from '../host'
import { toLiveEvent, type RealtimeEventData } from './live-change'

export const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000] as const
export const HEARTBEAT_MS = 20_000
/**
 * Our session's deletion right behind another session's creation — nothing between, stamped
 * within this many ms of it by the server — is the session limit evicting it: the sandbox sends
 * both for the one sign-in (Appwrite sends no event for an eviction). A deletion by a person
 * needs at least one more request, so it is stamped later.
 */
const EVICTION_STAMP_MS = 2
const POLICY_VIOLATION = 1008

/** `ended`: the server refused the session and no event said why (expired, or ended while we were away). */
export type EndReason = 'deleted' | 'evicted' | 'ended' | 'blocked' | 'account-deleted'

export const END_MESSAGES: Readonly<Record<Exclude<EndReason, 'blocked'>, string>> = {
  deleted: 'You were signed out: this device’s session was ended from another device.',
  evicted: 'You were signed out: a new sign-in elsewhere went over the account’s session limit, which ends the oldest session — this one.',
  ended: 'You were signed out: the server no longer accepts this device’s session — it expired or was ended elsewhere.',
  'account-deleted': 'You were signed out: the account was deleted.',
}

export interface LiveFeedDeps {
  readonly host: Host
  /** Where the profile's project lives, or null when the profile is gone. */
  profile(profileId: string): { readonly endpoint: string; readonly projectId: string } | null
  /** The profile's session (main only), or null when it is signed out. */
  session(profileId: string): Promise<{ readonly value: string; readonly userId: string } | null>
  /** The id of the profile's own session (`GET /account/sessions/current`), null when unknown. */
  currentSessionId(profileId: string): Promise<string | null>
  /** Ask the server whether the session still works; signs out here (and tells the window) if not. */
  recheck(profileId: string): Promise<AuthState>
  /** Sees every event after the window got it (sign-in alerts, alerts.ts). */
  observe?(event: LiveEventDTO): void
  /** The WebSocket to use; `ws` by default. */
  openSocket?(url: string): WebSocket
}

/** `https://host/v1` → `wss://host/v1/realtime?project=…&channels[]=account` (as the SDKs derive it). */
export function realtimeUrl(endpoint: string, projectId: string): string {
  const base = endpoint.replace(/\/+$/, '').replace(/^http(s?):\/\//i, (_m, s: string) => `ws${s}://`)
  return `${base}/realtime?project=${encodeURIComponent(projectId)}&channels%5B%5D=account`
}

class Feed {
  state: LiveStatusDTO['state'] = 'connecting'
  socket: WebSocket | null = null
  sessionValue: string | null = null
  userId = ''
  ownSessionId: string | null = null
  attempts = 0
  retryTimer: NodeJS.Timeout | null = null
  heartbeat: NodeJS.Timeout | null = null
  awaitingPong = false
  /** Server stamp of the previous event when it created another session, else NaN. */
  lastOtherCreateStamp = Number.NaN
  ending: EndReason | null = null
  /** This app ended the session itself (sign-out here): nothing to explain. */
  endedHere = false
  /** Why the session ended has been said already (by the feed or by a refused request). */
  explained = false
  /** Our `authentication` message is waiting for its answer. */
  authenticating = false
  /** Bumped on every (re)start so callbacks of an older socket do nothing. */
  generation = 0

  constructor(readonly profileId: string) {}
}

export class LiveFeeds {
  readonly #feeds = new Map<string, Feed>()
  #online = true

  constructor(private readonly deps: LiveFeedDeps) {}

  /** Follow auth changes: a signed-in profile gets a feed, a signed-out one loses it. */
  authChanged(state: AuthState): void {
    if (state.status === 'signed-in') void this.start(state.profileId)
    else if (state.status === 'signed-out') this.stop(state.profileId)
  }

  /** Opens the profile's feed, or reopens it if its session changed. */
  async start(profileId: string): Promise<void> {
    const session = await this.deps.session(profileId)
    if (!session) {
      this.stop(profileId)
      return
    }
    const existing = this.#feeds.get(profileId)
    if (existing && existing.sessionValue === session.value && existing.state !== 'stopped') return
    if (existing) this.#close(existing)
    const feed = existing ?? new Feed(profileId)
    feed.generation++
    feed.sessionValue = session.value
    feed.userId = session.userId
    feed.ownSessionId = null
    feed.attempts = 0
    feed.ending = null
    this.#feeds.set(profileId, feed)
    this.#connect(feed)
  }

  /** This app is about to end the profile's session itself: stop, and explain nothing. */
  endingHere(profileId: string): void {
    const feed = this.#feeds.get(profileId)
    if (feed) feed.endedHere = true
    this.stop(profileId)
  }

  /**
   * A request of this app was refused because the session is gone (a 401), maybe before any
   * event said why: say it now, with what the feed saw if it saw something (item 5).
   */
  lost(profileId: string): void {
    const feed = this.#feeds.get(profileId)
    if (feed?.explained || feed?.endedHere) return
    if (feed) feed.explained = true
    const reason: EndReason = feed?.ending ?? 'ended'
    this.stop(profileId)
    this.#explain(reason)
  }

  #explain(reason: EndReason): void {
    // A blocked account gets its own notice from the sign-out path (auth-service.ts).
    if (reason !== 'blocked') this.deps.host.emit('notice', { level: 'warning', message: END_MESSAGES[reason], topic: 'session-ended' })
  }

  /** Tears the profile's feed down (sign-out, profile removed). */
  stop(profileId: string): void {
    const feed = this.#feeds.get(profileId)
    if (!feed) return
    this.#feeds.delete(profileId)
    feed.generation++
    this.#close(feed)
    this.#status(feed, 'stopped')
  }

  /** The machine went offline (pause every feed) or came back (reconnect now). */
  setOnline(online: boolean): void {
    if (online === this.#online) return
    this.#online = online
    for (const feed of this.#feeds.values()) {
      feed.generation++
      this.#close(feed)
      feed.attempts = 0
      if (online) this.#connect(feed)
      else this.#status(feed, 'paused')
    }
  }

  /** What a feed is doing, for tests and diagnostics. */
  status(profileId: string): LiveStatusDTO['state'] {
    return this.#feeds.get(profileId)?.state ?? 'stopped'
  }

  dispose(): void {
    for (const profileId of [...this.#feeds.keys()]) this.stop(profileId)
  }

  #status(feed: Feed, state: LiveStatusDTO['state'], retryInMs?: number): void {
    feed.state = state
    this.deps.host.emit('liveStatus', retryInMs === undefined ? { profileId: feed.profileId, state } : { profileId: feed.profileId, state, retryInMs })
  }

  #close(feed: Feed): void {
    if (feed.retryTimer) clearTimeout(feed.retryTimer)
    if (feed.heartbeat) clearInterval(feed.heartbeat)
    feed.retryTimer = null
    feed.heartbeat = null
    const socket = feed.socket
    feed.socket = null
    feed.authenticating = false
    if (socket) {
      socket.removeAllListeners()
      socket.on('error', () => undefined)
      if (socket.readyState === socket.OPEN) socket.close(1000)
      else socket.terminate()
    }
  }

  #connect(feed: Feed): void {
    const profile = this.deps.profile(feed.profileId)
    if (!profile || !feed.sessionValue) {
      this.stop(feed.profileId)
      return
    }
    if (!this.#online) {
      this.#status(feed, 'paused')
      return
    }
    this.#status(feed, 'connecting')
    const generation = feed.generation
    const url = realtimeUrl(profile.endpoint, profile.projectId)
    let socket: WebSocket
    try {
      socket = this.deps.openSocket ? this.deps.openSocket(url) : new WebSocket(url)
    } catch (error) {
      this.deps.host.log(`live feed of ${feed.profileId}: ${error instanceof Error ? error.message : String(error)}`)
      this.#retry(feed)
      return
    }
    feed.socket = socket
    const current = () => feed.generation === generation && feed.socket === socket
    socket.on('error', (error: Error) => {
      if (current()) this.deps.host.log(`live feed of ${feed.profileId}: ${error.message}`)
    })
    socket.on('message', (raw: RawData) => {
      if (current()) this.#message(feed, raw)
    })
    socket.on('close', (code: number) => {
      if (current()) this.#closed(feed, code)
    })
    socket.on('open', () => {
      if (!current()) return
      feed.awaitingPong = false
      feed.heartbeat = setInterval(() => {
        if (!current()) return
        // No pong since the last ping: the connection is dead even if TCP has not noticed.
        if (feed.awaitingPong) socket.terminate()
        else {
          feed.awaitingPong = true
          socket.send(JSON.stringify({ type: 'ping' }))
        }
      }, HEARTBEAT_MS)
      feed.heartbeat.unref?.()
    })
  }

  #send(feed: Feed, message: unknown): void {
    if (feed.socket && feed.socket.readyState === feed.socket.OPEN) feed.socket.send(JSON.stringify(message))
  }

  #message(feed: Feed, raw: RawData): void {
    let message: { type?: unknown; data?: unknown }
    try {
      message = JSON.parse(raw.toString()) as { type?: unknown; data?: unknown }
    } catch {
      return
    }
    const data = typeof message.data === 'object' && message.data !== null ? (message.data as Record<string, unknown>) : {}
    switch (message.type) {
      case 'connected':
        if (data['user']) this.#live(feed)
        else {
          feed.authenticating = true
          this.#send(feed, { type: 'authentication', data: { session: feed.sessionValue } })
        }
        break
      case 'response':
        if (data['to'] === 'authentication' && data['success'] === true) this.#live(feed)
        break
      case 'pong':
        feed.awaitingPong = false
        break
      case 'event':
        this.#event(feed, data)
        break
      case 'error':
        // An error answering our authentication ("Session is not valid."): the session may be gone.
        if (feed.authenticating) void this.#confirmEnd(feed)
        else this.deps.host.log(`live feed of ${feed.profileId}: server said ${String(data['code'])} ${String(data['message']).slice(0, 200)}`)
        break
      default:
        break
    }
  }

  #live(feed: Feed): void {
    feed.authenticating = false
    feed.attempts = 0
    this.#status(feed, 'live')
    // Which session is ours, to tell "this device" apart (the session value names only the user).
    if (feed.ownSessionId === null) {
      const generation = feed.generation
      this.deps
        .currentSessionId(feed.profileId)
        .then((id) => {
          if (feed.generation === generation && id) feed.ownSessionId = id
        })
        .catch(() => undefined)
    }
  }

  #event(feed: Feed, data: Record<string, unknown>): void {
    if (!Array.isArray(data['events'])) return
    const event = toLiveEvent(feed.profileId, data as unknown as RealtimeEventData, feed.userId, feed.ownSessionId)
    if (!event) return
    const change = event.change
    const stamp = Date.parse(event.timestamp)
    const justCreatedOther = Math.abs(stamp - feed.lastOtherCreateStamp) <= EVICTION_STAMP_MS
    feed.lastOtherCreateStamp = change.kind === 'session' && change.action === 'create' && !change.thisDevice ? stamp : Number.NaN
    if (change.kind === 'session' && change.action === 'delete' && change.thisDevice) feed.ending = justCreatedOther ? 'evicted' : 'deleted'
    if (change.kind === 'account' && change.field === 'status' && change.account?.status === false) feed.ending = 'blocked'
    if (change.kind === 'account-deleted') feed.ending = 'account-deleted'
    this.deps.host.emit('liveEvent', event)
    this.deps.observe?.(event)
  }

  #closed(feed: Feed, code: number): void {
    if (feed.heartbeat) clearInterval(feed.heartbeat)
    feed.heartbeat = null
    feed.socket = null
    // 1008: the server refused these credentials (session ended, user blocked): ask it why
    // rather than reconnecting with a session that no longer works.
    if (code === POLICY_VIOLATION || feed.ending) void this.#confirmEnd(feed)
    else this.#retry(feed)
  }

  #retry(feed: Feed): void {
    if (!this.#online) {
      this.#status(feed, 'paused')
      return
    }
    const delay = RETRY_DELAYS_MS[Math.min(feed.attempts, RETRY_DELAYS_MS.length - 1)] as number
    feed.attempts++
    this.#status(feed, 'connecting', delay)
    const generation = feed.generation
    feed.retryTimer = setTimeout(() => {
      feed.retryTimer = null
      if (feed.generation === generation) this.#connect(feed)
    }, delay)
    feed.retryTimer.unref?.()
  }

  /**
   * The server says our credentials stopped working, or told us our session ended. Confirm with
   * an API call (which signs out here on a 401 and tells the window), then say what happened.
   * If the session turns out to be fine (a blip), keep listening.
   */
  async #confirmEnd(feed: Feed): Promise<void> {
    const generation = feed.generation
    const reason: EndReason = feed.ending ?? 'ended'
    this.#close(feed)
    let state: AuthState
    try {
      // A 401 here signs the profile out and announces it, which stops this feed.
      state = await this.deps.recheck(feed.profileId)
    } catch (error) {
      this.deps.host.log(`live feed of ${feed.profileId}: recheck failed: ${error instanceof Error ? error.message : String(error)}`)
      if (feed.generation === generation) this.#retry(feed)
      return
    }
    if (feed.endedHere || feed.explained) return
    if (state.status !== 'signed-out') {
      // Still signed in (a blip, or a new session took over): keep listening.
      if (feed.generation === generation) {
        feed.ending = null
        this.#retry(feed)
      }
      return
    }
    feed.explained = true
    if (this.#feeds.get(feed.profileId) === feed) this.stop(feed.profileId)
    this.#explain(reason)
  }
}
