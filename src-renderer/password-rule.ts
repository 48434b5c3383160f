/**
 * Appwrite's password rule (appwrite-behaviour §3.2): 8 to 256, counted as bytes of UTF-8 (PHP `strlen`).
 * For the letters people usually type a byte is a character; a letter such as "é" counts twice and
 * an emoji four times, so we count the same way and never call a password valid that the server
 * will refuse. Projects may add rules (common-password dictionary, personal data, history); those
 * come back from the server as errors.
 */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 256

export type PasswordLengthVerdict = 'empty' | 'too-short' | 'ok' | 'too-long'

export interface PasswordLengthCheck {
  readonly verdict: PasswordLengthVerdict
  /** Length as Appwrite counts it. */
  readonly length: number
  /** How many more are needed to reach the minimum (0 when reached). */
  readonly missing: number
}

const encoder = new TextEncoder()

export function checkPasswordLength(password: string): PasswordLengthCheck {
  const length = encoder.encode(password).length
  const missing = Math.max(0, PASSWORD_MIN_LENGTH - length)
  if (length === 0) return { verdict: 'empty', length, missing }
  if (length < PASSWORD_MIN_LENGTH) return { verdict: 'too-short', length, missing }
  if (length > PASSWORD_MAX_LENGTH) return { verdict: 'too-long', length, missing }
  return { verdict: 'ok', length, missing }
}
