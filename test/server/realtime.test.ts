/**
 * Realtime (`/v1/realtime`): the official web SDK's `client.subscribe('account', …)` in Node (given
 * `ws` as its WebSocket) receives each account event shaped as Appwrite sends it, and never another
 * user's; raw sockets check the protocol's errors (missing project, bad messages, bad sessions,
 * garbage and oversize frames) and that none of them takes the server down.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket, type RawData } from 'ws'
import { ID, type Client, type RealtimeResponseEvent } from 'appwrite'
import { call, eventually, newUserSession, sdkClient, signIn, useSandbox } from './support/sandbox'

/** Every message each SDK socket received, and how it closed — the test's window on the wire. */
class RecordingWebSocket extends NodeWebSocket {
  static readonly all: RecordingWebSocket[] = []
  readonly received: Array<{ type: string; data?: Record<string, unknown> }> = []
  closeCode: number | null = null
  constructor(url: string) {
    super(url)
    RecordingWebSocket.all.push(this)
    this.on('message', (raw: RawData) => this.received.push(JSON.parse(raw.toString()) as { type: string }))
    this.on('close', (code: number) => {
      this.closeCode = code
    })
  }
}

// The web SDK's realtime client expects browser globals; no cookie fallback is shared between clients.
const globals = globalThis as Record<string, unknown>
globals['window'] = globalThis
globals['localStorage'] = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined }
globals['WebSocket'] = RecordingWebSocket

const sandbox = useSandbox({ config: { sessionLimit: 3 }, platforms: ['app.example.com'] })

interface Listener {
  readonly events: RealtimeResponseEvent<Record<string, unknown>>[]
  readonly socket: RecordingWebSocket
  readonly subscriptionId: string
  close(): void
}

/** `client.subscribe('account', …)` as an app would, resolved once the server acknowledged it. */
async function listen(session: string): Promise<Listener> {
  const before = RecordingWebSocket.all.length
  const client: Client = sdkClient(sandbox, session)
  const events: Listener['events'] = []
  const unsubscribe = client.subscribe<Record<string, unknown>>('account', (event) => events.push(event))
  const socket = await eventually(() =>
    RecordingWebSocket.all.slice(before).find((s) => s.received.some((m) => m.type === 'response' && m.data?.['to'] === 'subscribe')),
  )
  const response = socket.received.find((m) => m.type === 'response' && m.data?.['to'] === 'subscribe')
  const subscriptionId = ((response?.data?.['subscriptions'] as Array<{ subscriptionId: string }>)[0] as { subscriptionId: string }).subscriptionId
  return { events, socket, subscriptionId, close: unsubscribe }
}

/** The first event whose names include `name`, polled. */
function eventNamed(listener: Listener, name: string): Promise<RealtimeResponseEvent<Record<string, unknown>>> {
  return eventually(() => listener.events.find((event) => event.events.includes(name)))
}

/** A raw socket with a queue of parsed messages, for protocol checks. */
interface RawSocket {
  readonly socket: NodeWebSocket
  next(): Promise<{ type: string; data?: Record<string, unknown> }>
  closed(): Promise<number>
  send(value: unknown): void
}

function rawSocket(query: string, headers: Record<string, string> = {}): RawSocket {
  const url = `${sandbox.url.replace('http://', 'ws://')}/realtime?${query}`
  const socket = new NodeWebSocket(url, { headers })
  const queue: Array<{ type: string; data?: Record<string, unknown> }> = []
  let closeCode: number | null = null
  socket.on('message', (raw: RawData) => queue.push(JSON.parse(raw.toString()) as { type: string }))
  socket.on('close', (code: number) => {
    closeCode = code
  })
  socket.on('error', () => undefined)
  return {
    socket,
    next: () => eventually(() => queue.shift()),
    closed: () => eventually(() => closeCode ?? undefined),
    send: (value) => {
      const send = () => socket.send(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value))
      if (socket.readyState === socket.OPEN) send()
      else socket.once('open', send)
    },
  }
}

const sessionHeader = (session: string) => ({ 'X-Appwrite-Session': session })

describe('account events through the official SDK', () => {
  let alice: { userId: string; email: string; session: string }
  let bob: { userId: string; email: string; session: string }
  let listener: Listener

  beforeAll(async () => {
    alice = await newUserSession(sandbox, 'Alice')
    bob = await newUserSession(sandbox, 'Bob')
    listener = await listen(alice.session)
  })

  it('announces a sign-in on another device with Appwrite’s event names, channels and the session', async () => {
    const other = await call(sandbox, 'POST', '/account/sessions/email', { body: { email: alice.email, password: 'correct-horse-42' } })
    const sessionId = (other.body as { $id: string }).$id
    const event = await eventNamed(listener, `users.${alice.userId}.sessions.${sessionId}.create`)
    expect(event.events).toEqual([
      `users.${alice.userId}.sessions.${sessionId}.create`,
      'users.*.sessions.*.create',
      `users.${alice.userId}.sessions.*.create`,
      `users.*.sessions.${sessionId}.create`,
      `users.${alice.userId}.sessions.${sessionId}`,
      'users.*.sessions.*',
      `users.${alice.userId}.sessions.*`,
      `users.*.sessions.${sessionId}`,
      `users.${alice.userId}`,
      'users.*',
    ])
    expect(event.channels).toEqual(['account', `account.${alice.userId}`])
    expect(event.subscriptions).toEqual([listener.subscriptionId])
    expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
    expect(event.payload).toMatchObject({ $id: sessionId, userId: alice.userId, provider: 'email', secret: '' })
  })

  it('sends name, prefs, e-mail, phone and password updates with the account as payload', async () => {
    const headers = sessionHeader(alice.session)
    expect((await call(sandbox, 'PATCH', '/account/name', { headers, body: { name: 'Alice B' } })).status).toBe(200)
    expect((await eventNamed(listener, `users.${alice.userId}.update.name`)).payload).toMatchObject({ $id: alice.userId, name: 'Alice B' })
    expect((await call(sandbox, 'PATCH', '/account/prefs', { headers, body: { prefs: { theme: 'dark' } } })).status).toBe(200)
    const prefs = await eventNamed(listener, `users.${alice.userId}.update.prefs`)
    expect(prefs.payload).toMatchObject({ prefs: { theme: 'dark' } })
    expect(prefs.events).toEqual([
      `users.${alice.userId}.update`,
      'users.*.update',
      `users.${alice.userId}.update.prefs`,
      'users.*.update.prefs',
      `users.${alice.userId}`,
      'users.*',
    ])
    const phone = await call(sandbox, 'PATCH', '/account/phone', { headers, body: { phone: '+15550001111', password: 'correct-horse-42' } })
    expect(phone.status).toBe(200)
    expect((await eventNamed(listener, `users.${alice.userId}.update.phone`)).payload).toMatchObject({ phone: '+15550001111' })
    const newEmail = `renamed.${alice.email}`
    expect((await call(sandbox, 'PATCH', '/account/email', { headers, body: { email: newEmail, password: 'correct-horse-42' } })).status).toBe(200)
    expect((await eventNamed(listener, `users.${alice.userId}.update.email`)).payload).toMatchObject({ email: newEmail })
    alice = { ...alice, email: newEmail }
    const password = await call(sandbox, 'PATCH', '/account/password', { headers, body: { password: 'correct-horse-43', oldPassword: 'correct-horse-42' } })
    expect(password.status).toBe(200)
    expect((await eventNamed(listener, `users.${alice.userId}.update.password`)).payload).toMatchObject({ $id: alice.userId })
  })

  it('sends session updates, verification, MFA and push-target changes', async () => {
    const headers = sessionHeader(alice.session)
    const current = (await call(sandbox, 'PATCH', '/account/sessions/current', { headers, body: {} })).body as { $id: string }
    await eventNamed(listener, `users.${alice.userId}.sessions.${current.$id}.update`)
    const verification = (await call(sandbox, 'POST', '/account/verifications/email', { headers, body: { url: 'http://localhost/verify' } })).body as {
      $id: string
    }
    expect((await eventNamed(listener, `users.${alice.userId}.verification.${verification.$id}.create`)).payload).toMatchObject({
      $id: verification.$id,
      secret: '',
    })
    expect((await call(sandbox, 'POST', '/account/mfa/recovery-codes', { headers, body: {} })).status).toBe(201)
    await eventNamed(listener, `users.${alice.userId}.update.mfa`)
    const target = await call(sandbox, 'POST', '/account/targets/push', { headers, body: { targetId: ID.unique(), identifier: 'device-token-1' } })
    const targetId = (target.body as { $id: string }).$id
    await eventNamed(listener, `users.${alice.userId}.targets.${targetId}.create`)
    expect((await call(sandbox, 'DELETE', `/account/targets/${targetId}/push`, { headers })).status).toBe(204)
    expect((await eventNamed(listener, `users.${alice.userId}.targets.${targetId}.delete`)).payload).toMatchObject({ $id: targetId })
  })

  it('announces a session deleted elsewhere and one evicted by the session limit', async () => {
    const other = await signIn(sandbox, alice.email, 'correct-horse-43')
    const otherId = ((await call(sandbox, 'GET', '/account/sessions/current', { headers: sessionHeader(other) })).body as { $id: string }).$id
    expect((await call(sandbox, 'DELETE', `/account/sessions/${otherId}`, { headers: sessionHeader(alice.session) })).status).toBe(204)
    expect((await eventNamed(listener, `users.${alice.userId}.sessions.${otherId}.delete`)).payload).toMatchObject({ $id: otherId })

    // The limit is 3: sign in until the listener's own (oldest) session is evicted.
    const ownId = ((await call(sandbox, 'GET', '/account/sessions/current', { headers: sessionHeader(alice.session) })).body as { $id: string }).$id
    for (let i = 0; i < 3; i++) await signIn(sandbox, alice.email, 'correct-horse-43')
    expect((await eventNamed(listener, `users.${alice.userId}.sessions.${ownId}.delete`)).payload).toMatchObject({ $id: ownId })
    // Its credentials are gone: the server closes the socket with 1008, so the SDK does not retry.
    expect(await eventually(() => listener.socket.closeCode ?? undefined)).toBe(1008)
    expect(listener.socket.received.at(-1)).toMatchObject({ type: 'error', data: { code: 1008 } })
  })

  it('never delivers another user’s events', async () => {
    const bobListener = await listen(bob.session)
    await call(sandbox, 'PATCH', '/account/name', { headers: sessionHeader(bob.session), body: { name: 'Bob 2' } })
    await eventNamed(bobListener, `users.${bob.userId}.update.name`)
    const everything = [...listener.events, ...bobListener.events]
    for (const event of listener.events) expect(event.channels).toEqual(['account', `account.${alice.userId}`])
    for (const event of bobListener.events) expect(event.channels).toEqual(['account', `account.${bob.userId}`])
    expect(everything.filter((event) => JSON.stringify(event).includes(bob.userId))).toEqual(bobListener.events)
    bobListener.close()
  })

  it('closes the socket when the user signs out, and when the account is blocked', async () => {
    const session = await signIn(sandbox, bob.email)
    const signedOut = await listen(session)
    expect((await call(sandbox, 'DELETE', '/account/sessions/current', { headers: sessionHeader(session) })).status).toBe(204)
    expect(await eventually(() => signedOut.socket.closeCode ?? undefined)).toBe(1008)
    expect(signedOut.events.some((event) => event.events.includes(`users.${bob.userId}.sessions.*.delete`))).toBe(true)

    const blocked = await listen(bob.session)
    expect((await call(sandbox, 'PATCH', '/account/status', { headers: sessionHeader(bob.session), body: {} })).status).toBe(200)
    await eventNamed(blocked, `users.${bob.userId}.update.status`)
    expect(await eventually(() => blocked.socket.closeCode ?? undefined)).toBe(1008)
    expect(blocked.socket.received.at(-1)).toMatchObject({ type: 'error', data: { code: 1008, message: 'The user has been blocked.' } })
  })
})

describe('protocol and bad input', () => {
  it('refuses a missing or unknown project with 1008 and closes', async () => {
    for (const query of ['', 'project=nope']) {
      const socket = rawSocket(query)
      expect(await socket.next()).toEqual({ type: 'error', data: { code: 1008, message: 'Missing or unknown project ID' } })
      expect(await socket.closed()).toBe(1008)
    }
  })

  it('refuses a web origin that is not a platform', async () => {
    const socket = rawSocket(`project=${sandbox.project}`, { Origin: 'https://evil.example.net' })
    const message = await socket.next()
    expect(message).toMatchObject({ type: 'error', data: { code: 1008 } })
    expect(String(message.data?.['message'])).toContain('https://evil.example.net')
    expect(await socket.closed()).toBe(1008)
  })

  it('answers garbage, unknown types and malformed payloads with 1003 and keeps the connection', async () => {
    const socket = rawSocket(`project=${sandbox.project}`)
    expect(await socket.next()).toEqual({ type: 'connected', data: { channels: [], subscriptions: [], user: null } })
    const cases: Array<[unknown, string]> = [
      ['not json at all', 'Message format is not valid.'],
      [Buffer.from([0xff, 0x00, 0x13]), 'Message format is not valid.'],
      [{ type: 'launch' }, 'Message type is not valid.'],
      [{ type: 'subscribe', data: { channels: ['account'] } }, 'Payload is not valid.'],
      [{ type: 'subscribe', data: ['account'] }, 'Each subscribe payload must be an object.'],
      [{ type: 'subscribe', data: [{ queries: [] }] }, 'channels is not present in payload.'],
      [{ type: 'subscribe', data: [{ channels: 'account' }] }, 'channels is not a valid array.'],
      [{ type: 'subscribe', data: [{ channels: [42] }] }, 'channels is not a valid array.'],
      [{ type: 'unsubscribe', data: [{}] }, 'Each unsubscribe payload must include a non-empty subscriptionId.'],
      [{ type: 'authentication', data: {} }, 'Payload is not valid.'],
      [{ type: 'authentication', data: { session: 'forged' } }, 'Session is not valid.'],
    ]
    for (const [input, message] of cases) {
      socket.send(input)
      expect(await socket.next()).toEqual({ type: 'error', data: { code: 1003, message } })
    }
    socket.send({ type: 'ping' })
    expect(await socket.next()).toEqual({ type: 'pong' })
    socket.socket.close()
  })

  it('keeps a guest subscription to `account` empty, and drops channels naming another account', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const guest = rawSocket(`project=${sandbox.project}`)
    expect((await guest.next()).type).toBe('connected')
    guest.send({ type: 'subscribe', data: [{ subscriptionId: 'mine', channels: ['account', `account.${userId}`] }] })
    expect(await guest.next()).toEqual({
      type: 'response',
      data: { to: 'subscribe', success: true, subscriptions: [{ subscriptionId: 'mine', channels: ['account'], queries: [] }] },
    })
    await call(sandbox, 'PATCH', '/account/name', { headers: sessionHeader(session), body: { name: 'not for guests' } })
    // A ping answered after the update proves no event was queued before it.
    guest.send({ type: 'ping' })
    expect(await guest.next()).toEqual({ type: 'pong' })

    guest.send({ type: 'authentication', data: { session } })
    expect(await guest.next()).toMatchObject({ type: 'response', data: { to: 'authentication', success: true, user: { $id: userId } } })
    await call(sandbox, 'PATCH', '/account/name', { headers: sessionHeader(session), body: { name: 'now signed in' } })
    expect(await guest.next()).toMatchObject({ type: 'event', data: { subscriptions: ['mine'], payload: { name: 'now signed in' } } })
    guest.send({ type: 'unsubscribe', data: [{ subscriptionId: 'mine' }, { subscriptionId: 'never' }] })
    expect(await guest.next()).toEqual({
      type: 'response',
      data: {
        to: 'unsubscribe',
        success: true,
        subscriptions: [
          { subscriptionId: 'mine', removed: true },
          { subscriptionId: 'never', removed: false },
        ],
      },
    })
    guest.socket.close()
  })

  it('takes channels in the URL (older SDKs) and a JWT in the URL', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const jwt = ((await call(sandbox, 'POST', '/account/jwts', { headers: sessionHeader(session), body: {} })).body as { jwt: string }).jwt
    const socket = rawSocket(`project=${sandbox.project}&channels[]=account&channels[]=account.someone-else&jwt=${jwt}`)
    const connected = await socket.next()
    expect(connected).toMatchObject({ type: 'connected', data: { channels: ['account', `account.${userId}`], user: { $id: userId } } })
    const [subscriptionId] = connected.data?.['subscriptions'] as string[]
    await call(sandbox, 'PATCH', '/account/prefs', { headers: sessionHeader(session), body: { prefs: { a: 1 } } })
    expect(await socket.next()).toMatchObject({ type: 'event', data: { subscriptions: [subscriptionId], payload: { prefs: { a: 1 } } } })
    socket.socket.close()

    const forged = rawSocket(`project=${sandbox.project}&jwt=not-a-jwt`)
    expect(await forged.next()).toMatchObject({ type: 'error', data: { code: 401 } })
    expect(await forged.closed()).toBe(1008)
  })

  it('survives an oversize frame and a cookie session; HTTP keeps working', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const big = rawSocket(`project=${sandbox.project}`)
    expect((await big.next()).type).toBe('connected')
    big.send('x'.repeat(70_000))
    expect(await big.closed()).toBe(1009)

    const cookie = rawSocket(`project=${sandbox.project}`, { Cookie: `a_session_${sandbox.project}=${session}` })
    expect(await cookie.next()).toMatchObject({ type: 'connected', data: { user: { $id: userId } } })
    cookie.socket.close()
    expect((await call(sandbox, 'GET', '/account', { headers: sessionHeader(session) })).status).toBe(200)
  })
})
