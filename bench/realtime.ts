/**
 * Realtime phase of the server benchmark (issue 15), against the sandbox child started by
 * bench/server.ts:
 *
 * - realtimeRssPerSocketKb: the sandbox's resident memory per idle `account` subscription
 *   (RSS after USERS sockets are connected and quiet, minus RSS after the first WARM ones, per socket)
 * - realtimeEvent1000P99Ms: USERS users each with an open subscription; PATCH /account/prefs for a
 *   random user at RATE per second; p99 of the time from the update's HTTP response to the
 *   event's arrival on that user's socket (0 when the event came first — it is written right
 *   after the response, on another connection)
 *
 * Users and sessions are seeded straight into the database (a thousand argon2 sign-ins would
 * take a minute and measure argon2, not Realtime).
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { WebSocket, type RawData } from 'ws'
import { openDatabase } from '../src-server/store/database'
import { createUser } from '../src-server/domain/users'
import { createSession } from '../src-server/domain/sessions'

const USERS = 1000
const WARM = 20
const RATE = 100
const UPDATES = 1000

function rssKbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Subscriber {
  readonly socket: WebSocket
  readonly session: string
  /** Prefs marker → arrival time of its event. */
  readonly arrivals: Map<number, number>
  readonly waiters: Map<number, (at: number) => void>
}

function connect(wsUrl: string, project: string, session: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/realtime?project=${project}&channels[]=account`, { headers: { 'X-Appwrite-Session': session } })
    const subscriber: Subscriber = { socket, session, arrivals: new Map(), waiters: new Map() }
    const timer = setTimeout(() => reject(new Error('realtime: no connected message')), 30_000)
    socket.on('error', reject)
    socket.on('message', (raw: RawData) => {
      const at = performance.now()
      const message = JSON.parse(raw.toString()) as { type: string; data?: { user?: unknown; payload?: { prefs?: { n?: number } } } }
      if (message.type === 'connected') {
        clearTimeout(timer)
        if (!message.data?.user) reject(new Error('realtime: connected as a guest'))
        else resolve(subscriber)
      } else if (message.type === 'event') {
        const n = message.data?.payload?.prefs?.n
        if (typeof n !== 'number') return
        const waiter = subscriber.waiters.get(n)
        if (waiter) waiter(at)
        else subscriber.arrivals.set(n, at)
      } else if (message.type === 'error') {
        reject(new Error(`realtime: ${raw.toString()}`))
      }
    })
  })
}

/**
 * PATCH /account/prefs on a fresh connection (no keep-alive: a reused socket the server is just
 * closing would fail a non-idempotent request); resolves with the time the response arrived.
 */
function updatePrefs(url: string, project: string, session: string, n: number): Promise<number> {
  const body = JSON.stringify({ prefs: { n } })
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PATCH',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-appwrite-project': project,
          'x-appwrite-session': session,
        },
      },
      (res) => {
        const answeredAt = performance.now()
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => (res.statusCode === 200 ? resolve(answeredAt) : reject(new Error(`prefs update: ${res.statusCode} ${text}`))))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function arrival(subscriber: Subscriber, n: number): Promise<number> {
  const at = subscriber.arrivals.get(n)
  if (at !== undefined) return Promise.resolve(at)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`realtime: event ${n} never arrived`)), 10_000)
    subscriber.waiters.set(n, (time) => {
      clearTimeout(timer)
      subscriber.waiters.delete(n)
      resolve(time)
    })
  })
}

export async function runRealtimeBench(
  apiUrl: string,
  project: string,
  dataDir: string,
  pid: number,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  log(`seeding ${USERS} users with a session each…`)
  const sessions: string[] = []
  const db = openDatabase(dataDir)
  try {
    db.transaction(() => {
      for (let i = 0; i < USERS; i++) {
        const user = createUser(db, { id: `rt${i.toString().padStart(6, '0')}`, name: `Realtime ${i}` })
        const created = createSession(db, {
          userId: user.id,
          provider: 'email',
          factors: ['password'],
          durationSeconds: 3600,
          client: { ip: '127.0.0.1', userAgent: 'bench' },
        })
        sessions.push(created.cookieValue)
      }
    })()
  } finally {
    db.close()
  }

  const wsUrl = apiUrl.replace('http://', 'ws://')
  const subscribers: Subscriber[] = []
  log(`opening ${USERS} account subscriptions…`)
  try {
    for (let i = 0; i < WARM; i++) subscribers.push(await connect(wsUrl, project, sessions[i] as string))
    await sleep(500)
    const warmRss = rssKbOf(pid)
    // A few at a time, as many clients coming online would.
    for (let i = WARM; i < USERS; i += 50) {
      subscribers.push(...(await Promise.all(sessions.slice(i, i + 50).map((session) => connect(wsUrl, project, session)))))
    }
    await sleep(1000)
    const fullRss = rssKbOf(pid)
    const perSocketKb = (fullRss - warmRss) / (USERS - WARM)

    log(`prefs updates for random users at ${RATE}/s…`)
    const latencies: number[] = []
    const pending: Promise<void>[] = []
    const started = performance.now()
    for (let n = 0; n < UPDATES; n++) {
      const due = started + (n * 1000) / RATE
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      const subscriber = subscribers[Math.floor(Math.random() * subscribers.length)] as Subscriber
      pending.push(
        (async () => {
          const answeredAt = await updatePrefs(`${apiUrl}/account/prefs`, project, subscriber.session, n)
          const arrivedAt = await arrival(subscriber, n)
          latencies.push(Math.max(0, arrivedAt - answeredAt))
        })(),
      )
    }
    await Promise.all(pending)
    latencies.sort((a, b) => a - b)
    return {
      realtimeSockets: USERS,
      realtimeRssPerSocketKb: Math.round(perSocketKb * 10) / 10,
      realtimeEventsMeasured: latencies.length,
      realtimeEvent1000P50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
      realtimeEvent1000P99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
      realtimeEvent1000P95Ms: Math.round(percentile(latencies, 95) * 100) / 100,
      realtimeEvent1000MaxMs: Math.round((latencies.at(-1) ?? Number.NaN) * 100) / 100,
    }
  } finally {
    for (const subscriber of subscribers) subscriber.socket.terminate()
  }
}
