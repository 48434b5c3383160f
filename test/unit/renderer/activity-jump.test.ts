import { describe, expect, it } from 'vitest'
import { dayBounds } from '../../../src-renderer/composables/activity-jump'

describe('dayBounds (the day "Jump to date" looks for)', () => {
  it('spans the whole chosen day in this computer’s time, to the last millisecond', () => {
    const bounds = dayBounds('2026-03-09')
    expect(bounds).not.toBeNull()
    expect(new Date(bounds!.start)).toEqual(new Date(2026, 2, 9, 0, 0, 0, 0))
    expect(new Date(bounds!.end)).toEqual(new Date(2026, 2, 9, 23, 59, 59, 999))
  })

  it('crosses a month end by the calendar, not by a fixed 24 hours', () => {
    const bounds = dayBounds('2026-01-31')!
    expect(bounds.end + 1).toBe(new Date(2026, 1, 1).getTime())
  })

  it('refuses an empty or partial date, so the screen asks for a day instead of jumping', () => {
    expect(dayBounds('')).toBeNull()
    expect(dayBounds('2026-03')).toBeNull()
    expect(dayBounds('09/03/2026')).toBeNull()
  })
})
