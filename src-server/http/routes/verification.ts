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
import { writeAudit } from '../../domain/audit'
import { securityPhrase } from '../../domain/phrase'
import { TOKEN_LIFETIME_SECONDS, createToken, deleteToken, findValidToken, newTokenSecret, tokenModel, type TokenType } from '../../domain/tokens'
import { getUser, updateUser } from '../../domain/users'
import { writeMessage } from '../../mail/outbox'
import { smsCode, tokenLink, verificationCodeEmail, verificationEmail } from '../../mail/templates'
import { boolean, optional, required, text, uid } from '../params'
import { redirectUrl } from '../redirect-url'
import { defineRoute, json, type AnyRoute, type RouteModule } from '../route'
import { currentUser } from './account'

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
      const user = currentUser(ctx)
      if (!user.email) throw new AppwriteError('user_email_not_found')
      if (user.emailVerification) throw new AppwriteError('user_email_already_verified')
      const secret = newTokenSecret('hex256')
      const token = createToken(app.db, { userId: user.id, type: 'verification', secret, lifetimeSeconds: TOKEN_LIFETIME_SECONDS.verification, client: ctx.client })
      const link = tokenLink(app, { url: ctx.params.url, userId: user.id, secret, expire: token.expire })
      writeMessage(app, verificationEmail(app, user, user.email, link), token.id)
      writeAudit(app.db, { user, event: 'verification.create', resource: `user/${user.id}`, client: ctx.client })
      ctx.event.params['userId'] = user.id
      ctx.event.params['tokenId'] = token.id
      return json(201, tokenModel(token))
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
      const user = currentUser(ctx)
      if (!user.email) throw new AppwriteError('user_email_not_found')
      if (user.emailVerification) throw new AppwriteError('user_email_already_verified')
      const secret = newTokenSecret('digits6')
      const phrase = ctx.params.phrase ? securityPhrase() : ''
      const token = createToken(app.db, { userId: user.id, type: 'verificationOtp', secret, lifetimeSeconds: TOKEN_LIFETIME_SECONDS.verificationOtp, phrase, client: ctx.client })
      writeMessage(app, verificationCodeEmail(app, user, user.email, secret, phrase), token.id)
      writeAudit(app.db, { user, event: 'verification.create', resource: `user/${user.id}`, client: ctx.client })
      return json(201, tokenModel(token))
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
      const user = getUser(app.db, ctx.params.userId)
      if (!user) throw new AppwriteError('user_not_found')
      const token = findValidToken(app.db, user.id, ctx.params.secret, [type])
      if (!token) throw new AppwriteError('user_invalid_token')
      const updated = atomically(app.db, () => {
        deleteToken(app.db, token.id)
        return updateUser(app.db, user.id, { emailVerification: true })
      })
      writeAudit(app.db, { user: updated, event: 'verification.update', resource: `user/${user.id}`, client: ctx.client })
      ctx.event.params['userId'] = user.id
      ctx.event.params['tokenId'] = token.id
      return json(200, tokenModel(token))
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
      const mock = app.config.mockNumbers.find((entry) => entry.phone === user.phone)
      const secret = mock ? mock.otp : newTokenSecret('digits6')
      const token = createToken(app.db, { userId: user.id, type: 'phone', secret, lifetimeSeconds: TOKEN_LIFETIME_SECONDS.phoneVerification, client: ctx.client })
      if (!mock) writeMessage(app, smsCode(app, user.phone, secret), token.id)
      writeAudit(app.db, { user, event: 'verification.create', resource: `user/${user.id}`, client: ctx.client })
      ctx.event.params['userId'] = user.id
      ctx.event.params['tokenId'] = token.id
      return json(201, tokenModel(token))
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
      const user = getUser(app.db, ctx.params.userId)
      if (!user) throw new AppwriteError('user_not_found')
      const token = findValidToken(app.db, user.id, ctx.params.secret, ['phone'])
      if (!token) throw new AppwriteError('user_invalid_token')
      const updated = atomically(app.db, () => {
        deleteToken(app.db, token.id)
        return updateUser(app.db, user.id, { phoneVerification: true })
      })
      writeAudit(app.db, { user: updated, event: 'verification.update', resource: `user/${user.id}`, client: ctx.client })
      ctx.event.params['userId'] = user.id
      ctx.event.params['tokenId'] = token.id
      return json(200, tokenModel(token))
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
