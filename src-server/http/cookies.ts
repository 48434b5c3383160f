/**
 * Session cookies and the `X-Fallback-Cookies` header (appwrite-behaviour §1.2–§1.4).
 *
 * - `a_session_<project>`: HttpOnly, SameSite=None, Secure only over https, Path=/, no Domain for
 *   localhost/IP hosts (else `.<host>`), Expires = session expiry.
 * - `a_session_<project>_legacy`: same without SameSite.
 * - Logout sends both expired one hour ago, and `X-Fallback-Cookies: []`.
 * Values are URL-encoded in Set-Cookie (Swoole does so); readers decode.
 */
import { isIP } from 'node:net'
import type { ResponseHeaders } from './route'

export function sessionCookieName(projectId: string): string {
  return `a_session_${projectId}`
}

/** Read one cookie from a Cookie header without parsing the rest. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  const parts = header.split(';')
  for (const part of parts) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return null
}

function cookieDomain(hostname: string): string | null {
  if (!hostname || hostname === 'localhost' || isIP(hostname) !== 0 || !hostname.includes('.')) return null
  return `.${hostname}`
}

function buildCookie(name: string, value: string, expires: Date, hostname: string, secure: boolean, sameSite: boolean): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Expires=${expires.toUTCString()}; Path=/`
  const domain = cookieDomain(hostname)
  if (domain) cookie += `; Domain=${domain}`
  if (secure) cookie += '; Secure'
  cookie += '; HttpOnly'
  if (sameSite) cookie += '; SameSite=None'
  return cookie
}

export interface CookieTarget {
  readonly projectId: string
  readonly hostname: string
  readonly secure: boolean
}

/** Headers that hand a new session to the client: both cookies, plus the fallback header when wanted. */
export function sessionCookieHeaders(target: CookieTarget, cookieValue: string, expireMs: number, sendFallback: boolean): ResponseHeaders {
  const name = sessionCookieName(target.projectId)
  const expires = new Date(expireMs)
  const headers: ResponseHeaders = [
    ['Set-Cookie', buildCookie(`${name}_legacy`, cookieValue, expires, target.hostname, target.secure, false)],
    ['Set-Cookie', buildCookie(name, cookieValue, expires, target.hostname, target.secure, true)],
  ]
  if (sendFallback) headers.push(['X-Fallback-Cookies', JSON.stringify({ [name]: cookieValue })])
  return headers
}

/** Headers that remove the session from the client (logout, self-block, appwrite-behaviour §1.2). */
export function clearSessionCookieHeaders(target: CookieTarget): ResponseHeaders {
  const name = sessionCookieName(target.projectId)
  const past = new Date(Date.now() - 3600 * 1000)
  return [
    ['Set-Cookie', buildCookie(`${name}_legacy`, '', past, target.hostname, target.secure, false)],
    ['Set-Cookie', buildCookie(name, '', past, target.hostname, target.secure, true)],
    ['X-Fallback-Cookies', '[]'],
  ]
}
