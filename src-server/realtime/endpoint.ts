/**
 * `GET /v1/realtime` upgraded to a WebSocket, speaking Appwrite's Realtime protocol (app/realtime.php,
 * 1.8+) so the official SDKs' `subscribe` works unchanged:
 *
 * - open: project (`project` query or X-Appwrite-Project) → 1008 "Missing or unknown project ID";
 *   128 connections a minute per IP → 1013; a web Origin must be a platform → 1008; the caller
 *   from the cookie / X-Appwrite-Session / X-Fallback-Cookies or `jwt` query; channels from
 *   `channels[]` (one subscription, id generated) or none (message mode). Answer `connected`
 *   `{channels, subscriptions, user}`.
 * - messages (32 a minute per connection → 1013 "Too many messages."): `ping` → `pong`;
 *   `authentication` `{session}` → `response` `{to, success, user}`; `subscribe`
 *   `[{subscriptionId?, channels, queries?}]` and `unsubscribe` `[{subscriptionId}]` → `response`.
 *   Malformed input → `error` `{code: 1003, message}` with Appwrite's wording; only 1008 closes.
 * - `account.<id>` channels given by the client are dropped and `account` gains `account.<own id>`
 *   (Appwrite's convertChannels), so nobody can name another user's channel.
 *
 * Not supported: queries other than `select(["*"])` (the account channel has nothing to filter);
 * they are refused with 1003 rather than ignored.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { randomBytes } from 'node:crypto'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { AppwriteError } from '../errors'
import type { Sandbox } from '../sandbox'
import { resolveAuth, type AuthState } from '../http/auth'
import { parseQueryString, type FormValue } from '../http/query-string'
import { originAllowed, redirectPolicy } from '../http/redirect-url'
import { decodeSessionValue, findSessionBySecret, getSession } from '../domain/sessions'
import { accountModel, getUser } from '../domain/users'
import { POLICY_VIOLATION, sendJson, type RealtimeConnection, type RealtimeHub } from './hub'

const MESSAGE_FORMAT_INVALID = 1003
const TOO_MANY_MESSAGES = 1013
/** Appwrite's Swoole package limit (64 kB). */
const MAX_PAYLOAD = 64_000
/** A bound on memory per socket; Appwrite has none, one client needs one or two. */
const MAX_SUBSCRIPTIONS = 100
const SELECT_ALL = '{"method":"select","values":["*"]}'

class RealtimeError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function formatError(message: string): RealtimeError {
  return new RealtimeError(MESSAGE_FORMAT_INVALID, message)
}

function uniqueId(): string {
  // Appwrite's ID::unique(): 13 hex digits of time + random hex, 20 characters.
  return (Date.now() * 1000).toString(16).padStart(13, '0').slice(-13) + randomBytes(4).toString('hex').slice(0, 7)
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function hostnameOf(req: IncomingMessage): string {
  const host = req.headers.host ?? ''
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.indexOf(':')
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase()
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/** Appwrite's convertChannels: drop client-named `account.*`, add `account.<userId>` to `account`. */
export function convertChannels(channels: readonly string[], userId: string | null): string[] {
  const out: string[] = []
  for (const channel of channels) {
    if (channel.startsWith('account.') || out.includes(channel)) continue
    out.push(channel)
    if (channel === 'account' && userId) out.push(`account.${userId}`)
  }
  return out
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '' && item.length <= 255)) {
    throw formatError(`${what} is not a valid array.`)
  }
  return value as string[]
}

function checkQueries(queries: readonly string[]): string[] {
  for (const query of queries) {
    let parsed: unknown
    try {
      parsed = JSON.parse(query)
    } catch {
      throw formatError(`Invalid query: ${query.slice(0, 100)}`)
    }
    if (JSON.stringify(parsed) !== SELECT_ALL) {
      throw formatError('Invalid query: only select(["*"]) is supported on the account channel.')
    }
  }
  return [...queries]
}

function queryChannels(value: FormValue | undefined): string[] {
  if (value === undefined) return []
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value)
  return list.filter((item): item is string => typeof item === 'string' && item !== '' && item.length <= 255)
}

export interface RealtimeEndpoint {
  /** Handle an HTTP upgrade; returns false when the path is not the Realtime endpoint. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  close(): void
}

export function createRealtimeEndpoint(app: Sandbox, hub: RealtimeHub): RealtimeEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, perMessageDeflate: false, clientTracking: false })

  function fail(connection: RealtimeConnection, error: unknown): void {
    let code = 500
    let message = 'Error: Server Error'
    if (error instanceof RealtimeError) ({ code, message } = error)
    else if (error instanceof AppwriteError) ({ code, message } = error)
    else app.log(`realtime: unexpected error: ${(error as Error)?.stack ?? String(error)}`)
    sendJson(connection, { type: 'error', data: { code, message } })
  }

  function authenticateWithSession(connection: RealtimeConnection, data: unknown): void {
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !('session' in data)) throw formatError('Payload is not valid.')
    const value = (data as { session: unknown }).session
    const decoded = typeof value === 'string' && value.length < 4096 ? decodeSessionValue(value) : null
    const session = decoded ? findSessionBySecret(app.db, decoded.userId, decoded.secret) : null
    const user = session ? getUser(app.db, session.userId) : null
    if (!session || !user) throw formatError('Session is not valid.')
    if (!user.status) throw new AppwriteError('user_blocked')
    hub.authenticate(connection, user.id, session.id, session.expire)
    sendJson(connection, { type: 'response', data: { to: 'authentication', success: true, user: accountModel(app.db, user) } })
  }

  function subscribe(connection: RealtimeConnection, data: unknown): void {
    if (!Array.isArray(data)) throw formatError('Payload is not valid.')
    const parsed: Array<{ subscriptionId: string; channels: string[]; queries: string[] }> = []
    for (const item of data as unknown[]) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw formatError('Each subscribe payload must be an object.')
      const entry = item as Record<string, unknown>
      if (!('channels' in entry)) throw formatError('channels is not present in payload.')
      const channels = stringList(entry['channels'], 'channels')
      const queries = checkQueries(entry['queries'] === undefined ? [] : stringList(entry['queries'], 'queries'))
      const id = entry['subscriptionId']
      if (id !== undefined && (typeof id !== 'string' || id === '' || id.length > 255)) throw formatError('Payload is not valid.')
      parsed.push({ subscriptionId: id ?? uniqueId(), channels: convertChannels(channels, connection.userId), queries })
    }
    const added = parsed.filter((entry) => !connection.subscriptions.has(entry.subscriptionId)).length
    if (connection.subscriptions.size + added > MAX_SUBSCRIPTIONS) {
      throw formatError(`A connection can hold at most ${MAX_SUBSCRIPTIONS} subscriptions.`)
    }
    for (const entry of parsed) connection.subscriptions.set(entry.subscriptionId, { channels: entry.channels, queries: entry.queries })
    sendJson(connection, { type: 'response', data: { to: 'subscribe', success: true, subscriptions: parsed } })
  }

  function unsubscribe(connection: RealtimeConnection, data: unknown): void {
    if (!Array.isArray(data)) throw formatError('Payload is not valid.')
    const ids = (data as unknown[]).map((item) => {
      const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['subscriptionId'] : undefined
      if (typeof id !== 'string' || id === '') throw formatError('Each unsubscribe payload must include a non-empty subscriptionId.')
      return id
    })
    const subscriptions = ids.map((subscriptionId) => ({ subscriptionId, removed: connection.subscriptions.delete(subscriptionId) }))
    sendJson(connection, { type: 'response', data: { to: 'unsubscribe', success: true, subscriptions } })
  }

  function onMessage(connection: RealtimeConnection, raw: RawData): void {
    try {
      app.limiter.hit(
        { limit: 32, keys: ['url:{url},connection:{param-connection}'], windowSeconds: 60 },
        { url: '/v1/realtime', ip: connection.ip, userId: '', params: { connection: String(connection.id) } },
        [],
      )
    } catch {
      fail(connection, new RealtimeError(TOO_MANY_MESSAGES, 'Too many messages.'))
      return
    }
    try {
      let message: unknown
      try {
        message = JSON.parse(raw.toString())
      } catch {
        message = null
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message) || (!('type' in message) && !('data' in message))) {
        throw formatError('Message format is not valid.')
      }
      const { type, data } = message as { type?: unknown; data?: unknown }
      switch (type) {
        case 'ping':
          sendJson(connection, { type: 'pong' })
          break
        case 'authentication':
          authenticateWithSession(connection, data)
          break
        case 'subscribe':
          subscribe(connection, data)
          break
        case 'unsubscribe':
          unsubscribe(connection, data)
          break
        default:
          throw formatError('Message type is not valid.')
      }
    } catch (error) {
      fail(connection, error)
      if (error instanceof RealtimeError && error.code === POLICY_VIOLATION) connection.socket.close(POLICY_VIOLATION)
    }
  }

  /** Appwrite's onOpen; a failure is an `error` message followed by a close. */
  function onOpen(socket: WebSocket, req: IncomingMessage): void {
    const ip = clientIp(req)
    const connection = hub.open(socket, ip)
    socket.on('close', () => hub.closed(connection))
    socket.on('error', () => hub.closed(connection))
    socket.on('message', (raw) => onMessage(connection, raw))
    try {
      const rawUrl = req.url ?? ''
      const q = rawUrl.indexOf('?')
      const query = q === -1 ? {} : parseQueryString(rawUrl.slice(q + 1))
      const fromQuery = query['project']
      const projectId = typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : header(req, 'x-appwrite-project')
      if (projectId !== app.projectId) throw new RealtimeError(POLICY_VIOLATION, 'Missing or unknown project ID')
      try {
        app.limiter.hit({ limit: 128, keys: ['url:{url},ip:{ip}'], windowSeconds: 60 }, { url: '/v1/realtime', ip, userId: '', params: {} }, [])
      } catch {
        throw new RealtimeError(TOO_MANY_MESSAGES, 'Too many requests')
      }
      const origin = header(req, 'origin') ?? ''
      if (origin && !originAllowed(origin, redirectPolicy(app, hostnameOf(req)))) {
        throw new RealtimeError(
          POLICY_VIOLATION,
          `Invalid Origin. Register your new client (${origin.slice(0, 100)}) as a new Web platform on your project console dashboard`,
        )
      }
      // The SDKs put a JWT in the URL (a browser cannot set headers on a WebSocket).
      const jwt = query['jwt']
      if (typeof jwt === 'string' && jwt !== '') req.headers['x-appwrite-jwt'] = jwt
      const auth: AuthState = resolveAuth(app, req)
      const user = auth.user
      if (user && !user.status) throw new AppwriteError('user_blocked')
      const sessionId = auth.session?.id ?? auth.jwtSessionId
      const session = sessionId ? (auth.session ?? getSession(app.db, sessionId)) : null
      hub.authenticate(connection, user?.id ?? null, session?.id ?? null, session?.expire ?? 0)

      const channels = convertChannels(queryChannels(query['channels']), connection.userId)
      const subscriptions: string[] = []
      if (channels.length > 0) {
        const id = uniqueId()
        connection.subscriptions.set(id, { channels, queries: [SELECT_ALL] })
        subscriptions.push(id)
      }
      sendJson(connection, { type: 'connected', data: { channels, subscriptions, user: user ? accountModel(app.db, user) : null } })
    } catch (error) {
      fail(connection, error)
      hub.closed(connection)
      // Appwrite closes with the error's code; WebSocket close codes must be 1000–4999.
      const code = error instanceof RealtimeError ? error.code : POLICY_VIOLATION
      socket.close(code)
    }
  }

  return {
    upgrade(req, socket, head) {
      const rawUrl = req.url ?? ''
      const q = rawUrl.indexOf('?')
      const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q)
      if (pathname !== '/v1/realtime' && pathname !== '/v1/realtime/') return false
      wss.handleUpgrade(req, socket, head, (ws) => onOpen(ws, req))
      return true
    },
    close() {
      hub.endAll('server_closing')
      wss.close()
    },
  }
}
