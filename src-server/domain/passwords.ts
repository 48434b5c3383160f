/**
 * Password hashing and the project's password policy (appwrite-behaviour §5).
 *
 * argon2id through @node-rs/argon2 (async, off the event loop). Sign-up uses the library
 * defaults Appwrite uses, m = 65 536 KiB, t = 4, p = 3; password change, recovery and a first
 * password set through e-mail/phone update use 1.8.1's m = 7 168, t = 5, p = 1. Any argon2
 * PHC string verifies, whatever its parameters.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2'
import { AppwriteError } from '../errors'
import type { ProjectConfig } from '../config'

// `Algorithm` is a const enum in the typings; isolatedModules cannot inline it, so use its value.
const ARGON2ID = 2 as Algorithm

export const SIGN_UP_HASH_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 65_536, timeCost: 4, parallelism: 3 }
export const UPDATE_HASH_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 7_168, timeCost: 5, parallelism: 1 }

export function hashPassword(password: string, options: Options = SIGN_UP_HASH_OPTIONS): Promise<string> {
  return hash(password, options)
}

/** True when `password` matches the stored PHC hash; a malformed hash never matches. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

export interface PersonalData {
  readonly userId: string
  readonly email: string | null
  readonly name: string
  readonly phone: string | null
}

/**
 * `personalDataCheck` (§5): reject, case-insensitively, a password containing the user id, the
 * full e-mail, the e-mail's local part, the name, or the phone with or without `+`.
 */
export function assertNoPersonalData(config: ProjectConfig, password: string, data: PersonalData): void {
  if (!config.personalDataCheck) return
  const lower = password.toLowerCase()
  const needles: string[] = [data.userId]
  if (data.email) {
    needles.push(data.email)
    const at = data.email.indexOf('@')
    if (at > 0) needles.push(data.email.slice(0, at))
  }
  if (data.name) needles.push(data.name)
  if (data.phone) {
    needles.push(data.phone, data.phone.replace(/^\+/, ''))
  }
  for (const needle of needles) {
    const n = needle.trim().toLowerCase()
    if (n !== '' && lower.includes(n)) throw new AppwriteError('password_personal_data')
  }
}

/** `passwordHistory` (§5): reject reuse of any of the last N hashes → password_recently_used. */
export async function assertNotRecentlyUsed(config: ProjectConfig, password: string, history: readonly string[]): Promise<void> {
  if (config.passwordHistory <= 0) return
  for (const previous of history.slice(-config.passwordHistory)) {
    if (await verifyPassword(previous, password)) throw new AppwriteError('password_recently_used')
  }
}

/** The history after setting `newHash`, trimmed to the project's length (0 = keep none). */
export function nextPasswordHistory(config: ProjectConfig, history: readonly string[], newHash: string): string[] {
  if (config.passwordHistory <= 0) return []
  return [...history, newHash].slice(-config.passwordHistory)
}
