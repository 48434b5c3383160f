/**
 * Dates on the wire: ISO-8601 with milliseconds and an explicit `+00:00` offset, e.g.
 * `2020-10-15T06:38:00.000+00:00` (appwrite-behaviour §1.5). Stored as epoch milliseconds.
 */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00')
}

/** Nullable stored time → Appwrite's `""` for "never". */
export function isoDateOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : isoDate(ms)
}

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
