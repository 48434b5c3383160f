/** `sessions.*` against the real sandbox: list (current first, no provider tokens), sign out one, all others, extend. */
import { describe, expect, it } from 'vitest'
import type { Session } from '../../../src-shared/appwrite'
import type { AuthState, SessionDTO } from '../../../src-shared/ipc'
import { normalizeAppwriteDate, orderSessions, toSessionDTO } from '../../../src-main/core/account/session-list'
import { expectError, expectOk, profileId, sandboxFetch, signInElsewhere, signUp, type CoreWorld, worldForEachTest } from './core-world'

let h: CoreWorld
worldForEachTest((world) => (h = world))

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)
const list = async () => expectOk<SessionDTO[]>(await invoke('sessions.list', { profileId }))

describe('sessions.list', () => {
  it('lists every session, this one first and marked, without secrets or provider tokens', async () => {
    const state = await signUp(h)
    await signInElsewhere(h, state.account!.email)
    await signInElsewhere(h, state.account!.email)

    const sessions = await list()
    expect(sessions).toHaveLength(3)
    expect(sessions[0]!.current).toBe(true)
    expect(sessions.slice(1).every((s) => !s.current)).toBe(true)
    expect(sessions[1]).toMatchObject({ provider: 'email', osName: 'Windows', clientName: 'Chrome', factors: ['password'] })
    for (const session of sessions) {
      expect(Object.keys(session)).not.toContain('secret')
      expect(Object.keys(session)).not.toContain('providerAccessToken')
      expect(Object.keys(session)).not.toContain('providerRefreshToken')
    }
  })
})

describe('sessions.remove', () => {
  it('signs out another device: its session stops working, this one stays', async () => {
    const state = await signUp(h)
    const other = await signInElsewhere(h, state.account!.email)
    const otherId = (await list()).find((s) => !s.current)!.$id

    const remaining = expectOk<SessionDTO[]>(await invoke('sessions.remove', { profileId, sessionId: otherId }))
    expect(remaining.map((s) => s.$id)).not.toContain(otherId)
    expect(remaining).toHaveLength(1)
    expect((await sandboxFetch(h, 'GET', '/account', { session: other })).status).toBe(401)
    expect(expectOk<AuthState>(await invoke('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it("removing this device's own session signs out here", async () => {
    await signUp(h)
    const current = (await list())[0]!
    expect(expectOk<SessionDTO[]>(await invoke('sessions.remove', { profileId, sessionId: current.$id }))).toEqual([])
    expect(h.events.at(-1)).toEqual({ name: 'authChanged', payload: expect.objectContaining({ profileId, status: 'signed-out' }) })
    expect(expectOk<AuthState>(await invoke('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('treats a session that is already gone as ended (the retry of a delete whose answer was lost), and refuses a malformed id', async () => {
    await signUp(h)
    // Appwrite answers 404 user_session_not_found; the session the person wanted gone is gone.
    const left = expectOk<SessionDTO[]>(await invoke('sessions.remove', { profileId, sessionId: 'abcdefabcdef' }))
    expect(left.map((s) => s.current)).toEqual([true])
    for (const sessionId of ['', '../account', 'x'.repeat(37), '_leading']) {
      expect(expectError(await invoke('sessions.remove', { profileId, sessionId })).type, sessionId).toBe('invalid_argument')
    }
  })
})

describe('sessions.removeOthers', () => {
  it('signs out every other device and keeps this one', async () => {
    const state = await signUp(h)
    const others = [await signInElsewhere(h, state.account!.email), await signInElsewhere(h, state.account!.email)]
    const remaining = expectOk<SessionDTO[]>(await invoke('sessions.removeOthers', { profileId }))
    expect(remaining).toHaveLength(1)
    expect(remaining[0]!.current).toBe(true)
    for (const session of others) expect((await sandboxFetch(h, 'GET', '/account', { session })).status).toBe(401)
    expect(expectOk<AuthState>(await invoke('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('is fine with nothing to sign out', async () => {
    await signUp(h)
    expect(expectOk<SessionDTO[]>(await invoke('sessions.removeOthers', { profileId }))).toHaveLength(1)
  })
})

describe('sessions.extendCurrent', () => {
  it("moves this session's expiry forward and answers it as the current one", async () => {
    await signUp(h)
    const before = (await list())[0]!
    const extended = expectOk<SessionDTO>(await invoke('sessions.extendCurrent', { profileId }))
    expect(extended.$id).toBe(before.$id)
    // Appwrite says current:false here (appwrite-behaviour §11.20); the console shows the truth.
    expect(extended.current).toBe(true)
    expect(Date.parse(extended.expire)).toBeGreaterThanOrEqual(Date.parse(before.expire))
    expect(Object.keys(extended)).not.toContain('providerAccessToken')
  })

  it('validates its argument and needs a session', async () => {
    expect(expectError(await invoke('sessions.extendCurrent', { profileId })).type).toBe('not_signed_in')
    expect(expectError(await invoke('sessions.extendCurrent', { profileId, sessionId: 'x' })).type).toBe('invalid_argument')
  })
})

describe('session shaping', () => {
  const base = toSessionDTO({
    $id: 'a',
    $createdAt: '2025-01-01T00:00:00.000+00:00',
    $updatedAt: '',
    userId: 'u',
    expire: '2026-01-01 00:00:00.000',
    provider: 'github',
    providerUid: 'p',
    providerAccessToken: 'tok-access',
    providerAccessTokenExpiry: '',
    providerRefreshToken: 'tok-refresh',
    ip: '',
    osCode: '',
    osName: '',
    osVersion: '',
    clientType: '',
    clientCode: '',
    clientName: '',
    clientVersion: '',
    clientEngine: '',
    clientEngineVersion: '',
    deviceName: '',
    deviceBrand: '',
    deviceModel: '',
    countryCode: '--',
    countryName: '',
    current: false,
    factors: ['email', 'oauth2'],
    secret: 'the-secret',
    mfaUpdatedAt: '',
  } satisfies Session)

  it('drops the secret and the provider tokens, and reads the database date format as UTC', () => {
    expect(JSON.stringify(base)).not.toMatch(/tok-access|tok-refresh|the-secret/)
    expect(base.expire).toBe('2026-01-01T00:00:00.000+00:00')
    expect(normalizeAppwriteDate('2020-10-15T06:38:00.000+00:00')).toBe('2020-10-15T06:38:00.000+00:00')
  })

  it('orders the current session first, then newest first', () => {
    const older = { ...base, $id: 'older', $createdAt: '2024-01-01T00:00:00.000+00:00' }
    const newer = { ...base, $id: 'newer', $createdAt: '2025-06-01T00:00:00.000+00:00' }
    const current = { ...base, $id: 'current', current: true, $createdAt: '2023-01-01T00:00:00.000+00:00' }
    expect(orderSessions([older, current, newer]).map((s) => s.$id)).toEqual(['current', 'newer', 'older'])
  })
})
