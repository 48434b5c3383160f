/**
 * One-time tokens (appwrite-behaviour §5): magic URL, e-mail OTP, phone OTP, OAuth2 token flow, recovery,
 * e-mail/phone verification. Secrets are stored as SHA-256 only; the raw secret leaves the
 * server solely in the message (or redirect) that carries it.
 */
import type { Token } from '../../src-shared/appwrite'
import { prepared, type Database } from '../store/database'
import type { ClientInfo } from './sessions'
import { randomDigits, randomHex, sha256Hex, uniqueId } from './ids'
import { isoDate } from './time'

/** Appwrite's token type numbers (DB), §5. */
export const TOKEN_TYPES = {
  verification: 2,
  recovery: 3,
  invite: 4,
  magicUrl: 5,
  phone: 6,
  oauth2: 7,
  generic: 8,
  emailOtp: 9,
  // 2.x codes (appwrite-behaviour §13): types of their own, so a code never confirms a link flow
  // and a link secret never confirms a code flow. 11 is Appwrite's recovery-OTP number; 12 is ours.
  recoveryOtp: 11,
  verificationOtp: 12,
} as const
export type TokenType = keyof typeof TOKEN_TYPES

/** Lifetimes in seconds (§5, §11.11): the code, not the docs. */
export const TOKEN_LIFETIME_SECONDS = {
  magicUrl: 3600,
  emailOtp: 15 * 60,
  phone: 15 * 60,
  phoneVerification: 3600,
  verification: 3600,
  recovery: 3600,
  recoveryOtp: 15 * 60,
  verificationOtp: 15 * 60,
} as const

/** Secret formats (§5): 64 hex for magic URL / OAuth2, 256 hex for recovery & verification, 6 digits for OTPs. */
export function newTokenSecret(kind: 'hex64' | 'hex256' | 'digits6'): string {
  if (kind === 'digits6') return randomDigits(6)
  return randomHex(kind === 'hex64' ? 32 : 128)
}

export interface TokenRow {
  readonly id: string
  readonly userId: string
  readonly type: number
  readonly secretHash: string
  readonly createdAt: number
  readonly expire: number
  readonly phrase: string
}

function mapToken(raw: unknown): TokenRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    type: Number(row['type']),
    secretHash: String(row['secretHash']),
    createdAt: Number(row['createdAt']),
    expire: Number(row['expire']),
    phrase: String(row['phrase']),
  }
}

export interface NewToken {
  readonly userId: string
  readonly type: TokenType
  readonly secret: string
  readonly lifetimeSeconds: number
  readonly phrase?: string
  readonly client: ClientInfo
}

export function createToken(db: Database, input: NewToken, now = Date.now()): TokenRow {
  const row: TokenRow = {
    id: uniqueId(),
    userId: input.userId,
    type: TOKEN_TYPES[input.type],
    secretHash: sha256Hex(input.secret),
    createdAt: now,
    expire: now + input.lifetimeSeconds * 1000,
    phrase: input.phrase ?? '',
  }
  prepared(db, 'INSERT INTO tokens (id, userId, type, secretHash, createdAt, expire, phrase, ip, userAgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.userId,
    row.type,
    row.secretHash,
    row.createdAt,
    row.expire,
    row.phrase,
    input.client.ip,
    input.client.userAgent,
  )
  return row
}

/** A live token of the user with this secret and one of the given types, or null. */
export function findValidToken(db: Database, userId: string, secret: string, types: readonly TokenType[], now = Date.now()): TokenRow | null {
  const rows = prepared(db, 'SELECT id, userId, type, secretHash, createdAt, expire, phrase FROM tokens WHERE userId = ? AND secretHash = ?')
    .all(userId, sha256Hex(secret))
    .map(mapToken)
  const wanted = new Set<number>(types.map((type) => TOKEN_TYPES[type]))
  return rows.find((row) => wanted.has(row.type) && row.expire > now) ?? null
}

export function deleteToken(db: Database, id: string): void {
  prepared(db, 'DELETE FROM tokens WHERE id = ?').run(id)
}

export function tokenTypeName(type: number): TokenType | null {
  for (const [name, value] of Object.entries(TOKEN_TYPES)) if (value === type) return name as TokenType
  return null
}

/** The Token model; `secret` is sensitive and `""` for client callers (§4). */
export function tokenModel(row: TokenRow, secret = ''): Token {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    userId: row.userId,
    secret,
    expire: isoDate(row.expire),
    phrase: row.phrase,
  }
}
