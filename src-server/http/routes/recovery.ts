/**
 * Password recovery (appwrite-behaviour §3.2, §12): create mails a link `url?userId&secret&expire&project`;
 * confirm sets the password, marks the e-mail verified, deletes the token and, in 1.9 with
 * `invalidateSessions` on, ends the user's other sessions.
 *
 * 2.x adds recovery by code (appwrite-behaviour §13.2): `POST /account/recovery/otp` mails a
 * 6-digit code valid 15 minutes (no redirect URL), `PUT` takes it with the new password. Codes
 * and link secrets are different token types, so neither confirm route accepts the other's.
 */
import { atomically } from '../../store/database'
import { AppwriteError } from '../../errors'
import { normalizeEmail } from '../../domain/accounts'
import { UPDATE_HASH_OPTIONS, assertNoPersonalData, assertNotRecentlyUsed, hashPassword, nextPasswordHistory } from '../../domain/passwords'
import { deleteUserSessions } from '../../domain/sessions'
import { sessionsEndedEvents } from '../../realtime/events'
import { securityPhrase } from '../../domain/phrase'
import { deleteToken, findValidToken, newTokenSecret, type TokenType } from '../../domain/tokens'
import { findUserByEmail, updateUser, type UserRow } from '../../domain/users'
import { recoveryCodeEmail, recoveryEmail, tokenLink } from '../../mail/templates'
import { boolean, email, optional, password, required, text, uid } from '../params'
import { redirectUrl } from '../redirect-url'
import { issueToken, tokenReply, tokenToRedeem } from '../token-issue'
import { defineRoute, type AnyRoute, type RequestContext, type RouteModule } from '../route'

/** The user asking for recovery: unknown e-mails reveal themselves here, unlike elsewhere (§11.9). */
function recoveringUser(ctx: RequestContext<{ email: string }>): UserRow {
  const user = findUserByEmail(ctx.app.db, normalizeEmail(ctx.params.email))
  if (!user) throw new AppwriteError('user_not_found')
  if (!user.status) throw new AppwriteError('user_blocked')
  return user
}

/** Sets the new password from a recovery link secret or code (`type` says which one it must be). */
function confirmRecovery(path: string, type: Extract<TokenType, 'recovery' | 'recoveryOtp'>): AnyRoute {
  return defineRoute({
    method: 'PUT',
    path,
    ...(type === 'recoveryOtp' ? { apiLine: '2.x' as const } : {}),
    scope: 'sessions.write',
    event: 'users.[userId].recovery.[tokenId].update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: {
      userId: required(uid()),
      secret: required(text(256)),
      password: required(password()),
    },
    async handle(ctx) {
      const { app } = ctx
      const { user, token } = tokenToRedeem(app.db, ctx.params.userId, ctx.params.secret, [type])
      await assertNotRecentlyUsed(app.config, ctx.params.password, user.passwordHistory)
      assertNoPersonalData(app.config, ctx.params.password, { userId: user.id, email: user.email, name: user.name, phone: user.phone })
      const passwordHash = await hashPassword(ctx.params.password, UPDATE_HASH_OPTIONS)
      // The token may have been used by a concurrent request while we hashed.
      if (!findValidToken(app.db, user.id, ctx.params.secret, [type])) throw new AppwriteError('user_invalid_token')
      const updated = atomically(app.db, () => {
        const next = updateUser(app.db, user.id, {
          passwordHash,
          passwordUpdate: Date.now(),
          passwordHistory: nextPasswordHistory(app.config, user.passwordHistory, passwordHash),
          emailVerification: true,
        })
        deleteToken(app.db, token.id)
        if (app.config.invalidateSessions) {
          const keep = ctx.auth.user?.id === user.id ? (ctx.auth.session?.id ?? null) : null
          ctx.event.extra.push(...sessionsEndedEvents(deleteUserSessions(app.db, user.id, keep)))
        }
        return next
      })
      return tokenReply(ctx, 200, updated, token, 'recovery.update')
    },
  })
}

export const recoveryRoutes: RouteModule = {
  name: 'recovery',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/account/recovery',
      scope: 'sessions.write',
      event: 'users.[userId].recovery.[tokenId].create',
      rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
      params: {
        email: required(email()),
        url: required(redirectUrl()),
      },
      handle(ctx) {
        const { app } = ctx
        const address = normalizeEmail(ctx.params.email)
        const user = recoveringUser(ctx)
        const secret = newTokenSecret('hex256')
        return issueToken(ctx, {
          user,
          type: 'recovery',
          secret,
          lifetime: 'recovery',
          audit: 'recovery.create',
          message: (token) => recoveryEmail(app, user, address, tokenLink(app, { url: ctx.params.url, userId: user.id, secret, expire: token.expire })),
        })
      },
    }),

    defineRoute({
      method: 'POST',
      path: '/account/recovery/otp',
      scope: 'sessions.write',
      event: 'users.[userId].recovery.[tokenId].create',
      apiLine: '2.x',
      rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
      params: {
        email: required(email()),
        phrase: optional(boolean(), false),
      },
      handle(ctx) {
        const { app } = ctx
        const user = recoveringUser(ctx)
        const secret = newTokenSecret('digits6')
        const phrase = ctx.params.phrase ? securityPhrase() : ''
        return issueToken(ctx, {
          user,
          type: 'recoveryOtp',
          secret,
          lifetime: 'recoveryOtp',
          phrase,
          audit: 'recovery.create',
          message: () => recoveryCodeEmail(app, user, normalizeEmail(ctx.params.email), secret, phrase),
        })
      },
    }),

    confirmRecovery('/account/recovery', 'recovery'),
    confirmRecovery('/account/recovery/otp', 'recoveryOtp'),
  ],
}
