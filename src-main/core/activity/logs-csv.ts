/**
 * The activity log as a CSV file (RFC 4180): a header row, CRLF line ends, and every field that
 * holds a quote, a comma or a line break wrapped in double quotes with inner quotes doubled.
 *
 * Log fields come from the network (user agents, names, e-mails a person typed), so a field that
 * starts with `=`, `+`, `-`, `@` (or a tab / carriage return, which some spreadsheets skip before
 * reading a formula) is prefixed with `'`: opened in a spreadsheet it stays text and never runs
 * as a formula (OWASP "CSV injection").
 */
import type { Log } from '../../../src-shared/appwrite'

/** Every field of Appwrite's Log model (appwrite-behaviour §4), in the order a person reads them. */
export const LOG_CSV_COLUMNS = [
  'time',
  'event',
  'ip',
  'countryCode',
  'countryName',
  'clientType',
  'clientCode',
  'clientName',
  'clientVersion',
  'clientEngine',
  'clientEngineVersion',
  'osCode',
  'osName',
  'osVersion',
  'deviceName',
  'deviceBrand',
  'deviceModel',
  'userId',
  'userEmail',
  'userName',
  'mode',
] as const satisfies readonly (keyof Log)[]

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One CSV field: neutralised against formulas, then quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',')
}

/** The whole file: header row, one row per entry, each line ended by CRLF. */
export function logsToCsv(logs: readonly Log[]): string {
  const lines = [csvRow(LOG_CSV_COLUMNS)]
  for (const log of logs) lines.push(csvRow(LOG_CSV_COLUMNS.map((column) => String(log[column] ?? ''))))
  return `${lines.join('\r\n')}\r\n`
}
