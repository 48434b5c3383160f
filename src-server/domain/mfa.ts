/**
 * Multi-factor authentication: TOTP authenticators, recovery codes, challenges and the
 * factors they credit to a session (appwrite-behaviour §6). Whether a session is complete, and the
 * 30-minute mfaProtected rule, are decided by the router through domain/mfa-policy.ts.
 *
 * The first half holds the rules as pure functions; the second half reads and writes the
 * `authenticators` and `challenges` tables. The HTTP module (http/routes/mfa.ts) combines them
 * with the users/sessions domain.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import type { MfaChallenge, MfaFactors } from '../../src-shared/appwrite'
import { AppwriteError } from '../errors'
import { atomically, prepared, type Database } from '../store/database'
import { uniqueId } from './ids'
import { isoDate } from './time'
import type { UserRow } from './users'
import { hasVerifiedTotp } from './mfa-policy'

/** TOTP parameters Appwrite uses through otphp's defaults (appwrite-behaviour §6). */
export const TOTP_ALGORITHM = 'SHA1'
export const TOTP_DIGITS = 6
export const TOTP_PERIOD_SECONDS = 30
/** 64 random bytes, base32 without padding → 103 characters (appwrite-behaviour §6). */
export const TOTP_SECRET_BYTES = 64

/** Recovery codes: 6 codes of 10 lower-case hex characters (appwrite-behaviour §5, §6). */
export const RECOVERY_CODE_COUNT = 6
export const RECOVERY_CODE_LENGTH = 10

/**
 * A challenge's `expire` is one hour out (appwrite-behaviour §5). Appwrite ≤ 1.8.1 reports it without
 * enforcing it (§11.16); the sandbox enforces it, so an old challenge cannot be guessed at forever.
 */
export const MFA_CHALLENGE_LIFETIME_SECONDS = 3600

/**
 * Wrong answers one challenge takes before it is dropped (then a new challenge is needed). A
 * 6-digit code has a million values; with the hourly limit per challenge id alone a script could
 * keep making challenges and guessing — this cap holds even with rate limits off.
 */
export const MFA_CHALLENGE_MAX_FAILURES = 5

/** The only authenticator type Appwrite knows (appwrite-behaviour §3.2, `type` = `totp`). */
export const AUTHENTICATOR_TYPES = ['totp'] as const
export type AuthenticatorType = (typeof AUTHENTICATOR_TYPES)[number]

/**
 * Factor names as stored on a challenge and appended to a session's `factors`.
 * Recovery codes are recorded in the spelling of the SDK enum (`recoverycode`,
 * src-shared MFA_FACTORS); the request may use either spelling (1.9, appwrite-behaviour §12).
 */
export type ChallengeFactor = 'email' | 'phone' | 'totp' | 'recoverycode'

/**
 * Reads the `factor` parameter of challenge creation. Appwrite validates it case-insensitively
 * against email/phone/totp/recoveryCode (appwrite-behaviour §3.2), and 1.9 completes the challenge for
 * both `recoverycode` and `recoveryCode` (§12), so every casing maps to one stored name.
 */
export function parseChallengeFactor(input: string): ChallengeFactor | null {
  switch (input.toLowerCase()) {
    case 'email':
      return 'email'
    case 'phone':
      return 'phone'
    case 'totp':
      return 'totp'
    case 'recoverycode':
      return 'recoverycode'
    default:
      return null
  }
}

/** A fresh TOTP secret: RFC 4648 base32, upper case, no padding (appwrite-behaviour §6). */
export function createTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32.replace(/=+$/, '')
}

/**
 * PHP's rawurlencode: everything but `A-Za-z0-9-_.~` is percent-encoded, which is stricter
 * than encodeURIComponent (it also encodes `!'()*`). otphp builds the URI with it.
 */
function rawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * The provisioning URI an authenticator app scans: `otpauth://totp/<issuer>:<label>?issuer=…&secret=…`
 * with `<issuer>:<label>` percent-encoded as one string (so `:` becomes `%3A`) and the default
 * algorithm, digits and period left out, as otphp does (appwrite-behaviour §6). Issuer = project name,
 * label = the user's e-mail.
 */
export function totpProvisioningUri(issuer: string, label: string, secret: string): string {
  const path = rawUrlEncode(`${issuer}:${label}`)
  return `otpauth://totp/${path}?issuer=${rawUrlEncode(issuer)}&secret=${rawUrlEncode(secret)}`
}

function totpFor(secret: string): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  })
}

/** The code an authenticator shows at `nowMs`. */
export function totpCodeAt(secret: string, nowMs: number): string {
  return totpFor(secret).generate({ timestamp: nowMs })
}

/** Constant-time string comparison that tolerates different lengths. */
function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * True when `otp` is the code of the current 30-second step. Appwrite compares against
 * `now()` only, with no ±1 window for clock drift (appwrite-behaviour §6, §11.16); we do the same so a
 * client tuned against the sandbox does not come to rely on a tolerance real Appwrite lacks.
 */
export function verifyTotpCode(secret: string, otp: string, nowMs: number): boolean {
  return sameSecret(totpCodeAt(secret, nowMs), otp)
}

/** Six single-use codes of ten lower-case hex characters (appwrite-behaviour §6). */
export function generateRecoveryCodes(): string[] {
  const codes: string[] = []
  for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
    codes.push(
      randomBytes(Math.ceil(RECOVERY_CODE_LENGTH / 2))
        .toString('hex')
        .slice(0, RECOVERY_CODE_LENGTH),
    )
  }
  return codes
}

/**
 * Removes `otp` from the stored codes if present. Returns the remaining codes, or null when
 * the code is not one of them (each code is single-use, appwrite-behaviour §6).
 */
export function consumeRecoveryCode(codes: readonly string[], otp: string): string[] | null {
  const index = codes.findIndex((code) => sameSecret(code, otp))
  if (index === -1) return null
  return codes.filter((_, i) => i !== index)
}

/** The 6-digit code mailed or texted for an e-mail/phone challenge; leading zeros allowed (appwrite-behaviour §5). */
export function generateChallengeCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0')
}

/** What the user has set up as second channels, as far as MFA is concerned. */
export interface VerifiedChannels {
  /** A TOTP authenticator exists and was verified. */
  readonly totp: boolean
  /** The user has an e-mail and it is verified. */
  readonly email: boolean
  /** The user has a phone number and it is verified. */
  readonly phone: boolean
}

export function verifiedChannelsOf(
  user: { readonly email: string; readonly emailVerification: boolean; readonly phone: string; readonly phoneVerification: boolean },
  hasVerifiedTotp: boolean,
): VerifiedChannels {
  return {
    totp: hasVerifiedTotp,
    email: user.email !== '' && user.emailVerification,
    phone: user.phone !== '' && user.phoneVerification,
  }
}

/** Appends a factor to a session's list, keeping the first occurrence (Appwrite deduplicates, appwrite-behaviour §6). */
export function withFactor(factors: readonly string[], factor: string): string[] {
  return factors.includes(factor) ? [...factors] : [...factors, factor]
}

/**
 * Enabling MFA credits the current session with every second factor the user already has
 * verified, so turning MFA on never locks its caller out (appwrite-behaviour §6 "Enabling"). Order
 * follows Appwrite: totp, email, phone.
 */
export function factorsAfterEnabling(factors: readonly string[], channels: VerifiedChannels): string[] {
  let next = [...factors]
  if (channels.totp) next = withFactor(next, 'totp')
  if (channels.email) next = withFactor(next, 'email')
  if (channels.phone) next = withFactor(next, 'phone')
  return next
}

/** `GET /account/mfa/factors`: which factors can be challenged (appwrite-behaviour §4 MfaFactors, key order kept). */
export function listFactors(channels: VerifiedChannels, recoveryCodes: readonly string[]): MfaFactors {
  return {
    totp: channels.totp,
    phone: channels.phone,
    email: channels.email,
    recoveryCode: recoveryCodes.length > 0,
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: authenticators and challenges (tables from store/migrations.ts, version 1).
// ---------------------------------------------------------------------------------------------

export interface AuthenticatorRow {
  readonly id: string
  readonly userId: string
  readonly type: AuthenticatorType
  /** Base32 TOTP secret, kept in clear: the server must compute codes from it (as Appwrite does). */
  readonly secret: string
  readonly verified: boolean
  readonly createdAt: number
}

function mapAuthenticator(raw: unknown): AuthenticatorRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    type: 'totp',
    secret: String(row['secret']),
    verified: Number(row['verified']) === 1,
    createdAt: Number(row['createdAt']),
  }
}

export function findAuthenticator(db: Database, userId: string, type: AuthenticatorType): AuthenticatorRow | null {
  const raw = prepared(
    db,
    'SELECT id, userId, type, secret, verified, createdAt FROM authenticators WHERE userId = ? AND type = ? ORDER BY createdAt DESC LIMIT 1',
  ).get(userId, type)
  return raw ? mapAuthenticator(raw) : null
}

/**
 * Adds a fresh, unverified authenticator, replacing an unverified one (re-creating replaces the
 * secret, appwrite-behaviour §6). A verified one → 409 user_authenticator_already_verified.
 */
export function replaceUnverifiedAuthenticator(db: Database, userId: string, type: AuthenticatorType, secret: string, now = Date.now()): AuthenticatorRow {
  return atomically(db, () => {
    const existing = findAuthenticator(db, userId, type)
    if (existing?.verified) throw new AppwriteError('user_authenticator_already_verified')
    prepared(db, 'DELETE FROM authenticators WHERE userId = ? AND type = ?').run(userId, type)
    const row: AuthenticatorRow = { id: uniqueId(), userId, type, secret, verified: false, createdAt: now }
    prepared(db, 'INSERT INTO authenticators (id, userId, type, secret, verified, createdAt) VALUES (?, ?, ?, ?, 0, ?)').run(
      row.id,
      row.userId,
      row.type,
      row.secret,
      row.createdAt,
    )
    return row
  })
}

export function markAuthenticatorVerified(db: Database, id: string): void {
  prepared(db, 'UPDATE authenticators SET verified = 1 WHERE id = ?').run(id)
}

export function deleteAuthenticator(db: Database, id: string): void {
  prepared(db, 'DELETE FROM authenticators WHERE id = ?').run(id)
}

export interface ChallengeRow {
  readonly id: string
  readonly userId: string
  readonly type: ChallengeFactor
  /** The mailed/texted code, `""` for totp and recovery-code challenges (stored in clear, §5). */
  readonly code: string
  readonly expire: number
  readonly createdAt: number
}

function mapChallenge(raw: unknown): ChallengeRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    type: parseChallengeFactor(String(row['type'])) ?? 'totp',
    code: String(row['code']),
    expire: Number(row['expire']),
    createdAt: Number(row['createdAt']),
  }
}

export function createChallenge(db: Database, userId: string, type: ChallengeFactor, code: string, now = Date.now()): ChallengeRow {
  const row: ChallengeRow = { id: uniqueId(), userId, type, code, expire: now + MFA_CHALLENGE_LIFETIME_SECONDS * 1000, createdAt: now }
  prepared(db, 'INSERT INTO challenges (id, userId, type, code, expire, createdAt) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.userId,
    row.type,
    row.code,
    row.expire,
    row.createdAt,
  )
  return row
}

/** Counts one wrong answer; answers the number of wrong answers so far. */
export function recordChallengeFailure(db: Database, id: string): number {
  prepared(db, 'UPDATE challenges SET failures = failures + 1 WHERE id = ?').run(id)
  const row = prepared(db, 'SELECT failures FROM challenges WHERE id = ?').get(id) as { failures: number } | undefined
  return Number(row?.failures ?? MFA_CHALLENGE_MAX_FAILURES)
}

/** A challenge of this user; another user's challenge id is as unknown as a made-up one. */
export function findChallenge(db: Database, userId: string, id: string): ChallengeRow | null {
  const raw = prepared(db, 'SELECT id, userId, type, code, expire, createdAt FROM challenges WHERE id = ? AND userId = ?').get(id, userId)
  return raw ? mapChallenge(raw) : null
}

export function deleteChallenge(db: Database, id: string): void {
  prepared(db, 'DELETE FROM challenges WHERE id = ?').run(id)
}

export function challengeModel(row: ChallengeRow): MfaChallenge {
  return { $id: row.id, $createdAt: isoDate(row.createdAt), userId: row.userId, expire: isoDate(row.expire) }
}

/** The user's verified second channels, read from the user row and the authenticators table. */
export function userChannels(db: Database, user: UserRow): VerifiedChannels {
  return verifiedChannelsOf(
    { email: user.email ?? '', emailVerification: user.emailVerification, phone: user.phone ?? '', phoneVerification: user.phoneVerification },
    hasVerifiedTotp(db, user.id),
  )
}

/**
 * Writes a session's factor list without touching `mfaUpdatedAt`: verifying an authenticator
 * and enabling MFA credit factors but are not "recent challenges" (appwrite-behaviour §6); only a
 * completed challenge stamps the time (sessions.addSessionFactors).
 */
export function setSessionFactors(db: Database, sessionId: string, factors: readonly string[], now = Date.now()): void {
  prepared(db, 'UPDATE sessions SET factors = ?, updatedAt = ? WHERE id = ?').run(JSON.stringify(factors), now, sessionId)
}
