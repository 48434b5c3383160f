/**
 * Appwrite query strings. Since 1.6 each entry of a `queries[]` parameter is a JSON object
 * `{"method", "attribute"?, "values"?}` (appwrite-behaviour §1.5); `attribute` and `values` are left out
 * when a method has none, as the official SDKs do.
 *
 * Account routes use few of them: `listLogs` takes only `limit`/`offset`; `listIdentities` also
 * takes cursors, filters and ordering on userId, provider, providerUid, providerEmail,
 * providerAccessTokenExpiry, $id, $createdAt, $updatedAt.
 */

export type QueryScalar = string | number | boolean | null
export type QueryValue = QueryScalar | readonly QueryScalar[]

interface QueryJson {
  readonly method: string
  readonly attribute?: string
  readonly values?: readonly unknown[]
}

function build(method: string, attribute?: string, values?: readonly unknown[]): string {
  const query: QueryJson = {
    method,
    ...(attribute !== undefined ? { attribute } : {}),
    ...(values !== undefined ? { values } : {}),
  }
  return JSON.stringify(query)
}

function asList(value: QueryValue): readonly QueryScalar[] {
  return Array.isArray(value) ? (value as readonly QueryScalar[]) : [value as QueryScalar]
}

export const Query = {
  limit: (limit: number): string => build('limit', undefined, [limit]),
  offset: (offset: number): string => build('offset', undefined, [offset]),
  cursorAfter: (id: string): string => build('cursorAfter', undefined, [id]),
  cursorBefore: (id: string): string => build('cursorBefore', undefined, [id]),

  equal: (attribute: string, value: QueryValue): string => build('equal', attribute, asList(value)),
  notEqual: (attribute: string, value: QueryValue): string => build('notEqual', attribute, asList(value)),
  lessThan: (attribute: string, value: QueryValue): string => build('lessThan', attribute, asList(value)),
  lessThanEqual: (attribute: string, value: QueryValue): string => build('lessThanEqual', attribute, asList(value)),
  greaterThan: (attribute: string, value: QueryValue): string => build('greaterThan', attribute, asList(value)),
  greaterThanEqual: (attribute: string, value: QueryValue): string => build('greaterThanEqual', attribute, asList(value)),
  between: (attribute: string, start: string | number, end: string | number): string => build('between', attribute, [start, end]),
  isNull: (attribute: string): string => build('isNull', attribute),
  isNotNull: (attribute: string): string => build('isNotNull', attribute),
  startsWith: (attribute: string, value: string): string => build('startsWith', attribute, [value]),
  endsWith: (attribute: string, value: string): string => build('endsWith', attribute, [value]),
  contains: (attribute: string, value: QueryValue): string => build('contains', attribute, asList(value)),
  search: (attribute: string, value: string): string => build('search', attribute, [value]),
  select: (attributes: readonly string[]): string => build('select', undefined, attributes),

  orderAsc: (attribute: string): string => build('orderAsc', attribute),
  orderDesc: (attribute: string): string => build('orderDesc', attribute),

  /** Combines already-built queries. */
  or: (queries: readonly string[]): string =>
    build(
      'or',
      undefined,
      queries.map((q) => JSON.parse(q) as unknown),
    ),
  and: (queries: readonly string[]): string =>
    build(
      'and',
      undefined,
      queries.map((q) => JSON.parse(q) as unknown),
    ),
} as const
