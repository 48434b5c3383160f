/**
 * `GET /account/logs` (appwrite-behaviour §9): newest first, `limit`/`offset` queries only (default 25),
 * `total` counts the user's rows unless `total=false` (then 0, as 1.8.1+ does). Gone from the 2.x
 * API (appwrite-behaviour §13.8), so `--appwrite-version 2.3` does not serve it.
 */
import { countLogs, listLogs } from '../../domain/audit'
import { limitAndOffset, listParams } from '../queries'
import { defineRoute, json, type RouteModule } from '../route'
import { currentUser } from './account'

export const logRoutes: RouteModule = {
  name: 'logs',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/account/logs',
      scope: 'account',
      apiLine: '1.x',
      params: listParams({ allowFilters: false, attributes: [] }),
      handle(ctx) {
        const user = currentUser(ctx)
        const { limit, offset } = limitAndOffset(ctx.params.queries)
        const logs = listLogs(ctx.app.db, user.id, limit, offset)
        return json(200, { total: ctx.params.total ? countLogs(ctx.app.db, user.id) : 0, logs })
      },
    }),
  ],
}
