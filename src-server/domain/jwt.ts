/**
 * Account JWTs (appwrite-behaviour §5): HS256, header `{"typ":"JWT","alg":"HS256"}`, claims only
 * `userId`, `sessionId`, `exp`. Signed with a random key kept per data directory.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface JwtClaims {
  readonly userId: string
  readonly sessionId: string
  /** Unix seconds. */
  readonly exp: number
}

const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url')

export function signJwt(claims: JwtClaims, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ userId: claims.userId, sessionId: claims.sessionId, exp: claims.exp })).toString('base64url')
  const signature = createHmac('sha256', key).update(`${HEADER}.${payload}`).digest('base64url')
  return `${HEADER}.${payload}.${signature}`
}

/** Verify signature, algorithm and expiry (leeway 0). Returns null for anything invalid. */
export function verifyJwt(token: string, key: Buffer, nowMs = Date.now()): JwtClaims | null {
  if (token.length > 8192) return null
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [header, payload, signature] = parts as [string, string, string]
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }
    if (head.alg !== 'HS256') return null
    const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest()
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    const { userId, sessionId, exp } = claims
    if (typeof userId !== 'string' || typeof sessionId !== 'string' || typeof exp !== 'number') return null
    if (exp * 1000 <= nowMs) return null
    return { userId, sessionId, exp }
  } catch {
    return null
  }
}
