/**
 * E-mail and phone verification (appwrite-behaviour §3.2), on both the 1.8+ plural paths and the older
 * singular ones (§11.29). Creation needs a session; confirmation is public (the link/SMS is the
 * proof). Phone verification codes are phone-type tokens, so login OTPs confirm too (§11.12).
 *
 * 2.x adds e-mail verification by code (appwrite-behaviour §13.3) on `/account/verifications/email/otp`
 * only: a 6-digit code valid 15 minutes, its own token type, so the link route refuses codes and
 * the code route refuses link secrets.
 */
import { atomically } from '../../store/database'
import { AppwriteError } from '../../errors'
import { securityPhrase } from '../../domain/phrase'
import { deleteToken, newTokenSecret, type TokenType } from '../../domain/tokens'
import { updateUser, type UserRow } from '../../domain/users'
import { smsCode, tokenLink, verificationCodeEmail, verificationEmail } from '../../mail/templates'
import { boolean, optional, required, text, uid } from '../params'
import { redirectUrl } from '../redirect-url'
import { issueToken, tokenReply, tokenToRedeem } from '../token-issue'
import { defineRoute, type AnyRoute, type RequestContext, type RouteModule } from '../route'
import { currentUser } from './account'

/** The caller and the e-mail address to verify; none is user_email_not_found, a verified one user_email_already_verified. */
function unverifiedEmailOf(ctx: RequestContext<unknown>): { user: UserRow; address: string } {
  const user = currentUser(ctx)
  if (!user.email) throw new AppwriteError('user_email_not_found')
  if (user.emailVerification) throw new AppwriteError('user_email_already_verified')
  return { user, address: user.email }
}

function createEmailVerification(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'account',
    event: 'users.[userId].verification.[tokenId].create',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: { url: required(redirectUrl()) },
    handle(ctx) {
      const { app } = ctx
      const { user, address } = unverifiedEmailOf(ctx)
      const secret = newTokenSecret('hex256')
      return issueToken(ctx, {
        user,
        type: 'verification',
        secret,
        lifetime: 'verification',
        audit: 'verification.create',
        message: (token) => verificationEmail(app, user, address, tokenLink(app, { url: ctx.params.url, userId: user.id, secret, expire: token.expire })),
      })
    },
  })
}

function createEmailVerificationCode(): AnyRoute {
  return defineRoute({
    method: 'POST',
    path: '/account/verifications/email/otp',
    scope: 'account',
    apiLine: '2.x',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: { phrase: optional(boolean(), false) },
    handle(ctx) {
      const { app } = ctx
      const { user, address } = unverifiedEmailOf(ctx)
      const secret = newTokenSecret('digits6')
      const phrase = ctx.params.phrase ? securityPhrase() : ''
      // This route has no Realtime event (appwrite-behaviour §13.3), so the names issueToken sets go unused.
      return issueToken(ctx, {
        user,
        type: 'verificationOtp',
        secret,
        lifetime: 'verificationOtp',
        phrase,
        audit: 'verification.create',
        message: () => verificationCodeEmail(app, user, address, secret, phrase),
      })
    },
  })
}

function confirmEmailVerification(path: string, type: Extract<TokenType, 'verification' | 'verificationOtp'> = 'verification'): AnyRoute {
  return defineRoute({
    method: 'PUT',
    path,
    ...(type === 'verificationOtp' ? { apiLine: '2.x' as const } : {}),
    scope: 'public',
    event: 'users.[userId].verification.[tokenId].update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: { userId: required(uid()), secret: required(text(256)) },
    handle(ctx) {
      const { app } = ctx
      const { user, token } = tokenToRedeem(app.db, ctx.params.userId, ctx.params.secret, [type])
      const updated = atomically(app.db, () => {
        deleteToken(app.db, token.id)
        return updateUser(app.db, user.id, { emailVerification: true })
      })
      return tokenReply(ctx, 200, updated, token, 'verification.update')
    },
  })
}

function createPhoneVerification(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'account',
    event: 'users.[userId].verification.[tokenId].create',
    authMethod: 'phone',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}', 'url:{url},ip:{ip}'] },
    handle(ctx) {
      const { app } = ctx
      const user = currentUser(ctx)
      if (!user.phone) throw new AppwriteError('user_phone_not_found')
      if (user.phoneVerification) throw new AppwriteError('user_phone_already_verified')
      const number = user.phone
      const mock = app.config.mockNumbers.find((entry) => entry.phone === number)
      const secret = mock ? mock.otp : newTokenSecret('digits6')
      return issueToken(ctx, {
        user,
        type: 'phone',
        secret,
        lifetime: 'phoneVerification',
        audit: 'verification.create',
        message: () => (mock ? null : smsCode(app, number, secret)),
      })
    },
  })
}

function confirmPhoneVerification(path: string): AnyRoute {
  return defineRoute({
    method: 'PUT',
    path,
    scope: 'public',
    event: 'users.[userId].verification.[tokenId].update',
    rateLimit: { limit: 10, keys: ['userId:{param-userId}'] },
    params: { userId: required(uid()), secret: required(text(256)) },
    handle(ctx) {
      const { app } = ctx
      const { user, token } = tokenToRedeem(app.db, ctx.params.userId, ctx.params.secret, ['phone'])
      const updated = atomically(app.db, () => {
        deleteToken(app.db, token.id)
        return updateUser(app.db, user.id, { phoneVerification: true })
      })
      return tokenReply(ctx, 200, updated, token, 'verification.update')
    },
  })
}

export const verificationRoutes: RouteModule = {
  name: 'verification',
  routes: [
    createEmailVerification('/account/verifications/email'),
    createEmailVerification('/account/verification'),
    confirmEmailVerification('/account/verifications/email'),
    confirmEmailVerification('/account/verification'),
    createEmailVerificationCode(),
    confirmEmailVerification('/account/verifications/email/otp', 'verificationOtp'),
    createPhoneVerification('/account/verifications/phone'),
    createPhoneVerification('/account/verification/phone'),
    confirmPhoneVerification('/account/verifications/phone'),
    confirmPhoneVerification('/account/verification/phone'),
  ],
}
