/** `developer.createJwt`: the JWT goes to the clipboard from main; the window gets only its expiry and a preview. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jwtExpiry } from '../../../src-main/core/account/developer-token'
import { expectError, expectOk, profileId, sandboxFetch, signUp, startAccountCore, type AccountCore } from './account-core'

let h: AccountCore
beforeEach(async () => {
  h = await startAccountCore()
})
afterEach(async () => {
  await h.dispose()
})

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
}

describe('developer.createJwt', () => {
  it('copies a working JWT for this session and answers only its expiry and a short preview', async () => {
    const state = await signUp(h)
    const before = Date.now()
    const result = await invoke('developer.createJwt', { profileId, duration: 600 })
    const data = expectOk<{ expiresAt: string; preview: string }>(result)

    expect(h.clipboard).toHaveLength(1)
    const jwt = h.clipboard[0]!
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    const payload = claims(jwt)
    expect(payload).toMatchObject({ userId: state.account!.$id, sessionId: expect.any(String) })
    expect(Object.keys(data).sort()).toEqual(['expiresAt', 'preview'])
    expect(data.expiresAt).toBe(new Date((payload.exp as number) * 1000).toISOString())
    expect(Date.parse(data.expiresAt) - before).toBeGreaterThan(590_000)
    expect(Date.parse(data.expiresAt) - before).toBeLessThanOrEqual(601_000)
    expect(data.preview).toBe(`${jwt.slice(0, 10)}…`)
    // Nothing but the preview of the token is in the answer.
    expect(JSON.stringify(result)).not.toContain(jwt.split('.')[1]!)

    // The JWT acts as the user.
    const me = await sandboxFetch(h, 'GET', '/account', { jwt })
    expect(me.status).toBe(200)
    expect(me.body.$id).toBe(state.account!.$id)
  })

  it('uses Appwrite\'s default of 15 minutes when no duration is given', async () => {
    await signUp(h)
    const before = Date.now()
    const data = expectOk<{ expiresAt: string }>(await invoke('developer.createJwt', { profileId }))
    const seconds = (Date.parse(data.expiresAt) - before) / 1000
    expect(seconds).toBeGreaterThan(890)
    expect(seconds).toBeLessThanOrEqual(901)
  })

  it('refuses a duration outside 0–3600 seconds, and copies nothing without a session', async () => {
    await signUp(h)
    for (const duration of [-1, 3601, 1.5, '60']) {
      expect(expectError(await invoke('developer.createJwt', { profileId, duration })).type, String(duration)).toBe('invalid_argument')
    }
    expectOk(await invoke('auth.signOut', { profileId }))
    expect(expectError(await invoke('developer.createJwt', { profileId })).type).toBe('not_signed_in')
    expect(h.clipboard).toEqual([])
  })
})

describe('jwtExpiry', () => {
  it('reads exp from the payload and gives null for anything that is not a readable JWT', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString('base64url')
    expect(jwtExpiry(`h.${payload}.s`)).toBe(1_900_000_000)
    expect(jwtExpiry('no-dots')).toBeNull()
    expect(jwtExpiry('h.!!!.s')).toBeNull()
    expect(jwtExpiry(`h.${Buffer.from('{"exp":"soon"}').toString('base64url')}.s`)).toBeNull()
  })
})
