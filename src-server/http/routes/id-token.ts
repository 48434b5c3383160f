/**
 * `POST /account/sessions/id-token` (2.x, appwrite-behaviour §13.4): trade a Google or Apple ID token
 * for a session. Guests sign in or up; a signed-in caller links the identity to their account, and
 * their old session is replaced by the new one. The session counts the `oauth2` factor, so, like
 * the browser OAuth flow, it needs no second factor.
 */
import { AppwriteError } from '../../errors'
import { upsertIdentity } from '../../domain/identities'
import { deleteSessions } from '../../domain/sessions'
import { resolveIdTokenUser } from '../../oauth/accounts'
import { ID_TOKEN_PROVIDERS, verifyIdToken } from '../../oauth/id-token'
import { atomically } from '../../store/database'
import { integerRange, optional, required, text } from '../params'
import { issueSession } from '../session-issue'
import { defineRoute, json, type RouteModule } from '../route'

export const idTokenRoutes: RouteModule = {
  name: 'id-token',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/account/sessions/id-token',
      scope: 'sessions.write',
      apiLine: '2.x',
      rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
      params: {
        provider: required(text(128, 1)),
        idToken: required(text(8192, 1)),
        nonce: optional(text(256), ''),
        accessToken: optional(text(4096), ''),
        accessTokenExpiry: optional(integerRange(0, 31_536_000), 0),
        name: optional(text(128), ''),
      },
      async handle(ctx) {
        const { app } = ctx
        const provider = ctx.params.provider
        if (!ID_TOKEN_PROVIDERS.includes(provider)) throw new AppwriteError('project_provider_unsupported')
        const config = app.config.oauthProviders[provider]
        if (!config || !(config.nativeEnabled ?? config.enabled) || config.appId === '') throw new AppwriteError('project_provider_disabled')
        const claims = await verifyIdToken({ provider, config, idToken: ctx.params.idToken, nonce: ctx.params.nonce })
        const now = Date.now()
        const signedIn = ctx.auth.session !== null ? ctx.auth.user : null
        const user = atomically(app.db, () =>
          resolveIdTokenUser(
            app.db,
            app.config,
            { provider, sub: claims.sub, email: claims.email, emailVerified: claims.emailVerified, name: claims.name || ctx.params.name, signedIn },
            now,
          ),
        )
        if (!user.status) throw new AppwriteError('user_blocked')
        const expiry = ctx.params.accessToken !== '' && ctx.params.accessTokenExpiry > 0 ? now + ctx.params.accessTokenExpiry * 1000 : null
        upsertIdentity(
          app.db,
          {
            userId: user.id,
            provider,
            providerUid: claims.sub,
            providerEmail: claims.email,
            providerAccessToken: ctx.params.accessToken,
            providerAccessTokenExpiry: expiry,
            providerRefreshToken: '',
          },
          now,
        )
        const issued = issueSession(ctx, {
          user,
          provider,
          providerUid: claims.sub,
          providerAccessToken: ctx.params.accessToken,
          providerAccessTokenExpiry: expiry,
          providerRefreshToken: '',
          factors: ['email', 'oauth2'],
        })
        // Linking from a signed-in session: the new session replaces it (Appwrite deletes the old one after).
        if (signedIn !== null && ctx.auth.session !== null) deleteSessions(app.db, [ctx.auth.session.id])
        return json(201, issued.model, issued.headers)
      },
    }),
  ],
}
