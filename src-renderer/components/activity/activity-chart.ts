import type { ChartConfiguration } from 'chart.js'
import type { Log } from '../../../src-shared/appwrite'
import { assertNever } from '../../../src-shared/assert-never'
import { byDevice, byEvent, perDay, type Tally } from '../../activity-stats'

/**
 * What the Activity chart shows, apart from drawing it: the counts for each view, the sentence that
 * says them for people who cannot see the canvas, and the bar chart's configuration.
 */
export type ChartView = 'day' | 'event' | 'device'

export interface ThemeColours {
  readonly bar: string
  readonly text: string
  readonly grid: string
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
const numberFormat = new Intl.NumberFormat()

function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return dayFormat.format(new Date(y, m - 1, d, 12))
}

export function countFor(view: ChartView, logs: readonly Log[]): Tally {
  switch (view) {
    case 'day': {
      const days = perDay(logs)
      return { labels: days.labels.map(dayLabel), counts: days.counts }
    }
    case 'event':
      return byEvent(logs)
    case 'device':
      return byDevice(logs)
    default:
      return assertNever(view)
  }
}

/** What the chart shows, in one or two sentences (the canvas's accessible name). */
export function chartSummary(view: ChartView, { labels, counts }: Tally, entryCount: number): string {
  const entries = numberFormat.format(entryCount)
  if (labels.length === 0) return 'No activity to chart.'
  if (view === 'day') {
    let busiest = 0
    counts.forEach((count, index) => {
      if (count > (counts[busiest] ?? 0)) busiest = index
    })
    return `Activity per day: ${entries} entries over ${labels.length} days; the busiest day is ${labels[busiest]} with ${numberFormat.format(counts[busiest] ?? 0)}.`
  }
  const parts = labels.slice(0, 5).map((label, index) => `${label} ${numberFormat.format(counts[index] ?? 0)}`)
  const more = labels.length > 5 ? `, and ${labels.length - 5} more` : ''
  return `Activity ${view === 'event' ? 'by event' : 'by device'} over ${entries} entries: ${parts.join(', ')}${more}.`
}

/** Days run along the bottom; events and devices are listed down the side, their names readable. */
export function barChartConfig(view: ChartView, tally: Tally, colours: ThemeColours): ChartConfiguration<'bar'> {
  const horizontal = view !== 'day'
  return {
    type: 'bar',
    data: {
      labels: [...tally.labels],
      datasets: [{ label: 'Entries', data: [...tally.counts], backgroundColor: colours.bar, borderRadius: 3, maxBarThickness: 28 }],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { tooltip: { enabled: true } },
      scales: {
        x: {
          ticks: { color: colours.text, precision: 0, autoSkip: true, maxRotation: 0 },
          grid: { color: colours.grid, display: horizontal },
          beginAtZero: true,
        },
        y: {
          ticks: { color: colours.text, precision: 0, autoSkip: !horizontal },
          grid: { color: colours.grid, display: !horizontal },
          beginAtZero: true,
        },
      },
    },
  }
}
