import { describe, expect, it } from 'vitest'
import { isNearExpiry } from '../../../src-main/core/auth/auth-service'

const DAY = 24 * 60 * 60 * 1000
const now = Date.parse('2026-06-01T00:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

describe('isNearExpiry (extend with updateSession)', () => {
  it('extends when less than 7 days are left', () => {
    // A short session (9 days long): only the 7-day rule can fire.
    expect(isNearExpiry(iso(now - 3 * DAY), iso(now + 6 * DAY), now)).toBe(true)
    expect(isNearExpiry(iso(now - 1 * DAY), iso(now + 8 * DAY), now)).toBe(false)
  })

  it('extends when less than 10 % of the session’s length is left', () => {
    expect(isNearExpiry(iso(now - 340 * DAY), iso(now + 25 * DAY), now)).toBe(true)
    expect(isNearExpiry(iso(now - 300 * DAY), iso(now + 65 * DAY), now)).toBe(false)
  })

  it('reads the database date form Appwrite may send, and ignores what it cannot read', () => {
    const db = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
    expect(isNearExpiry(db(now - 360 * DAY), db(now + 2 * DAY), now)).toBe(true)
    expect(isNearExpiry('', 'not a date', now)).toBe(false)
    expect(isNearExpiry('not a date', iso(now + 30 * DAY), now)).toBe(false)
  })
})
