import { shallowRef } from 'vue'

/**
 * Dates as the console shows them: in the person's locale and time zone. Those are the system's,
 * unless the account's `locale` / `timezone` preferences name others (applied by
 * composables/console-preferences.ts). The formatters sit in a ref, so every date on screen is
 * drawn again when they change.
 */
interface Formatters {
  readonly dateTime: Intl.DateTimeFormat
  readonly timeOnly: Intl.DateTimeFormat
  readonly dateOnly: Intl.DateTimeFormat
  readonly relative: Intl.RelativeTimeFormat
}

function build(locale: string | null, timeZone: string | null): Formatters {
  const zone = timeZone ? { timeZone } : {}
  const locales = locale ?? undefined
  return {
    dateTime: new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short', ...zone }),
    timeOnly: new Intl.DateTimeFormat(locales, { timeStyle: 'short', ...zone }),
    dateOnly: new Intl.DateTimeFormat(locales, { dateStyle: 'full', ...zone }),
    relative: new Intl.RelativeTimeFormat(locales, { numeric: 'auto' }),
  }
}

const formatters = shallowRef<Formatters>(build(null, null))

/** Formats dates in `locale` and `timeZone` from now on; `null` means the system's own. Both must be valid. */
export function setDateFormatting(locale: string | null, timeZone: string | null): void {
  formatters.value = build(locale, timeZone)
}

/** The time zone dates are shown in (the system's unless a preference chose one). */
export function dateTimeZone(): string {
  return formatters.value.dateTime.resolvedOptions().timeZone
}

/** `2020-10-15T06:38:00.000+00:00` → e.g. "15 Oct 2020, 08:38"; an empty or broken value → "—". */
export function formatDateTime(iso: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : formatters.value.dateTime.format(date)
}

/** The time of day only ("14:05"), for things that end within the hour (a code, a link). */
export function formatTime(iso: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : formatters.value.timeOnly.format(date)
}

/** A day on its own ("Saturday, 5 December 2026"), for headings that group things by day. */
export function formatDate(iso: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : formatters.value.dateOnly.format(date)
}

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * How long ago (or how far ahead) `iso` is, in words: "2 hours ago", "yesterday", "in 3 days";
 * under a minute is "now". Rounded down to the largest whole unit, as people say it.
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso)
  if (!iso || Number.isNaN(time)) return '—'
  const seconds = Math.round((time - now) / 1000)
  const size = Math.abs(seconds)
  for (const [unit, unitSeconds] of UNITS) {
    if (size >= unitSeconds) return formatters.value.relative.format(Math.sign(seconds) * Math.floor(size / unitSeconds), unit)
  }
  return formatters.value.relative.format(0, 'second')
}
