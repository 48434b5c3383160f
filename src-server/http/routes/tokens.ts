/**
 * Login tokens (appwrite-behaviour §3.2): magic URL (+ `POST /account/sessions/magic-url`), e-mail OTP and
 * phone OTP (+ `POST /account/sessions/phone`). Each creates the user when the address is new
 * (the given userId is used then, ignored otherwise), stores a hashed secret, writes the message
 * to the outbox and answers a Token with a blank secret. The exchange is POST /sessions/token.
 */
import { AppwriteError } from '../../errors'
import { assertUserLimit } from '../../domain/accounts'
import { emailTakenByOtherIdentity } from '../../domain/identities'
import { resolveCustomId } from '../../domain/ids'
import { securityPhrase } from '../../domain/phrase'
import { newTokenSecret } from '../../domain/tokens'
import { createUser, findUserByEmail, findUserByPhone, type UserRow } from '../../domain/users'
import { emailOtpEmail, magicUrlEmail, smsCode, tokenLink } from '../../mail/templates'
import { boolean, customId, email, optional, phone, required } from '../params'
import { redirectUrl } from '../redirect-url'
import { issueToken } from '../token-issue'
import { defineRoute, type AnyRoute, type RequestContext, type RouteModule } from '../route'

/**
 * The user for a token request by e-mail. E-mail is *not* lower-cased here (§11.8). An OAuth
 * identity of another user holding the address is a conflict: 409 user_email_already_exists for
 * magic URL, 400 general_bad_request for e-mail OTP (§11.9).
 */
function userForEmail(ctx: RequestContext<unknown>, userId: string, address: string, conflict: 'magic' | 'otp'): UserRow {
  const { app } = ctx
  const existing = findUserByEmail(app.db, address)
  if (existing) return existing
  if (emailTakenByOtherIdentity(app.db, address, null)) {
    throw conflict === 'magic' ? new AppwriteError('user_email_already_exists') : new AppwriteError('general_bad_request')
  }
  assertUserLimit(app.db, app.config)
  return createUser(app.db, { id: resolveCustomId(userId), email: address })
}

function magicUrlToken(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'sessions.write',
    event: 'users.[userId].tokens.[tokenId].create',
    authMethod: 'magicUrl',
    rateLimit: { limit: 60, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: {
      userId: required(customId()),
      email: required(email()),
      url: optional(redirectUrl(), ''),
      phrase: optional(boolean(), false),
    },
    handle(ctx) {
      const { app } = ctx
      const user = userForEmail(ctx, ctx.params.userId, ctx.params.email, 'magic')
      const secret = newTokenSecret('hex64')
      const phrase = ctx.params.phrase ? securityPhrase() : ''
      // Without a url Appwrite links to its console's magic-URL page on the API host.
      const base = ctx.params.url || `${app.endpoint.replace(/\/v1$/, '')}/console/auth/magic-url`
      return issueToken(ctx, {
        user,
        type: 'magicUrl',
        secret,
        lifetime: 'magicUrl',
        phrase,
        audit: 'session.create',
        message: (token) => magicUrlEmail(app, user, ctx.params.email, tokenLink(app, { url: base, userId: user.id, secret, expire: token.expire }), phrase),
      })
    },
  })
}

function phoneToken(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'sessions.write',
    event: 'users.[userId].tokens.[tokenId].create',
    authMethod: 'phone',
    rateLimit: { limit: 10, keys: ['url:{url},phone:{param-phone}', 'url:{url},ip:{ip}'] },
    params: {
      userId: required(customId()),
      phone: required(phone()),
    },
    handle(ctx) {
      const { app } = ctx
      let user = findUserByPhone(app.db, ctx.params.phone)
      if (!user) {
        assertUserLimit(app.db, app.config)
        user = createUser(app.db, { id: resolveCustomId(ctx.params.userId), phone: ctx.params.phone })
      }
      // Project mock numbers get their fixed code and no SMS (§3.2).
      const mock = app.config.mockNumbers.find((entry) => entry.phone === ctx.params.phone)
      const secret = mock ? mock.otp : newTokenSecret('digits6')
      return issueToken(ctx, {
        user,
        type: 'phone',
        secret,
        lifetime: 'phone',
        audit: 'session.create',
        message: () => (mock ? null : smsCode(app, ctx.params.phone, secret)),
      })
    },
  })
}

export const tokenRoutes: RouteModule = {
  name: 'tokens',
  routes: [
    magicUrlToken('/account/tokens/magic-url'),
    magicUrlToken('/account/sessions/magic-url'),

    defineRoute({
      method: 'POST',
      path: '/account/tokens/email',
      scope: 'sessions.write',
      event: 'users.[userId].tokens.[tokenId].create',
      authMethod: 'emailOtp',
      rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
      params: {
        userId: required(customId()),
        email: required(email()),
        phrase: optional(boolean(), false),
      },
      handle(ctx) {
        const { app } = ctx
        const user = userForEmail(ctx, ctx.params.userId, ctx.params.email, 'otp')
        const secret = newTokenSecret('digits6')
        const phrase = ctx.params.phrase ? securityPhrase() : ''
        return issueToken(ctx, {
          user,
          type: 'emailOtp',
          secret,
          lifetime: 'emailOtp',
          phrase,
          audit: 'session.create',
          message: () => emailOtpEmail(app, user, ctx.params.email, secret, phrase),
        })
      },
    }),

    phoneToken('/account/tokens/phone'),
    phoneToken('/account/sessions/phone'),
  ],
}
