/**
 * Who is listening: every open Realtime connection, its subscriptions and the session it was
 * authenticated with, indexed by user so that an account event costs a lookup of that user's
 * few connections (never a scan of everyone) — the permission check is the index itself: an
 * event for user U is only ever written to sockets authenticated as U (Appwrite's role `user:U`).
 *
 * Sandbox addition (Appwrite keeps such sockets open as guests): a connection whose session was
 * deleted or expired, or whose user was blocked or deleted, gets an `error` message and is
 * closed with 1008, so the official SDKs do not reconnect with credentials that no longer work.
 */
import type { WebSocket } from 'ws'
import type { Database } from '../store/database'
import { getSession } from '../domain/sessions'
import { getUser } from '../domain/users'
import type { AccountEvent } from './events'

export interface Subscription {
  /** Channel names after Appwrite's conversion (`account` also adds `account.<userId>`). */
  readonly channels: readonly string[]
  readonly queries: readonly string[]
}

export interface RealtimeConnection {
  readonly id: number
  readonly socket: WebSocket
  readonly ip: string
  userId: string | null
  /** The session behind the credentials (cookie, session message, or the JWT's session). */
  sessionId: string | null
  sessionExpire: number
  readonly subscriptions: Map<string, Subscription>
}

/** Why a connection is being closed; the text goes in the `error` message. */
export type EndReason = 'session_deleted' | 'session_expired' | 'user_blocked' | 'user_deleted' | 'server_closing'

const END_MESSAGES: Readonly<Record<EndReason, { code: number; message: string }>> = {
  session_deleted: { code: 1008, message: 'The session was deleted.' },
  session_expired: { code: 1008, message: 'The session has expired.' },
  user_blocked: { code: 1008, message: 'The user has been blocked.' },
  user_deleted: { code: 1008, message: 'The user was deleted.' },
  server_closing: { code: 1001, message: 'The server is shutting down.' },
}

export const POLICY_VIOLATION = 1008

export function sendJson(connection: RealtimeConnection, message: unknown): void {
  if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message))
}

export class RealtimeHub {
  private readonly connections = new Set<RealtimeConnection>()
  private readonly byUser = new Map<string, Set<RealtimeConnection>>()
  private nextId = 1

  constructor(private readonly db: Database) {}

  get size(): number {
    return this.connections.size
  }

  open(socket: WebSocket, ip: string): RealtimeConnection {
    const connection: RealtimeConnection = {
      id: this.nextId++,
      socket,
      ip,
      userId: null,
      sessionId: null,
      sessionExpire: 0,
      subscriptions: new Map(),
    }
    this.connections.add(connection)
    return connection
  }

  /** Bind the connection to a user (or to nobody); the user index follows. */
  authenticate(connection: RealtimeConnection, userId: string | null, sessionId: string | null, sessionExpire: number): void {
    if (connection.userId) this.byUser.get(connection.userId)?.delete(connection)
    connection.userId = userId
    connection.sessionId = sessionId
    connection.sessionExpire = sessionExpire
    if (!userId) return
    let set = this.byUser.get(userId)
    if (!set) {
      set = new Set()
      this.byUser.set(userId, set)
    }
    set.add(connection)
  }

  closed(connection: RealtimeConnection): void {
    this.connections.delete(connection)
    if (!connection.userId) return
    const set = this.byUser.get(connection.userId)
    set?.delete(connection)
    if (set && set.size === 0) this.byUser.delete(connection.userId)
  }

  /** Write the event to each of the user's connections with a subscription on its channels. */
  publish(event: AccountEvent): void {
    const set = this.byUser.get(event.userId)
    if (!set) return
    for (const connection of set) {
      const matched: string[] = []
      for (const [id, subscription] of connection.subscriptions) {
        if (subscription.channels.some((channel) => event.data.channels.includes(channel))) matched.push(id)
      }
      if (matched.length > 0) sendJson(connection, { type: 'event', data: { ...event.data, subscriptions: matched } })
    }
  }

  /**
   * Close the user's connections whose credentials stopped working (session gone or expired,
   * user blocked or deleted). Called after every write that concerns the user, and by `sweep`.
   */
  revalidateUser(userId: string, now = Date.now()): void {
    const set = this.byUser.get(userId)
    if (!set || set.size === 0) return
    const user = getUser(this.db, userId)
    for (const connection of [...set]) {
      if (!user) this.end(connection, 'user_deleted')
      else if (!user.status) this.end(connection, 'user_blocked')
      else if (connection.sessionId !== null) {
        const session = connection.sessionExpire > now ? getSession(this.db, connection.sessionId) : null
        if (!session) this.end(connection, connection.sessionExpire > now ? 'session_deleted' : 'session_expired')
      }
    }
  }

  /**
   * End the connections whose session has expired. In memory only — no database call per socket —
   * so it costs nothing next to event delivery; writes through the API revalidate on the spot.
   */
  sweep(now = Date.now()): void {
    for (const connection of [...this.connections]) {
      if (connection.sessionId !== null && connection.sessionExpire <= now) this.end(connection, 'session_expired')
    }
  }

  end(connection: RealtimeConnection, reason: EndReason): void {
    const { code, message } = END_MESSAGES[reason]
    sendJson(connection, { type: 'error', data: { code, message } })
    this.closed(connection)
    connection.socket.close(code, message)
  }

  endAll(reason: EndReason): void {
    for (const connection of [...this.connections]) this.end(connection, reason)
  }
}
