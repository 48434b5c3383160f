/**
 * Identifiers, secrets and their hashes (appwrite-behaviour §1.5 ids, §5 secrets).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto'

let lastMicros = 0

/**
 * A 20-character Appwrite id: PHP `uniqid()` (8 hex seconds + 5 hex microseconds) followed by
 * 7 random hex chars, which is what the server substitutes for the literal `unique()`.
 * Microseconds are forced to increase so ids made in the same millisecond still sort in order.
 */
export function uniqueId(): string {
  let micros = Date.now() * 1000
  if (micros <= lastMicros) micros = lastMicros + 1
  lastMicros = micros
  const seconds = Math.floor(micros / 1_000_000)
  const usec = micros % 1_000_000
  return seconds.toString(16).padStart(8, '0') + usec.toString(16).padStart(5, '0') + randomBytes(4).toString('hex').slice(0, 7)
}

/** Resolve a CustomId parameter: `unique()` becomes a fresh id. */
export function resolveCustomId(value: string): string {
  return value === 'unique()' ? uniqueId() : value
}

/** Lower-case hex of `bytes` random bytes (session secrets are 128 bytes = 256 hex, §5). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** A 6-digit one-time code; each digit 0–9, leading zeros allowed (§5). */
export function randomDigits(length = 6): string {
  let out = ''
  for (let i = 0; i < length; i++) out += String(randomInt(10))
  return out
}

/** Secrets are stored only as their SHA-256 hex (§1.3, §5). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
