/** `developer.createJwt`: the JWT goes to the clipboard from main; the window gets only its expiry and a preview. */
import { describe, expect, it, vi } from 'vitest'
import { ClipboardSecret, JWT_CLIPBOARD_MS, jwtExpiry } from '../../../src-main/core/account/developer-token'
import { expectError, expectOk, profileId, sandboxFetch, signUp, type CoreWorld, worldForEachTest } from './core-world'

let h: CoreWorld
worldForEachTest((world) => (h = world))

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

  it("uses Appwrite's default of 15 minutes when no duration is given", async () => {
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

describe('the JWT on the clipboard', () => {
  /** A clipboard and a clock we move by hand. */
  function fakes() {
    const board = { text: '' }
    const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = []
    let now = 0
    const clipboard = new ClipboardSecret(
      {
        copyText: async (text) => void (board.text = text),
        clearClipboardIf: async (text) => {
          if (board.text === text) board.text = ''
        },
        log: () => undefined,
      },
      (ms, run) => {
        const timer = { at: now + ms, run, cancelled: false }
        timers.push(timer)
        return () => void (timer.cancelled = true)
      },
    )
    const advance = async (ms: number) => {
      now += ms
      for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true
        timer.run()
      }
      await Promise.resolve()
    }
    return { board, clipboard, advance }
  }

  it('is cleared after 60 s when it is still there', async () => {
    const { board, clipboard, advance } = fakes()
    await clipboard.copy('jwt-1')
    await advance(JWT_CLIPBOARD_MS - 1)
    expect(board.text).toBe('jwt-1')
    await advance(1)
    expect(board.text).toBe('')
  })

  it('is left alone when the person copied something else meanwhile', async () => {
    const { board, clipboard, advance } = fakes()
    await clipboard.copy('jwt-1')
    board.text = 'my own text'
    await advance(JWT_CLIPBOARD_MS)
    expect(board.text).toBe('my own text')
  })

  it('a newer JWT gets its own full minute', async () => {
    const { board, clipboard, advance } = fakes()
    await clipboard.copy('jwt-1')
    await advance(30_000)
    await clipboard.copy('jwt-2')
    await advance(30_000)
    expect(board.text).toBe('jwt-2')
    await advance(30_000)
    expect(board.text).toBe('')
  })

  it('developer.createJwt goes through it: the host is asked to clear that JWT after a minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await signUp(h)
      expectOk(await invoke('developer.createJwt', { profileId }))
      const jwt = h.clipboard.at(-1)!
      expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      await vi.advanceTimersByTimeAsync(JWT_CLIPBOARD_MS)
      expect(h.clipboard.at(-1)).toBe('')
    } finally {
      vi.useRealTimers()
    }
  })
})
