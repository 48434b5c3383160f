import { describe, expect, it } from 'vitest'
import { formatRelative } from '../../../src-renderer/dates'

describe('formatRelative: when, in words', () => {
  const now = Date.parse('2026-12-05T12:00:00.000Z')
  it('says how long ago in the largest whole unit', () => {
    expect(formatRelative('2026-12-05T10:00:00.000Z', now)).toBe('2 hours ago')
    expect(formatRelative('2026-12-05T11:59:30.000Z', now)).toBe('now')
    expect(formatRelative('2026-12-05T11:55:00.000Z', now)).toBe('5 minutes ago')
    expect(formatRelative('2026-12-04T11:00:00.000Z', now)).toBe('yesterday')
    expect(formatRelative('2026-11-20T12:00:00.000Z', now)).toBe('2 weeks ago')
    expect(formatRelative('2026-12-08T12:00:00.000Z', now)).toBe('in 3 days')
  })

  it('shows a dash for a missing or broken date', () => {
    expect(formatRelative('', now)).toBe('—')
    expect(formatRelative('not a date', now)).toBe('—')
  })
})
