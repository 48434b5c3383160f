/**
 * Password recovery (appwrite-behaviour §3.2, §12): create mails a link `url?userId&secret&expire&project`;
 * confirm sets the password, marks the e-mail verified, deletes the token and, in 1.9 with
 * `invalidateSessions` on, ends the user's other sessions.
 */
import { atomically } from '../../store/database'
import { AppwriteError } from '../../errors'
import { normalizeEmail } from '../../domain/accounts'
import { writeAudit } from '../../domain/audit'
import {
  UPDATE_HASH_OPTIONS,
  assertNoPersonalData,
  assertNotRecentlyUsed,
  hashPassword,
  nextPasswordHistory,
} from '../../domain/passwords'
import { deleteUserSessions } from '../../domain/sessions'
import { TOKEN_LIFETIME_SECONDS, createToken, deleteToken, findValidToken, newTokenSecret, tokenModel } from '../../domain/tokens'
import { findUserByEmail, getUser, updateUser } from '../../domain/users'
import { writeMessage } from '../../mail/outbox'
import { recoveryEmail, tokenLink } from '../../mail/templates'
import { email, password, required, text, uid } from '../params'
import { redirectUrl } from '../redirect-url'
import { defineRoute, json, type RouteModule } from '../route'

export const recoveryRoutes: RouteModule = {
  name: 'recovery',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/account/recovery',
      scope: 'sessions.write',
      rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
      params: {
        email: required(email()),
        url: required(redirectUrl()),
      },
      handle(ctx) {
        const { app } = ctx
        const address = normalizeEmail(ctx.params.email)
        // Unknown e-mail reveals itself here, unlike elsewhere (§11.9).
        const user = findUserByEmail(app.db, address)
        if (!user) throw new AppwriteError('user_not_found')
        if (!user.status) throw new AppwriteError('user_blocked')
        const secret = newTokenSecret('hex256')
        const token = createToken(app.db, { userId: user.id, type: 'recovery', secret, lifetimeSeconds: TOKEN_LIFETIME_SECONDS.recovery, client: ctx.client })
        const link = tokenLink(app, { url: ctx.params.url, userId: user.id, secret, expire: token.expire })
        writeMessage(app, recoveryEmail(app, user, address, link))
        writeAudit(app.db, { user, event: 'recovery.create', resource: `user/${user.id}`, client: ctx.client })
        return json(201, tokenModel(token))
      },
    }),

    defineRoute({
      method: 'PUT',
      path: '/account/recovery',
      scope: 'sessions.write',
      rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
      params: {
        userId: required(uid()),
        secret: required(text(256)),
        password: required(password()),
      },
      async handle(ctx) {
        const { app } = ctx
        const user = getUser(app.db, ctx.params.userId)
        if (!user) throw new AppwriteError('user_not_found')
        const token = findValidToken(app.db, user.id, ctx.params.secret, ['recovery'])
        if (!token) throw new AppwriteError('user_invalid_token')
        await assertNotRecentlyUsed(app.config, ctx.params.password, user.passwordHistory)
        assertNoPersonalData(app.config, ctx.params.password, { userId: user.id, email: user.email, name: user.name, phone: user.phone })
        const passwordHash = await hashPassword(ctx.params.password, UPDATE_HASH_OPTIONS)
        // The token may have been used by a concurrent request while we hashed.
        if (!findValidToken(app.db, user.id, ctx.params.secret, ['recovery'])) throw new AppwriteError('user_invalid_token')
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
            deleteUserSessions(app.db, user.id, keep)
          }
          return next
        })
        writeAudit(app.db, { user: updated, event: 'recovery.update', resource: `user/${user.id}`, client: ctx.client })
        return json(200, tokenModel(token))
      },
    }),
  ],
}
