/**
 * Account-level rules shared by several routes and the OAuth2 module: the project's user limit and
 * e-mail normalisation (appwrite-behaviour §3.2, §7.2).
 */
import { AppwriteError } from '../errors'
import type { ProjectConfig } from '../config'
import type { Database } from '../store/database'
import { countUsers } from './users'

/** E-mail is lower-cased on sign-up, login, recovery and e-mail update — not for tokens (§11.8). */
export function normalizeEmail(email: string): string {
  return email.toLowerCase()
}

/** 400 user_count_exceeded when the project's user limit is reached (any sign-up path). */
export function assertUserLimit(db: Database, config: ProjectConfig): void {
  if (config.userLimit > 0 && countUsers(db) >= config.userLimit) throw new AppwriteError('user_count_exceeded')
}
