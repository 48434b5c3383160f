/**
 * Starting a session for a request — shared by e-mail/password, anonymous, token exchange and the
 * OAuth2 redirect: create the row, evict beyond the session limit, write `session.create` to the
 * audit log, name the session for the route's Realtime event, and build the Set-Cookie /
 * X-Fallback-Cookies headers (appwrite-behaviour §1.2–§1.4, §3.3).
 */
import { atomically } from '../store/database'
import { AppwriteError } from '../errors'
import type { Session } from '../../src-shared/appwrite'
import { writeAudit } from '../domain/audit'
import { createSession, evictOldSessions, sessionModel, type CreatedSession, type NewSession } from '../domain/sessions'
import type { UserRow } from '../domain/users'
import { sessionCookieHeaders } from './cookies'
import type { RequestContext, ResponseHeaders } from './route'
import { sessionsEndedEvents } from '../realtime/events'

/**
 * The session's provider fields as `createSession` takes them; `provider` is `email`, `anonymous`,
 * `magic-url`, `phone`, `oauth2`, `token`, or an OAuth provider name.
 */
export interface IssueSessionInput extends Pick<
  NewSession,
  'provider' | 'providerUid' | 'providerAccessToken' | 'providerAccessTokenExpiry' | 'providerRefreshToken' | 'factors'
> {
  readonly user: UserRow
  /**
   * Evict the oldest sessions beyond the project limit. Appwrite does this only for responses
   * carrying a body with `userId`, so OAuth redirect logins pass `false` (§3.3).
   */
  readonly evict?: boolean
}

export interface IssuedSession {
  readonly created: CreatedSession
  /** Set-Cookie (both cookies) and, when appropriate, X-Fallback-Cookies. */
  readonly headers: ResponseHeaders
  /** The Session model for the response body (`current: true`, `secret: ""`). */
  readonly model: Session
}

/** Registrable domain, roughly: the last two labels of a DNS name; IPs and single labels as is. */
function registrableDomain(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || !hostname.includes('.')) return hostname
  return hostname.split('.').slice(-2).join('.')
}

/**
 * X-Fallback-Cookies goes out only when the caller's origin is not on the API's registrable
 * domain — and always when there is no Origin/Referer (desktop/Node clients, §1.4).
 */
export function wantsFallbackCookies(ctx: RequestContext<unknown>): boolean {
  if (!ctx.origin || ctx.origin === 'null') return true
  try {
    const originHost = new URL(ctx.origin).hostname.replace(/^\[|\]$/g, '').toLowerCase()
    return registrableDomain(originHost) !== registrableDomain(ctx.hostname)
  } catch {
    return true
  }
}

export function issueSession(ctx: RequestContext<unknown>, input: IssueSessionInput): IssuedSession {
  const { app } = ctx
  // The last line of defence: no route hands a blocked user a session (appwrite-behaviour §12).
  if (!input.user.status) throw new AppwriteError('user_blocked')
  const created = atomically(app.db, () => {
    const result = createSession(app.db, {
      userId: input.user.id,
      provider: input.provider,
      ...(input.providerUid !== undefined ? { providerUid: input.providerUid } : {}),
      ...(input.providerAccessToken !== undefined ? { providerAccessToken: input.providerAccessToken } : {}),
      ...(input.providerAccessTokenExpiry !== undefined ? { providerAccessTokenExpiry: input.providerAccessTokenExpiry } : {}),
      ...(input.providerRefreshToken !== undefined ? { providerRefreshToken: input.providerRefreshToken } : {}),
      factors: input.factors,
      durationSeconds: app.config.sessionDuration,
      client: ctx.client,
    })
    if (input.evict !== false) ctx.event.extra.push(...sessionsEndedEvents(evictOldSessions(app.db, input.user.id, app.config.sessionLimit)))
    writeAudit(app.db, { user: input.user, event: 'session.create', resource: `user/${input.user.id}`, client: ctx.client })
    return result
  })
  // Realtime: the route's `users.[userId].sessions.[sessionId].create`, the evictions after it.
  ctx.event.params['userId'] = input.user.id
  ctx.event.params['sessionId'] = created.session.id
  const headers = sessionCookieHeaders(
    { projectId: app.projectId, hostname: ctx.hostname, secure: false },
    created.cookieValue,
    created.session.expire,
    wantsFallbackCookies(ctx),
  )
  return { created, headers, model: sessionModel(created.session, { current: true }) }
}
