/** Dates as the console shows them: in the person's locale and time zone. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** `2020-10-15T06:38:00.000+00:00` → e.g. "15 Oct 2020, 08:38"; an empty or broken value → "—". */
export function formatDateTime(iso: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date)
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/** The time of day only ("14:05"), for things that end within the hour (a code, a link). */
export function formatTime(iso: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : timeOnly.format(date)
}
