/**
 * Taking the session out of a session-creating response (appwrite-behaviour §1.2–1.4).
 *
 * A client caller never gets the session in the body (`Session.secret` is `""`); it arrives as
 * - `Set-Cookie: a_session_<projectId>=<value>` (plus a `_legacy` twin without SameSite), where
 *   the value is URL-encoded base64 of `{"id","secret"}`; or
 * - `X-Fallback-Cookies: {"a_session_<projectId>":"<value>"}`, which Appwrite sends to callers
 *   without an Origin (like us) — and `[]` on logout.
 * The cookie wins; the fallback header is the second source.
 */
import { inspect } from 'node:util'

export interface SessionCapture {
  /** The base64 `{id, secret}` value, ready for `X-Appwrite-Session`. */
  readonly value: string
}

/**
 * The captured value lives in a private field behind a getter, so logging or serialising the
 * capture by accident (`console.log`, `JSON.stringify`, an IPC payload) shows no secret.
 */
class CapturedSession implements SessionCapture {
  readonly #value: string

  constructor(value: string) {
    this.#value = value
  }

  get value(): string {
    return this.#value
  }

  toJSON(): { value: string } {
    return { value: '[redacted]' }
  }

  toString(): string {
    return '[SessionCapture]'
  }

  [inspect.custom](): string {
    return 'SessionCapture { value: [redacted] }'
  }
}

export function makeSessionCapture(value: string): SessionCapture {
  return new CapturedSession(value)
}

export function sessionCookieName(projectId: string): string {
  return `a_session_${projectId}`
}

interface ParsedCookie {
  readonly name: string
  readonly value: string
  readonly expired: boolean
}

function parseSetCookie(header: string, now: number): ParsedCookie | null {
  const [pair = '', ...attributes] = header.split(';')
  const eq = pair.indexOf('=')
  if (eq <= 0) return null
  const name = pair.slice(0, eq).trim()
  let raw = pair.slice(eq + 1).trim()
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1)
  let value = raw
  try {
    value = decodeURIComponent(raw)
  } catch {
    // Not percent-encoded after all; keep it as sent.
  }
  let expired = false
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=')
    const attrName = key.trim().toLowerCase()
    const attrValue = rest.join('=').trim()
    if (attrName === 'max-age' && Number(attrValue) <= 0) expired = true
    if (attrName === 'expires') {
      const at = Date.parse(attrValue)
      if (!Number.isNaN(at) && at <= now) expired = true
    }
  }
  return { name, value, expired }
}

function usable(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== 'deleted'
}

/** From `Set-Cookie`: the main cookie first, the `_legacy` one if the main one is missing. */
export function captureFromSetCookie(setCookie: readonly string[] | string | undefined, projectId: string, now: number = Date.now()): SessionCapture | null {
  if (setCookie === undefined) return null
  const headers = typeof setCookie === 'string' ? [setCookie] : setCookie
  const name = sessionCookieName(projectId)
  let legacy: string | undefined
  for (const header of headers) {
    const cookie = parseSetCookie(header, now)
    if (cookie === null || cookie.expired || !usable(cookie.value)) continue
    if (cookie.name === name) return makeSessionCapture(cookie.value)
    if (cookie.name === `${name}_legacy` && legacy === undefined) legacy = cookie.value
  }
  return usable(legacy) ? makeSessionCapture(legacy) : null
}

/** From `X-Fallback-Cookies`: a JSON object keyed by cookie name (`[]` means "none"). */
export function captureFromFallbackHeader(header: string | undefined, projectId: string): SessionCapture | null {
  if (header === undefined || header === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(header)
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null
  const value = (parsed as Record<string, unknown>)[sessionCookieName(projectId)]
  return typeof value === 'string' && usable(value) ? makeSessionCapture(value) : null
}

export function captureSession(
  headers: { readonly setCookie: readonly string[] | string | undefined; readonly fallbackCookies: string | undefined },
  projectId: string,
  now: number = Date.now(),
): SessionCapture | null {
  return captureFromSetCookie(headers.setCookie, projectId, now) ?? captureFromFallbackHeader(headers.fallbackCookies, projectId)
}
