/**
 * Sandbox-only developer routes (issue 3 item 6). Not Appwrite routes, and not served by the app's
 * embedded sandbox: only `npm run server` has them, behind its dev key (http/dev-key.ts — the
 * router checks it for every path under `/v1/dev/`, before these handlers run).
 */
import { listMessages } from '../../mail/outbox'
import { integerRange, optional } from '../params'
import { defineRoute, json, type RouteModule } from '../route'

export const devRoutes: RouteModule = {
  name: 'dev',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/dev/outbox',
      scope: 'public',
      // Newest first, a page at a time: `total` counts every stored message.
      params: { limit: optional(integerRange(1, 1000), 100), offset: optional(integerRange(0, 1_000_000), 0) },
      handle(ctx) {
        return json(200, listMessages(ctx.app.db, { limit: ctx.params.limit, offset: ctx.params.offset }))
      },
    }),
  ],
}
