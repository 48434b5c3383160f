/**
 * Who is calling (appwrite-behaviour §1.1): the session comes from the `a_session_<project>` cookie (or its
 * `_legacy` twin), else `X-Appwrite-Session`, else `X-Fallback-Cookies`; then `X-Appwrite-JWT`
 * overrides it. A malformed/expired/badly signed JWT fails the whole request (401
 * user_jwt_invalid, even on public routes); a JWT whose session is gone makes a guest; JWT and
 * session together → 403 user_jwt_and_cookie_set (1.9, §12).
 */
import type { IncomingMessage } from 'node:http'
import { AppwriteError } from '../errors'
import type { Sandbox } from '../sandbox'
import { decodeSessionValue, findSessionBySecret, getSession, type SessionRow } from '../domain/sessions'
import { getUser, type UserRow } from '../domain/users'
import { verifyJwt } from '../domain/jwt'
import { readCookie, sessionCookieName } from './cookies'

export interface AuthState {
  /** The signed-in user, or null for guests. */
  readonly user: UserRow | null
  /** The caller's own cookie/header session; null for guests and JWT callers. */
  readonly session: SessionRow | null
  /** The session a JWT names (JWT callers only). */
  readonly jwtSessionId: string | null
  /** Whether the session came from `X-Fallback-Cookies` (→ `X-Debug-Fallback: true`). */
  readonly fallbackUsed: boolean
}

export const GUEST: AuthState = Object.freeze({ user: null, session: null, jwtSessionId: null, fallbackUsed: false })

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The raw session value the client presented, and whether it came from the fallback header. */
function presentedSession(req: IncomingMessage, projectId: string): { value: string; fallback: boolean } | null {
  const name = sessionCookieName(projectId)
  const cookieHeader = req.headers.cookie
  if (cookieHeader) {
    const fromCookie = readCookie(cookieHeader, name) || readCookie(cookieHeader, `${name}_legacy`)
    if (fromCookie) return { value: fromCookie, fallback: false }
  }
  const fromHeader = headerValue(req, 'x-appwrite-session')
  if (fromHeader) return { value: fromHeader, fallback: false }
  const fallbackHeader = headerValue(req, 'x-fallback-cookies')
  if (fallbackHeader && fallbackHeader.length < 8192) {
    try {
      const parsed: unknown = JSON.parse(fallbackHeader)
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        const value = (parsed as Record<string, unknown>)[name]
        if (typeof value === 'string' && value !== '') return { value, fallback: true }
      }
    } catch {
      // An unreadable fallback header is no session, not an error (the web SDK echoes `[]` after logout).
    }
  }
  return null
}

export function resolveAuth(app: Sandbox, req: IncomingMessage, now = Date.now()): AuthState {
  let user: UserRow | null = null
  let session: SessionRow | null = null
  let fallbackUsed = false

  const jwt = headerValue(req, 'x-appwrite-jwt')
  const presented = presentedSession(req, app.projectId)
  // One revalidation per authenticated request; the cache is then safe to read (http/read-cache.ts).
  if (presented || jwt) app.cache.revalidate()
  if (presented) {
    const hit = app.cache.session(presented.value)
    if (hit && hit.session.expire > now) {
      user = hit.user
      session = hit.session
      fallbackUsed = presented.fallback
    } else {
      const decoded = decodeSessionValue(presented.value)
      if (decoded) {
        const found = findSessionBySecret(app.db, decoded.userId, decoded.secret, now)
        if (found) {
          const owner = getUser(app.db, found.userId)
          if (owner) {
            user = owner
            session = found
            fallbackUsed = presented.fallback
            app.cache.rememberSession(presented.value, { session: found, user: owner })
          }
        }
      }
    }
  }

  if (jwt) {
    const claims = verifyJwt(jwt, app.jwtKey, now)
    if (!claims) throw new AppwriteError('user_jwt_invalid')
    if (session) throw new AppwriteError('user_jwt_and_cookie_set')
    const jwtSession = getSession(app.db, claims.sessionId)
    if (!jwtSession || jwtSession.userId !== claims.userId || jwtSession.expire <= now) return GUEST
    const owner = getUser(app.db, claims.userId)
    if (!owner) return GUEST
    return { user: owner, session: null, jwtSessionId: jwtSession.id, fallbackUsed: false }
  }

  if (!user) return fallbackUsed ? { ...GUEST, fallbackUsed } : GUEST
  return { user, session, jwtSessionId: null, fallbackUsed }
}
