/**
 * Account JWTs (appwrite-behaviour §3.2, §5, §12): `POST /account/jwts` and the `/account/jwt` alias.
 * 1.9 accepts `duration` (0–3600 s, default 900). A caller authenticated only by a JWT cannot
 * mint another one (1.9: 401 user_jwt_creation_denied). JWT creation is not audited.
 */
import { AppwriteError } from '../../errors'
import { signJwt } from '../../domain/jwt'
import { integerRange, optional } from '../params'
import { defineRoute, json, type AnyRoute, type RouteModule } from '../route'
import { currentUser } from './account'

function createJwt(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'account',
    authMethod: 'jwt',
    rateLimit: { limit: 100, keys: ['url:{url},userId:{userId}'] },
    params: { duration: optional(integerRange(0, 3600), 900) },
    handle(ctx) {
      const user = currentUser(ctx)
      const session = ctx.auth.session
      if (!session) throw new AppwriteError('user_jwt_creation_denied')
      const exp = Math.floor(Date.now() / 1000) + ctx.params.duration
      return json(201, { jwt: signJwt({ userId: user.id, sessionId: session.id, exp }, ctx.app.jwtKey) })
    },
  })
}

export const jwtRoutes: RouteModule = {
  name: 'jwt',
  routes: [createJwt('/account/jwts'), createJwt('/account/jwt')],
}
