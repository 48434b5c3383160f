/**
 * Paging through `GET /account/logs`, which takes only `limit` and `offset` queries (appwrite-behaviour §9).
 *
 * Appwrite caps both at APP_LIMIT_COUNT (5,000; the sandbox refuses more with
 * `general_query_invalid`). A page that starts past the offset cap is therefore read from the cap
 * with a longer limit and trimmed, so callers can page evenly through the newest 10,000 entries
 * without knowing about the cap. Past that, the request goes out as asked and the server decides.
 */
import type { Log, LogList } from '../../../src-shared/appwrite'
import { AppwriteError, Query, type AccountClient } from '../appwrite'

/** Appwrite's APP_LIMIT_COUNT: the largest `limit`, and the largest `offset`, of a list query. */
export const LIST_QUERY_MAX = 5000
/** The newest entries reachable by limit/offset under that cap. */
export const REACHABLE_LOGS = LIST_QUERY_MAX * 2

type LogReader = Pick<AccountClient, 'listLogs'>

export interface LogPage {
  readonly offset: number
  readonly limit: number
}

/**
 * One page. Past the offset cap it reads from the cap and trims; a page that would run past the
 * reachable range is cut at its end (the caller's next page then starts beyond it).
 */
export async function fetchLogPage(client: LogReader, page: LogPage): Promise<LogList> {
  const { offset, limit } = page
  if (offset <= LIST_QUERY_MAX || offset >= REACHABLE_LOGS) {
    return client.listLogs({ queries: [Query.limit(limit), Query.offset(offset)] })
  }
  const skip = offset - LIST_QUERY_MAX
  const wide = await client.listLogs({ queries: [Query.limit(Math.min(skip + limit, LIST_QUERY_MAX)), Query.offset(LIST_QUERY_MAX)] })
  return { total: wide.total, logs: wide.logs.slice(skip) }
}

export interface LogPageResult extends LogList {
  /** The server refused to page this far back: older entries exist but cannot be listed. */
  readonly olderUnreachable?: boolean
}

/** A page for the screen: a refusal past the reachable range becomes an empty, flagged page. */
export async function readLogPage(client: LogReader, page: LogPage): Promise<LogPageResult> {
  try {
    return await fetchLogPage(client, page)
  } catch (error) {
    if (page.offset >= REACHABLE_LOGS && error instanceof AppwriteError && error.type === 'general_query_invalid') {
      const newest = await client.listLogs({ queries: [Query.limit(1)] })
      return { total: newest.total, logs: [], olderUnreachable: true }
    }
    throw error
  }
}

export interface AllLogs {
  readonly logs: readonly Log[]
  /** What the server counted when the first page was read. */
  readonly total: number
  /** False when the server refused a page past the reachable range, so older entries are missing. */
  readonly complete: boolean
}

/** Reads every entry, newest first, `pageSize` at a time. */
export async function fetchAllLogs(client: LogReader, pageSize = 1000): Promise<AllLogs> {
  const logs: Log[] = []
  let total = Number.POSITIVE_INFINITY
  while (logs.length < total) {
    const offset = logs.length
    // Never let a page straddle the reachable range: the part past it could not be trimmed from
    // a wide read, and the whole request would be refused.
    const limit = offset < REACHABLE_LOGS ? Math.min(pageSize, REACHABLE_LOGS - offset) : pageSize
    let page: LogList
    try {
      page = await fetchLogPage(client, { offset, limit })
    } catch (error) {
      if (offset >= REACHABLE_LOGS && error instanceof AppwriteError && error.type === 'general_query_invalid') {
        return { logs, total, complete: false }
      }
      throw error
    }
    // `total` is 0 when a server was asked not to count; then only a short page ends the list.
    if (offset === 0 && page.total > 0) total = page.total
    logs.push(...page.logs)
    if (page.logs.length < limit) break
  }
  return { logs, total: Number.isFinite(total) ? total : logs.length, complete: true }
}
