/**
 * Sessions (appwrite-behaviour §3.2, §3.3): e-mail/password (+ `POST /account/sessions` alias), anonymous,
 * token exchange (+ deprecated `PUT /sessions/magic-url` and `/sessions/phone`), list, get,
 * extend, delete one (incl. `current`) and delete all.
 */
import { atomically } from '../../store/database'
import { AppwriteError } from '../../errors'
import { writeAudit } from '../../domain/audit'
import { sessionsEndedEvents } from '../../realtime/events'
import { assertUserLimit, normalizeEmail } from '../../domain/accounts'
import { uniqueId } from '../../domain/ids'
import { verifyPassword } from '../../domain/passwords'
import { deleteSessions, deleteUserSessions, extendSession, getSession, listSessions, sessionModel, type SessionRow } from '../../domain/sessions'
import { deleteToken, findValidToken, tokenTypeName } from '../../domain/tokens'
import { createUser, findUserByEmail, getUser, updateUser, type UserRow } from '../../domain/users'
import { writeMessage } from '../../mail/outbox'
import { sessionAlertEmail } from '../../mail/templates'
import { clearSessionCookieHeaders } from '../cookies'
import { customId, email, password, required, text, uid } from '../params'
import { defineRoute, json, noContent, type AnyRoute, type RequestContext, type RouteModule } from '../route'
import { issueSession } from '../session-issue'
import { refreshProviderTokens } from '../../oauth/refresh'
import { currentUser } from './account'

/** Resolve a `{sessionId}` path value: `current` is the caller's cookie/header session (never a JWT's). */
function findOwnSession(ctx: RequestContext<unknown>, user: UserRow, sessionId: string): SessionRow {
  if (sessionId === 'current') {
    if (ctx.auth.session && ctx.auth.session.userId === user.id) return ctx.auth.session
    throw new AppwriteError('user_session_not_found')
  }
  const session = getSession(ctx.app.db, sessionId)
  if (!session || session.userId !== user.id || session.expire <= Date.now()) throw new AppwriteError('user_session_not_found')
  return session
}

function emailPasswordSession(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'sessions.write',
    event: 'users.[userId].sessions.[sessionId].create',
    guestOnly: true,
    authMethod: 'emailPassword',
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}'] },
    params: {
      email: required(email()),
      password: required(password({ dictionary: false })),
    },
    async handle(ctx) {
      const { app } = ctx
      const address = normalizeEmail(ctx.params.email)
      const user = findUserByEmail(app.db, address)
      // Unknown e-mail, no password, or a wrong one all look the same (§3.2).
      if (!user || !(await verifyPassword(user.passwordHash, ctx.params.password))) throw new AppwriteError('user_invalid_credentials')
      if (!user.status) throw new AppwriteError('user_blocked')
      const firstSession = listSessions(app.db, user.id).length === 0
      const issued = issueSession(ctx, { user, provider: 'email', providerUid: address, factors: ['password'] })
      // Session alerts: never for the user's first session (§3.3).
      if (app.config.sessionAlerts && !firstSession && user.email) {
        writeMessage(app, sessionAlertEmail(app, user, issued.created.session))
      }
      return json(201, issued.model, issued.headers)
    },
  })
}

/** Provider and factors of a session made from a token, by token type (§6, §11.13). */
const TOKEN_SESSIONS = {
  magicUrl: { provider: 'magic-url', factors: ['email'], verifies: 'email' },
  emailOtp: { provider: 'token', factors: ['email'], verifies: 'email' },
  phone: { provider: 'phone', factors: ['phone'], verifies: 'phone' },
  oauth2: { provider: 'oauth2', factors: ['email'], verifies: null },
  generic: { provider: 'token', factors: ['token'], verifies: null },
} as const

function tokenSession(method: 'POST' | 'PUT', path: string): AnyRoute {
  return defineRoute({
    method,
    path,
    scope: 'sessions.write',
    event: 'users.[userId].sessions.[sessionId].create',
    guestOnly: true,
    rateLimit: { limit: 10, keys: ['ip:{ip},userId:{param-userId}'] },
    params: {
      userId: required(customId()),
      secret: required(text(256)),
    },
    handle(ctx) {
      const { app } = ctx
      const user = getUser(app.db, ctx.params.userId)
      if (!user) throw new AppwriteError('user_invalid_token')
      // Any login token type; recovery and verification tokens are refused (§3.2).
      const token = findValidToken(app.db, user.id, ctx.params.secret, ['magicUrl', 'emailOtp', 'phone', 'oauth2', 'generic'])
      if (!token) throw new AppwriteError('user_invalid_token')
      const kind = tokenTypeName(token.type)
      if (kind === null || !(kind in TOKEN_SESSIONS)) throw new AppwriteError('user_invalid_token')
      // Blocked means blocked, for every way in (appwrite-behaviour §12): refused after a valid
      // secret (no account probing), and the token is left as it was.
      if (!user.status) throw new AppwriteError('user_blocked')
      const how = TOKEN_SESSIONS[kind as keyof typeof TOKEN_SESSIONS]
      const verified = atomically(app.db, () => {
        deleteToken(app.db, token.id)
        if (how.verifies === 'email' && !user.emailVerification) return updateUser(app.db, user.id, { emailVerification: true })
        if (how.verifies === 'phone' && !user.phoneVerification) return updateUser(app.db, user.id, { phoneVerification: true })
        return user
      })
      const issued = issueSession(ctx, { user: verified, provider: how.provider, factors: how.factors })
      return json(201, issued.model, issued.headers)
    },
  })
}

const cookieTarget = (ctx: RequestContext<unknown>) => ({ projectId: ctx.app.projectId, hostname: ctx.hostname, secure: false })

export const sessionRoutes: RouteModule = {
  name: 'sessions',
  routes: [
    emailPasswordSession('/account/sessions/email'),
    emailPasswordSession('/account/sessions'),

    defineRoute({
      method: 'POST',
      path: '/account/sessions/anonymous',
      scope: 'sessions.write',
      event: 'users.[userId].sessions.[sessionId].create',
      guestOnly: true,
      authMethod: 'anonymous',
      rateLimit: { limit: 50, keys: ['ip:{ip}'] },
      handle(ctx) {
        const { app } = ctx
        assertUserLimit(app.db, app.config)
        const user = createUser(app.db, { id: uniqueId() })
        const issued = issueSession(ctx, { user, provider: 'anonymous', factors: ['anonymous'] })
        return json(201, issued.model, issued.headers)
      },
    }),

    tokenSession('POST', '/account/sessions/token'),
    tokenSession('PUT', '/account/sessions/magic-url'),
    tokenSession('PUT', '/account/sessions/phone'),

    defineRoute({
      method: 'GET',
      path: '/account/sessions',
      scope: 'account',
      handle(ctx) {
        const user = currentUser(ctx)
        const currentId = ctx.auth.session?.id ?? null
        const sessions = listSessions(ctx.app.db, user.id).map((s) => sessionModel(s, { current: s.id === currentId }))
        return json(200, { total: sessions.length, sessions })
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/sessions',
      scope: 'account',
      rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
      handle(ctx) {
        const user = currentUser(ctx)
        // Realtime: one `…sessions.<id>.delete` per session, so every signed-out device hears of it.
        ctx.event.extra.push(...sessionsEndedEvents(deleteUserSessions(ctx.app.db, user.id), ctx.auth.session?.id ?? null))
        writeAudit(ctx.app.db, { user, event: 'session.delete', resource: `user/${user.id}`, client: ctx.client })
        return noContent(clearSessionCookieHeaders(cookieTarget(ctx)))
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/sessions/{sessionId}',
      scope: 'account',
      params: { sessionId: required(uid()) },
      handle(ctx) {
        const user = currentUser(ctx)
        const session = findOwnSession(ctx, user, ctx.params.sessionId)
        return json(200, sessionModel(session, { current: session.id === ctx.auth.session?.id }))
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/sessions/{sessionId}',
      scope: 'account',
      event: 'users.[userId].sessions.[sessionId].update',
      rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
      params: { sessionId: required(uid()) },
      async handle(ctx) {
        const user = currentUser(ctx)
        const session = findOwnSession(ctx, user, ctx.params.sessionId)
        // OAuth2 sessions also get fresh provider tokens (oauth/refresh.ts).
        await refreshProviderTokens(ctx.app.db, ctx.app.config, session)
        const extended = extendSession(ctx.app.db, session.id, ctx.app.config.sessionDuration) ?? session
        ctx.event.params['sessionId'] = session.id
        writeAudit(ctx.app.db, { user, event: 'session.update', resource: `user/${user.id}`, client: ctx.client })
        // The cookie is not re-issued and the model says current:false (§3.2, §11.20).
        return json(200, sessionModel(extended, { current: false, blankCountryName: true }))
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/sessions/{sessionId}',
      scope: 'account',
      event: 'users.[userId].sessions.[sessionId].delete',
      mfa: 'exempt',
      rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
      params: { sessionId: required(uid()) },
      handle(ctx) {
        const user = currentUser(ctx)
        const session = findOwnSession(ctx, user, ctx.params.sessionId)
        deleteSessions(ctx.app.db, [session.id])
        writeAudit(ctx.app.db, { user, event: 'session.delete', resource: `user/${user.id}`, client: ctx.client })
        const isCurrent = session.id === ctx.auth.session?.id
        ctx.event.params['sessionId'] = session.id
        ctx.event.payload = sessionModel(session, { current: isCurrent })
        return noContent(isCurrent ? clearSessionCookieHeaders(cookieTarget(ctx)) : undefined)
      },
    }),
  ],
}
