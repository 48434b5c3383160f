/**
 * Counts behind the Activity charts, computed from the entries loaded so far: per day (local
 * calendar days, gaps filled with zero so the bars read as a timeline), by event and by device.
 */
import type { Log } from '../src-shared/appwrite'

export interface Tally {
  readonly labels: readonly string[]
  readonly counts: readonly number[]
}

const DAY_MS = 86_400_000
/** Past this many days a timeline of empty bars says nothing; only active days are shown. */
const MAX_FILLED_DAYS = 120

function formatDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

/** `YYYY-MM-DD` of the local calendar day of an ISO time, or null when it does not parse. */
export function localDay(iso: string): string | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : formatDay(date)
}

function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  // The Date constructor rolls d + 1 over month and year ends; noon keeps DST changes harmless.
  return formatDay(new Date(y, m - 1, d + 1, 12))
}

/**
 * Entries arrive page by page and the charts are counted again each time; an entry's day is
 * worked out once (date parsing is the costly part) and remembered for as long as the entry lives.
 */
const dayOfLog = new WeakMap<Log, string | null>()

function dayOf(log: Log): string | null {
  let day = dayOfLog.get(log)
  if (day === undefined) {
    day = localDay(log.time)
    dayOfLog.set(log, day)
  }
  return day
}

export function perDay(logs: readonly Log[]): Tally {
  const counts = new Map<string, number>()
  for (const log of logs) {
    const day = dayOf(log)
    if (day !== null) counts.set(day, (counts.get(day) ?? 0) + 1)
  }
  const days = [...counts.keys()].sort()
  const first = days[0]
  const last = days.at(-1)
  if (first === undefined || last === undefined) return { labels: [], counts: [] }
  const span = Math.round((Date.parse(`${last}T12:00:00`) - Date.parse(`${first}T12:00:00`)) / DAY_MS) + 1
  const labels: string[] = []
  if (span <= MAX_FILLED_DAYS) {
    for (let day = first; labels.length < span; day = dayAfter(day)) labels.push(day)
  } else {
    labels.push(...days)
  }
  return { labels, counts: labels.map((day) => counts.get(day) ?? 0) }
}

/** The largest groups first; past `limit`, the rest are summed as "Other". */
function ranked(counts: Map<string, number>, limit: number): Tally {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const top = sorted.slice(0, limit)
  const rest = sorted.slice(limit).reduce((sum, [, n]) => sum + n, 0)
  if (rest > 0) top.push(['Other', rest])
  return { labels: top.map(([label]) => label), counts: top.map(([, n]) => n) }
}

function countBy(logs: readonly Log[], key: (log: Log) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const log of logs) {
    const label = key(log)
    counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  return counts
}

export function byEvent(logs: readonly Log[], limit = 10): Tally {
  return ranked(
    countBy(logs, (log) => log.event || 'Unknown event'),
    limit,
  )
}

function capitalised(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text
}

/** "Desktop · Linux", "Smartphone · iOS"; the device's brand and model when Appwrite knows them. */
export function deviceLabel(log: Log): string {
  const device = [log.deviceBrand, log.deviceModel].filter(Boolean).join(' ') || capitalised(log.deviceName) || 'Unknown device'
  return log.osName ? `${device} · ${log.osName}` : device
}

export function byDevice(logs: readonly Log[], limit = 8): Tally {
  return ranked(countBy(logs, deviceLabel), limit)
}

/** "Chrome 126 on Linux" — who made the request, as a person would say it. */
export function clientLabel(log: Log): string {
  const client = [log.clientName, log.clientVersion].filter(Boolean).join(' ')
  const os = [log.osName, log.osVersion].filter(Boolean).join(' ')
  if (client && os) return `${client} on ${os}`
  return client || os || 'Unknown client'
}

/** Every event among the loaded entries with its count, most frequent first. */
export function eventCounts(logs: readonly Log[]): readonly { readonly event: string; readonly count: number }[] {
  return [...countBy(logs, (log) => log.event)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([event, count]) => ({ event, count }))
}
