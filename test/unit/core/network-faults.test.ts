/**
 * The console under network faults (docs/reliability.md §3): core talks to the real sandbox
 * through the fault proxy (test/support/fault-proxy.ts), which stalls, resets, answers 5xx,
 * truncates or garbles the answers of one route at a time.
 *
 * For every screen's load and every account write:
 * - the call ends with an error value the screen can put in words (never `internal_error`, never
 *   a hang: a stall ends at core's deadline), and the profile stays signed in;
 * - once the fault clears, the same call works (the screen's "Try again");
 * - a write whose answer was lost after the server applied it, retried, leaves the account as
 *   one application would;
 * - nothing rejects unhandled (a process-level trap, checked after every test).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Target, User } from '../../../src-shared/appwrite'
import type { ApiError, AuthState, SessionDTO } from '../../../src-shared/ipc'
import { startFaultProxy, type Fault, type FaultProxy } from '../../support/fault-proxy'
import { expectError, expectOk, PASSWORD, profileId, signInElsewhere, signUp, CoreWorld } from './core-world'

/**
 * Short, so a stalled request ends soon here (the app's own is 30 s), yet long enough for a
 * sign-up's argon2id hash on a busy shared machine.
 */
const REQUEST_TIMEOUT_MS = 3000
// Each stalled request waits out the deadline.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 })

const unhandled: unknown[] = []
const trap = (reason: unknown): void => void unhandled.push(reason)

let proxy: FaultProxy
let h: CoreWorld
let email: string

beforeAll(async () => {
  process.on('unhandledRejection', trap)
  proxy = await startFaultProxy()
  h = await CoreWorld.start({ faultProxy: proxy, requestTimeoutMs: REQUEST_TIMEOUT_MS })
  email = (await signUp(h)).account!.email
})

afterAll(async () => {
  await h.close()
  await proxy.close()
  process.off('unhandledRejection', trap)
})

afterEach(async () => {
  proxy.clear()
  // Let any late settlement of an abandoned request surface before looking.
  await new Promise((resolve) => setImmediate(resolve))
  expect(unhandled).toEqual([])
})

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)

async function expectStillSignedIn(): Promise<void> {
  const state = expectOk<AuthState>(await invoke('auth.getState', { profileId }))
  expect(state.status).toBe('signed-in')
}

/** The faults a load meets, and the error type the screen gets for each. */
const FAULTS: ReadonlyArray<readonly [string, Fault, ApiError['type']]> = [
  ['stalls', { kind: 'stall' }, 'network_error'],
  ['resets the connection', { kind: 'reset' }, 'network_error'],
  ['answers 503 with Appwrite JSON', { kind: 'status', status: 503 }, 'general_server_error'],
  [
    'answers 502 with an HTML page',
    { kind: 'status', status: 502, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' },
    'general_server_error',
  ],
  ['truncates the body', { kind: 'truncate' }, 'network_error'],
  ['sends a body that is not JSON', { kind: 'invalid-json' }, 'general_server_error'],
]

/** Each account screen's load: the IPC call and the route whose fault it meets. */
const LOADS: ReadonlyArray<{ readonly key: string; readonly arg: object; readonly path: string }> = [
  { key: 'account.get', arg: {}, path: '/v1/account' },
  { key: 'prefs.get', arg: {}, path: '/v1/account/prefs' },
  { key: 'sessions.list', arg: {}, path: '/v1/account/sessions' },
  { key: 'logs.list', arg: {}, path: '/v1/account/logs' },
  { key: 'identities.list', arg: {}, path: '/v1/account/identities' },
  { key: 'mfa.getFactors', arg: {}, path: '/v1/account/mfa/factors' },
  { key: 'consents.list', arg: {}, path: '/v1/account/consents' },
  { key: 'targets.list', arg: {}, path: '/v1/account' },
  { key: 'security.getOverview', arg: {}, path: '/v1/account/sessions' },
]

describe('every screen load under every fault', () => {
  for (const load of LOADS) {
    it(`${load.key}: a clear error under each fault, signed in throughout, and a working retry once it clears`, async () => {
      for (const [what, fault, type] of FAULTS) {
        const clear = proxy.inject({ method: 'GET', path: load.path, fault })
        const error = expectError(await invoke(load.key, { profileId, ...load.arg }))
        expect(error.type, `${load.key} when the server ${what}`).toBe(type)
        clear()
        await expectStillSignedIn()
        // "Try again" once the network is back.
        expectOk(await invoke(load.key, { profileId, ...load.arg }))
      }
    })
  }

  it('ends a request whose body drips in slower than the deadline (the socket never goes quiet long enough for axios)', async () => {
    // The account's JSON is hundreds of bytes: at four bytes per deadline it cannot arrive in time.
    proxy.inject({ method: 'GET', path: '/v1/account', fault: { kind: 'drip', intervalMs: REQUEST_TIMEOUT_MS / 4 } })
    expect(expectError(await invoke('account.get', { profileId })).type).toBe('network_error')
    proxy.clear()
    expectOk(await invoke('account.get', { profileId }))
  })
})

/** Faults that strike after the server applied the write: the answer is lost, not the write. */
const LOST_ANSWERS: ReadonlyArray<readonly [string, Fault]> = [
  ['the connection resets after the write', { kind: 'reset', when: 'after' }],
  ['the answer stalls after the write', { kind: 'stall', when: 'after' }],
  ['a gateway answers 502 after the write', { kind: 'status', status: 502, when: 'after' }],
  ['the answer is cut in half', { kind: 'truncate' }],
  ['the answer is not JSON', { kind: 'invalid-json' }],
]

/** How many requests to `method path` reached the server since `since` (an index into the log). */
function reached(method: string, path: string, since: number): number {
  return proxy.requests.slice(since).filter((r) => r.method === method && r.path === path && r.forwarded).length
}

describe('a write whose answer is lost, retried, is applied once', () => {
  it('prefs.update: the whole object is replaced, so the retry leaves exactly the saved object', async () => {
    for (const [what, fault] of LOST_ANSWERS) {
      const prefs = { theme: 'dark', case: what, nested: { n: 1 } }
      const since = proxy.requests.length
      const clear = proxy.inject({ method: 'PATCH', path: '/v1/account/prefs', fault, times: 1 })
      expect(['network_error', 'general_server_error'], what).toContain(expectError(await invoke('prefs.update', { profileId, prefs })).type)
      clear()
      expect(expectOk(await invoke('prefs.update', { profileId, prefs })), what).toEqual(prefs)
      // Both attempts reached the server, and the account holds the one object.
      expect(reached('PATCH', '/v1/account/prefs', since), what).toBe(2)
      expect(expectOk(await invoke('prefs.get', { profileId })), what).toEqual(prefs)
    }
    await expectStillSignedIn()
  })

  it('account.updateName: setting the same name twice is setting it once', async () => {
    for (const [what, fault] of LOST_ANSWERS) {
      const name = `Ada ${what.length}`
      const since = proxy.requests.length
      const clear = proxy.inject({ method: 'PATCH', path: '/v1/account/name', fault, times: 1 })
      expectError(await invoke('account.updateName', { profileId, name }))
      clear()
      expect(expectOk<User>(await invoke('account.updateName', { profileId, name })).name, what).toBe(name)
      expect(reached('PATCH', '/v1/account/name', since), what).toBe(2)
      expect(expectOk<User>(await invoke('account.get', { profileId })).name, what).toBe(name)
    }
  })

  it('mfa.setEnabled: turning two-step sign-in on (or off) twice is a toggle to the same value', async () => {
    for (const enabled of [true, false]) {
      for (const [what, fault] of LOST_ANSWERS) {
        const clear = proxy.inject({ method: 'PATCH', path: '/v1/account/mfa', fault, times: 1 })
        expectError(await invoke('mfa.setEnabled', { profileId, enabled }))
        clear()
        expect(expectOk<User>(await invoke('mfa.setEnabled', { profileId, enabled })).mfa, what).toBe(enabled)
        expect(expectOk<User>(await invoke('account.get', { profileId })).mfa, what).toBe(enabled)
      }
    }
  })

  it('sessions.remove: the retry meets the deletion that happened (404) and reports it done; this device stays signed in', async () => {
    for (const [what, fault] of LOST_ANSWERS) {
      await signInElsewhere(h, email)
      const before = expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId }))
      const other = before.find((s) => !s.current)
      if (!other) throw new Error('no other session')
      const path = `/v1/account/sessions/${other.$id}`
      const since = proxy.requests.length
      const clear = proxy.inject({ method: 'DELETE', path, fault, times: 1 })
      // A 204 carries no body, so truncation and bad JSON cannot hurt it: only the lost answers fail.
      // Either way "Remove" is pressed again (the retry after an error, or a double click).
      const first = await invoke('sessions.remove', { profileId, sessionId: other.$id })
      clear()
      const after = expectOk<SessionDTO[]>(await invoke('sessions.remove', { profileId, sessionId: other.$id }))
      expect(
        after.map((s) => s.$id),
        what,
      ).not.toContain(other.$id)
      expect(
        after.filter((s) => s.current),
        what,
      ).toHaveLength(1)
      expect(after, what).toHaveLength(before.length - 1)
      // Both attempts reached the server: the first deleted it, whether or not its answer arrived.
      expect(reached('DELETE', path, since), what).toBe(2)
      if (!first.ok) expect(['network_error', 'general_server_error'], what).toContain(first.error.type)
    }
    await expectStillSignedIn()
  })

  it('sessions.remove still reports what is not "already gone" (a 5xx before the server saw it) and then works', async () => {
    await signInElsewhere(h, email)
    const other = expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId })).find((s) => !s.current)!
    const clear = proxy.inject({ method: 'DELETE', path: `/v1/account/sessions/${other.$id}`, fault: { kind: 'status', status: 503 } })
    expect(expectError(await invoke('sessions.remove', { profileId, sessionId: other.$id })).type).toBe('general_server_error')
    // Nothing was deleted: the server never saw the request.
    expect(expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId })).map((s) => s.$id)).toContain(other.$id)
    clear()
    expect(expectOk<SessionDTO[]>(await invoke('sessions.remove', { profileId, sessionId: other.$id })).map((s) => s.$id)).not.toContain(other.$id)
  })

  it('targets.removePush: a push target already removed counts as removed', async () => {
    const target = expectOk<Target>(await invoke('targets.createPush', { profileId, identifier: 'device-token-faults' }))
    const path = `/v1/account/targets/${target.$id}/push`
    const clear = proxy.inject({ method: 'DELETE', path, fault: { kind: 'reset', when: 'after' }, times: 1 })
    expect(expectError(await invoke('targets.removePush', { profileId, targetId: target.$id })).type).toBe('network_error')
    clear()
    const left = expectOk<Target[]>(await invoke('targets.removePush', { profileId, targetId: target.$id }))
    expect(left.map((t) => t.$id)).not.toContain(target.$id)
  })

  it('identities.remove: an identity already gone counts as removed (and the list comes back)', async () => {
    expect(expectOk(await invoke('identities.remove', { profileId, identityId: 'gone0000000000000000' }))).toEqual([])
  })
})

describe('sign-in and sign-out under faults', () => {
  it('a sign-in under each fault fails with a clear error, leaves the profile signed out, and works once the fault clears', async () => {
    expectOk<AuthState>(await invoke('auth.signOut', { profileId }))
    for (const [what, fault, type] of FAULTS) {
      const clear = proxy.inject({ method: 'POST', path: '/v1/account/sessions/email', fault })
      expect(expectError(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD })).type, what).toBe(type)
      clear()
      expect(expectOk<AuthState>(await invoke('auth.getState', { profileId })).status, what).toBe('signed-out')
    }
    expect(expectOk<AuthState>(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD })).status).toBe('signed-in')
  })

  it('signing out when the server cannot be reached signs out here and says the session may live on there', async () => {
    const clear = proxy.inject({ method: 'DELETE', path: '/v1/account/sessions/current', fault: { kind: 'reset' } })
    const eventsBefore = h.events.length
    expect(expectOk<AuthState>(await invoke('auth.signOut', { profileId })).status).toBe('signed-out')
    clear()
    expect(h.events.slice(eventsBefore).some((e) => e.name === 'notice')).toBe(true)
    expect(expectOk<AuthState>(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD })).status).toBe('signed-in')
  })

  it('a sign-in whose answer was lost leaves one session nobody holds, and the retry signs in', async () => {
    const sessionsBefore = await userSessionCount()
    const clear = proxy.inject({ method: 'POST', path: '/v1/account/sessions/email', fault: { kind: 'reset', when: 'after' }, times: 1 })
    await invoke('auth.signOut', { profileId })
    expect(expectError(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD })).type).toBe('network_error')
    clear()
    expect(expectOk<AuthState>(await invoke('auth.signInWithPassword', { profileId, email, password: PASSWORD })).status).toBe('signed-in')
    // The signed-out one went, the lost one and the new one are there: the lost one is listed, so it can be ended.
    const sessions = expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId }))
    expect(sessions).toHaveLength(sessionsBefore + 1)
    expect(sessions.filter((s) => s.current)).toHaveLength(1)
  })
})

async function userSessionCount(): Promise<number> {
  return expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId })).length
}
