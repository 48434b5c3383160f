/**
 * Appwrite's JSON query syntax for list routes (appwrite-behaviour §1.5): each `queries[]` entry is a JSON
 * string such as `{"method":"limit","values":[25]}` or
 * `{"method":"equal","attribute":"provider","values":["github"]}`. At most 100 entries of at most
 * 4096 characters. Failures are parameter errors with utopia-php/database's wording, e.g.
 * `Invalid \`queries\` param: Invalid query: Syntax error`.
 *
 * `listQuery()` turns validated queries into SQL over a whitelisted column map.
 */
import type { Database } from '../store/database'
import { AppwriteError } from '../errors'
import { boolean, optional, type CheckResult, type Validator } from './params'

export interface ParsedQuery {
  readonly method: string
  readonly attribute: string
  readonly values: readonly unknown[]
}

const FILTER_METHODS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanEqual',
  'greaterThan',
  'greaterThanEqual',
  'isNull',
  'isNotNull',
  'between',
  'startsWith',
  'endsWith',
  'contains',
  'search',
] as const
const ORDER_METHODS = ['orderAsc', 'orderDesc'] as const
const CURSOR_METHODS = ['cursorAfter', 'cursorBefore'] as const
const KNOWN_METHODS = new Set<string>([...FILTER_METHODS, ...ORDER_METHODS, ...CURSOR_METHODS, 'limit', 'offset', 'select'])

/** Appwrite's APP_LIMIT_COUNT: the largest `limit` and `offset` a list accepts. */
export const MAX_LIMIT = 5000
export const MAX_OFFSET = 5000
export const DEFAULT_LIMIT = 25

export interface QueriesOptions {
  /** Methods the route accepts besides limit/offset (logs: none; identities: filters, order, cursor). */
  readonly allowFilters: boolean
  /** Attributes filters and orders may name. */
  readonly attributes: readonly string[]
}

const fail = (description: string): CheckResult<never> => ({ ok: false, description })

function parseOne(raw: unknown): ParsedQuery | string {
  if (typeof raw !== 'string') return 'Invalid query: Syntax error'
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return 'Invalid query: Syntax error'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'Invalid query: Syntax error'
  const { method, attribute, values } = parsed as { method?: unknown; attribute?: unknown; values?: unknown }
  if (typeof method !== 'string') return 'Invalid query: Syntax error'
  if (!KNOWN_METHODS.has(method)) return `Invalid query method: ${method}`
  if (attribute !== undefined && typeof attribute !== 'string') return 'Invalid query: Syntax error'
  if (values !== undefined && !Array.isArray(values)) return 'Invalid query: Syntax error'
  return { method, attribute: attribute ?? '', values: (values as unknown[] | undefined) ?? [] }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function checkOne(query: ParsedQuery, options: QueriesOptions): string | null {
  const { method, attribute, values } = query
  if (method === 'limit') {
    const value = values[0]
    if (values.length !== 1 || typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
      return `Invalid query: Invalid limit: Value must be a valid range between 1 and ${MAX_LIMIT.toLocaleString('en-US')}`
    }
    return null
  }
  if (method === 'offset') {
    const value = values[0]
    if (values.length !== 1 || typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_OFFSET) {
      return `Invalid query: Invalid offset: Value must be a valid range between 0 and ${MAX_OFFSET.toLocaleString('en-US')}`
    }
    return null
  }
  if (!options.allowFilters || method === 'select' || method === 'contains' || method === 'search') {
    return `Invalid query method: ${method}`
  }
  if ((CURSOR_METHODS as readonly string[]).includes(method)) {
    return values.length === 1 && typeof values[0] === 'string' && values[0] !== ''
      ? null
      : 'Invalid query: Invalid cursor: Cursor must contain exactly one value'
  }
  if (!options.attributes.includes(attribute)) {
    return (ORDER_METHODS as readonly string[]).includes(method) && attribute === '' ? null : `Invalid query: Attribute not found in schema: ${attribute}`
  }
  if ((ORDER_METHODS as readonly string[]).includes(method)) return null
  if (method === 'isNull' || method === 'isNotNull') return null
  if (method === 'between') {
    return values.length === 2 && values.every(isScalar) ? null : 'Invalid query: Between queries require exactly two values.'
  }
  if (values.length === 0 || values.length > 100 || !values.every(isScalar)) {
    return values.length > 100
      ? 'Invalid query: Query on attribute has greater than 100 values: ' + attribute
      : `Invalid query: ${method.charAt(0).toUpperCase()}${method.slice(1)} queries require at least one value.`
  }
  if ((method === 'startsWith' || method === 'endsWith') && values.length !== 1) return 'Invalid query: Query must contain exactly one value.'
  return null
}

/** The `queries` parameter validator. */
export function queries(options: QueriesOptions): Validator<ParsedQuery[]> {
  return {
    check(value) {
      if (!Array.isArray(value)) return fail('Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars')
      if (value.length > 100) return fail('Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars')
      const out: ParsedQuery[] = []
      for (const entry of value) {
        if (typeof entry === 'string' && entry.length > 4096) {
          return fail('Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars')
        }
        const parsed = parseOne(entry)
        if (typeof parsed === 'string') return { ok: false, description: parsed, queryError: true }
        const problem = checkOne(parsed, options)
        if (problem) return { ok: false, description: problem, queryError: true }
        out.push(parsed)
      }
      return { ok: true, value: out }
    },
  }
}

/**
 * The parameters every Account list route takes: `queries` (see `QueriesOptions`) and `total`
 * (`false` answers 0 without counting, as 1.8.1+ does).
 */
export function listParams(options: QueriesOptions) {
  return { queries: optional(queries(options), []), total: optional(boolean(), true) }
}

export function limitAndOffset(list: readonly ParsedQuery[]): { limit: number; offset: number } {
  let limit = DEFAULT_LIMIT
  let offset = 0
  for (const query of list) {
    if (query.method === 'limit') limit = query.values[0] as number
    if (query.method === 'offset') offset = query.values[0] as number
  }
  return { limit, offset }
}

/** How an attribute maps to a column; date attributes take ISO strings and compare as epoch ms. */
export interface ColumnSpec {
  readonly column: string
  readonly date?: boolean
}

export interface SqlListQuery {
  readonly where: string
  readonly whereParams: unknown[]
  readonly orderBy: string
  readonly limit: number
  readonly offset: number
  readonly cursor: { readonly direction: 'after' | 'before'; readonly id: string } | null
}

function toColumnValue(spec: ColumnSpec, value: unknown): unknown {
  if (spec.date && typeof value === 'string') {
    const ms = Date.parse(value)
    return Number.isNaN(ms) ? value : ms
  }
  return typeof value === 'boolean' ? (value ? 1 : 0) : value
}

/** Build WHERE / ORDER BY / LIMIT for a validated query list over known columns. */
export function listQuery(list: readonly ParsedQuery[], columns: Readonly<Record<string, ColumnSpec>>, defaultOrder: string): SqlListQuery {
  const clauses: string[] = []
  const params: unknown[] = []
  const orders: string[] = []
  let cursor: SqlListQuery['cursor'] = null
  for (const query of list) {
    const spec = columns[query.attribute]
    const v = (i: number) => (spec ? toColumnValue(spec, query.values[i]) : query.values[i])
    switch (query.method) {
      case 'equal': {
        if (!spec) break
        clauses.push(`${spec.column} IN (${query.values.map(() => '?').join(', ')})`)
        query.values.forEach((_value, i) => params.push(v(i)))
        break
      }
      case 'notEqual':
        if (spec) {
          clauses.push(`${spec.column} NOT IN (${query.values.map(() => '?').join(', ')})`)
          query.values.forEach((_value, i) => params.push(v(i)))
        }
        break
      case 'lessThan':
      case 'lessThanEqual':
      case 'greaterThan':
      case 'greaterThanEqual': {
        if (!spec) break
        const op = { lessThan: '<', lessThanEqual: '<=', greaterThan: '>', greaterThanEqual: '>=' }[query.method]
        clauses.push(`(${query.values.map(() => `${spec.column} ${op} ?`).join(' OR ')})`)
        query.values.forEach((_value, i) => params.push(v(i)))
        break
      }
      case 'between':
        if (spec) {
          clauses.push(`${spec.column} BETWEEN ? AND ?`)
          params.push(v(0), v(1))
        }
        break
      case 'isNull':
        if (spec) clauses.push(spec.date ? `${spec.column} IS NULL` : `(${spec.column} IS NULL OR ${spec.column} = '')`)
        break
      case 'isNotNull':
        if (spec) clauses.push(spec.date ? `${spec.column} IS NOT NULL` : `(${spec.column} IS NOT NULL AND ${spec.column} != '')`)
        break
      case 'startsWith':
        if (spec) {
          clauses.push(`substr(${spec.column}, 1, length(?)) = ?`)
          params.push(String(query.values[0]), String(query.values[0]))
        }
        break
      case 'endsWith':
        if (spec) {
          clauses.push(`substr(${spec.column}, -length(?)) = ?`)
          params.push(String(query.values[0]), String(query.values[0]))
        }
        break
      case 'orderAsc':
      case 'orderDesc': {
        const column = spec?.column ?? 'seq'
        orders.push(`${column} ${query.method === 'orderAsc' ? 'ASC' : 'DESC'}`)
        break
      }
      case 'cursorAfter':
      case 'cursorBefore':
        cursor = { direction: query.method === 'cursorAfter' ? 'after' : 'before', id: String(query.values[0]) }
        break
      default:
        break
    }
  }
  const { limit, offset } = limitAndOffset(list)
  return {
    where: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1',
    whereParams: params,
    orderBy: orders.length > 0 ? [...orders, 'seq ASC'].join(', ') : defaultOrder,
    limit,
    offset,
    cursor,
  }
}

/** A list route's table: its columns, the rows it may show (`owner`), and how to map a row. */
export interface ListSource<Row> {
  readonly table: string
  readonly selectColumns: string
  readonly columns: Readonly<Record<string, ColumnSpec>>
  /** SQL condition and values that keep the list to the caller's rows, e.g. `userId = ?`. */
  readonly owner: { readonly where: string; readonly params: readonly unknown[] }
  readonly defaultOrder: string
  map(raw: unknown): Row
}

/**
 * Runs a validated query list over one table (filters, order, limit/offset, cursors on `seq`) and
 * counts the total unless `total` is false (§1.5). A cursor must name one of the caller's rows.
 */
export function listRows<Row>(db: Database, source: ListSource<Row>, list: readonly ParsedQuery[], total: boolean): { total: number; rows: Row[] } {
  const sql = listQuery(list, source.columns, source.defaultOrder)
  const countWhere = `${source.owner.where} AND ${sql.where}`
  const countParams = [...source.owner.params, ...sql.whereParams]
  let where = countWhere
  const params = [...countParams]
  if (sql.cursor) {
    const row = db.prepare(`SELECT seq FROM ${source.table} WHERE id = ? AND ${source.owner.where}`).get(sql.cursor.id, ...source.owner.params) as
      { seq: number } | undefined
    if (!row) throw new AppwriteError('general_cursor_not_found')
    where += sql.cursor.direction === 'after' ? ' AND seq > ?' : ' AND seq < ?'
    params.push(Number(row.seq))
  }
  // Statements vary with the query shape; prepare them directly rather than caching every shape.
  const rows = db
    .prepare(`SELECT ${source.selectColumns} FROM ${source.table} WHERE ${where} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`)
    .all(...params, sql.limit, sql.offset)
    .map((raw) => source.map(raw))
  const count = total ? Number((db.prepare(`SELECT COUNT(*) AS n FROM ${source.table} WHERE ${countWhere}`).get(...countParams) as { n: number }).n) : 0
  return { total: count, rows }
}
