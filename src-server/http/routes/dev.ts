/**
 * Sandbox-only developer routes (issue 3 item 6). Not Appwrite routes: the console shows them only
 * for sandbox profiles. Served only when the sandbox runs in dev mode (the default).
 */
import { AppwriteError } from '../../errors'
import { listMessages } from '../../mail/outbox'
import { defineRoute, json, type RouteModule } from '../route'

export const devRoutes: RouteModule = {
  name: 'dev',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/dev/outbox',
      scope: 'public',
      handle(ctx) {
        if (!ctx.app.dev) throw new AppwriteError('general_route_not_found')
        const messages = listMessages(ctx.app.db)
        return json(200, { total: messages.length, messages })
      },
    }),
  ],
}
