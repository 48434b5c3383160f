/**
 * The rows of KeyValueEditor: a JSON object edited key by key, each value typed in as text,
 * a number, true/false, or any JSON. Pure functions, so the rules are tested without a screen.
 */
import { assertNever } from '../../../src-shared/assert-never'

/** How a row's value is typed in and saved. */
export type ValueType = 'text' | 'number' | 'boolean' | 'json'

export const VALUE_TYPES: readonly { readonly value: ValueType; readonly label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'True / false' },
  { value: 'json', label: 'JSON' },
]

export interface KeyValueRow {
  /** Stable identity for the list (not saved). */
  readonly id: number
  readonly key: string
  readonly type: ValueType
  /** What is typed; for `boolean` it is `true` or `false`. */
  readonly value: string
}

export interface RowProblem {
  readonly rowId: number
  readonly field: 'key' | 'value'
  readonly message: string
}

export type RowsResult = { readonly ok: true; readonly object: Record<string, unknown> } | { readonly ok: false; readonly problems: readonly RowProblem[] }

let nextRowId = 1

export function newRow(key = '', type: ValueType = 'text', value = ''): KeyValueRow {
  return { id: nextRowId++, key, type, value }
}

function typeOf(value: unknown): ValueType {
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  return 'json'
}

/** One row per key, in the object's own order. */
export function rowsFromObject(object: Readonly<Record<string, unknown>>): KeyValueRow[] {
  return Object.entries(object).map(([key, value]) => {
    const type = typeOf(value)
    return newRow(key, type, type === 'text' ? (value as string) : JSON.stringify(value))
  })
}

/** The rows as an object, or every problem that stops them from being one. */
export function objectFromRows(rows: readonly KeyValueRow[]): RowsResult {
  const problems: RowProblem[] = []
  const object: Record<string, unknown> = {}
  const seen = new Set<string>()
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '') problems.push({ rowId: row.id, field: 'key', message: 'Enter a key.' })
    else if (seen.has(key)) problems.push({ rowId: row.id, field: 'key', message: `“${key}” is already used above.` })
    seen.add(key)
    const parsed = parseValue(row)
    if (!parsed.ok) problems.push({ rowId: row.id, field: 'value', message: parsed.message })
    else if (key !== '') object[key] = parsed.value
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, object }
}

function parseValue(row: KeyValueRow): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (row.type) {
    case 'text':
      return { ok: true, value: row.value }
    case 'number': {
      const text = row.value.trim()
      const value = Number(text)
      if (text === '' || !Number.isFinite(value)) return { ok: false, message: 'Enter a number, such as 42 or 1.5.' }
      return { ok: true, value }
    }
    case 'boolean':
      if (row.value === 'true' || row.value === 'false') return { ok: true, value: row.value === 'true' }
      return { ok: false, message: 'Choose true or false.' }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(row.value) as unknown }
      } catch {
        return { ok: false, message: 'Not valid JSON. Text needs quotes, e.g. "dark".' }
      }
    default:
      return assertNever(row.type)
  }
}

/** The value a row gets when its type changes: kept when it still means something, else a default. */
export function convertRowValue(row: KeyValueRow, type: ValueType): string {
  if (type === row.type) return row.value
  const parsed = parseValue(row)
  const value = parsed.ok ? parsed.value : row.value
  switch (type) {
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value)
    case 'number':
      return typeof value === 'number' ? String(value) : Number.isFinite(Number(value)) && String(value).trim() !== '' ? String(Number(value)) : ''
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false'
    case 'json':
      return JSON.stringify(value)
    default:
      return assertNever(type)
  }
}
