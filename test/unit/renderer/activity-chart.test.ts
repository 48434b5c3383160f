import { describe, expect, it } from 'vitest'
import { barChartConfig, chartSummary } from '../../../src-renderer/components/activity/activity-chart'

const COLOURS = { bar: '#000', text: '#111', grid: '#222' }

describe('the Activity chart, apart from drawing it', () => {
  it('says the busiest day in words, for people who cannot see the canvas', () => {
    const summary = chartSummary('day', { labels: ['3 Mar', '4 Mar', '5 Mar'], counts: [2, 9, 4] }, 15)
    expect(summary).toBe('Activity per day: 15 entries over 3 days; the busiest day is 4 Mar with 9.')
  })

  it('names the first five events with their counts and says how many more there are', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const summary = chartSummary('event', { labels, counts: [7, 6, 5, 4, 3, 2, 1] }, 28)
    expect(summary).toBe('Activity by event over 28 entries: a 7, b 6, c 5, d 4, e 3, and 2 more.')
  })

  it('says plainly when there is nothing to chart', () => {
    expect(chartSummary('device', { labels: [], counts: [] }, 0)).toBe('No activity to chart.')
  })

  it('draws days along the bottom and events or devices down the side', () => {
    const tally = { labels: ['x'], counts: [1] }
    expect(barChartConfig('day', tally, COLOURS).options?.indexAxis).toBe('x')
    expect(barChartConfig('device', tally, COLOURS).options?.indexAxis).toBe('y')
    expect(barChartConfig('event', tally, COLOURS).data.datasets[0]?.data).toEqual([1])
  })
})
