/**
 * `GET /v1/health/version` (appwrite-behaviour §13.1): public in Appwrite, no project needed; the
 * console reads it to learn which API line a server speaks.
 */
import { defineRoute, json, type RouteModule } from '../route'

export const healthRoutes: RouteModule = {
  name: 'health',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/health/version',
      scope: 'public',
      project: 'none',
      handle(ctx) {
        return json(200, { version: ctx.app.version })
      },
    }),
  ],
}
