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
}

function build(locale: string | null, timeZone: string | null): Formatters {
  const zone = timeZone ? { timeZone } : {}
  const locales = locale ?? undefined
  return {
    dateTime: new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short', ...zone }),
    timeOnly: new Intl.DateTimeFormat(locales, { timeStyle: 'short', ...zone }),
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
