/**
 * Account-level rules shared by several routes and the OAuth2 module: the project's user limit,
 * e-mail normalisation, and "find or create the user for this e-mail" (appwrite-behaviour §3.2, §7.2).
 */
import { AppwriteError } from '../errors'
import type { ProjectConfig } from '../config'
import type { Database } from '../store/database'
import { countUsers, createUser, findUserByEmail, type NewUser, type UserRow } from './users'
import { uniqueId } from './ids'

/** E-mail is lower-cased on sign-up, login, recovery and e-mail update — not for tokens (§11.8). */
export function normalizeEmail(email: string): string {
  return email.toLowerCase()
}

/** 400 user_count_exceeded when the project's user limit is reached (any sign-up path). */
export function assertUserLimit(db: Database, config: ProjectConfig): void {
  if (config.userLimit > 0 && countUsers(db) >= config.userLimit) throw new AppwriteError('user_count_exceeded')
}

/**
 * The user owning `email` (exact match), or a new one with that e-mail. Returns whether it was
 * created. The user limit applies only when creating.
 */
export function findOrCreateUserByEmail(
  db: Database,
  config: ProjectConfig,
  email: string,
  create: Omit<NewUser, 'email'> & { id?: string },
): { user: UserRow; created: boolean } {
  const existing = findUserByEmail(db, email)
  if (existing) return { user: existing, created: false }
  assertUserLimit(db, config)
  return { user: createUser(db, { ...create, id: create.id ?? uniqueId(), email }), created: true }
}
