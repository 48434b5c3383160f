/**
 * The MFA factor rule every non-exempt route enforces (appwrite-behaviour §6): a user needs 2 factors on
 * the session when `mfa` is on **and** they have a verified second channel — verified e-mail,
 * verified phone or a verified TOTP authenticator (recovery codes do not count); otherwise 1.
 * The MFA routes themselves (authenticators, challenges, recovery codes) live in domain/mfa.ts.
 */
import { prepared, type Database } from '../store/database'
import type { UserRow } from './users'
import type { SessionRow } from './sessions'

/** 30 minutes: the freshness window of `mfaProtected` routes (the error text says 5, §11.17). */
export const MFA_RECENT_CHALLENGE_MS = 30 * 60 * 1000

export function hasVerifiedTotp(db: Database, userId: string): boolean {
  return prepared(db, "SELECT 1 AS found FROM authenticators WHERE userId = ? AND type = 'totp' AND verified = 1 LIMIT 1").get(userId) !== undefined
}

export function requiredFactors(db: Database, user: UserRow): 1 | 2 {
  if (!user.mfa) return 1
  if (user.emailVerification || user.phoneVerification || hasVerifiedTotp(db, user.id)) return 2
  return 1
}

/** Whether the session still lacks factors (→ 401 user_more_factors_required). */
export function missingFactors(db: Database, user: UserRow, session: SessionRow): boolean {
  if (!user.mfa) return false
  return new Set(session.factors).size < requiredFactors(db, user)
}

/** Whether the session completed a challenge recently enough for `mfaProtected` routes. */
export function hasRecentChallenge(session: SessionRow, now = Date.now()): boolean {
  return session.mfaUpdatedAt !== null && now - session.mfaUpdatedAt <= MFA_RECENT_CHALLENGE_MS
}
