/** `logs.*`: the account's activity, a page at a time or all of it as CSV. */
import { z } from 'zod'
import { fetchAllLogs, LIST_QUERY_MAX, readLogPage } from '../../activity/log-pages'
import { logsToCsv } from '../../activity/logs-csv'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

export function logsHandlers(s: Services): NamespaceHandlers<'logs'> {
  return {
    'logs.list': {
      args: z.strictObject({
        profileId,
        limit: z.number().int().min(1).max(LIST_QUERY_MAX).optional(),
        offset: z.number().int().min(0).max(1_000_000_000).optional(),
      }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          const page = await readLogPage(client, { offset: a.offset ?? 0, limit: a.limit ?? 25 })
          return page.olderUnreachable ? { total: page.total, logs: page.logs, olderUnreachable: true } : { total: page.total, logs: page.logs }
        }),
    },
    'logs.exportCsv': {
      args: profileOnly,
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          const { logs } = await fetchAllLogs(client)
          const path = await s.host.saveFile({
            title: 'Export activity as CSV',
            defaultName: `activity-${isoDay(s.host.now())}.csv`,
            content: logsToCsv(logs),
            filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
          })
          return { path, rows: logs.length }
        }),
    },
  }
}
