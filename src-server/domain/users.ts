/**
 * Users: rows, the Account model, creation with its e-mail/SMS targets, and lookups the
 * routes (and the OAuth2 module) share. appwrite-behaviour §3.2 `POST /account`, §4 User.
 */
import type { User } from '../../src-shared/appwrite'
import { AppwriteError } from '../errors'
import { atomically, prepared, type Database } from '../store/database'
import { createTarget, listTargets, targetModel } from './targets'
import { emailMetadata } from './email-metadata'
import { isoDate, isoDateOrEmpty } from './time'

export interface UserRow {
  readonly id: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly name: string
  /** `null` when the user has no e-mail (anonymous, phone-only). */
  readonly email: string | null
  readonly phone: string | null
  readonly passwordHash: string | null
  readonly passwordUpdate: number | null
  /** Previous password hashes, newest last (only kept when the project's history is on). */
  readonly passwordHistory: readonly string[]
  readonly registration: number
  readonly status: boolean
  readonly labels: readonly string[]
  readonly emailVerification: boolean
  readonly phoneVerification: boolean
  readonly mfa: boolean
  readonly mfaRecoveryCodes: readonly string[]
  readonly prefs: Readonly<Record<string, unknown>>
  readonly accessedAt: number
  readonly reset: boolean
}

const COLUMNS =
  'id, createdAt, updatedAt, name, email, phone, passwordHash, passwordUpdate, passwordHistory, registration, status, labels, emailVerification, phoneVerification, mfa, mfaRecoveryCodes, prefs, accessedAt, reset'

function jsonArray(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value))
    return Array.isArray(parsed) ? parsed.map(String) : []
  } catch {
    return []
  }
}

function jsonObject(value: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(String(value))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value)
}

export function mapUserRow(raw: unknown): UserRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    createdAt: Number(row['createdAt']),
    updatedAt: Number(row['updatedAt']),
    name: String(row['name']),
    email: nullableString(row['email']),
    phone: nullableString(row['phone']),
    passwordHash: nullableString(row['passwordHash']),
    passwordUpdate: nullableNumber(row['passwordUpdate']),
    passwordHistory: jsonArray(row['passwordHistory']),
    registration: Number(row['registration']),
    status: Number(row['status']) === 1,
    labels: jsonArray(row['labels']),
    emailVerification: Number(row['emailVerification']) === 1,
    phoneVerification: Number(row['phoneVerification']) === 1,
    mfa: Number(row['mfa']) === 1,
    mfaRecoveryCodes: jsonArray(row['mfaRecoveryCodes']),
    prefs: jsonObject(row['prefs']),
    accessedAt: Number(row['accessedAt']),
    reset: Number(row['reset']) === 1,
  }
}

export function getUser(db: Database, id: string): UserRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id)
  return raw ? mapUserRow(raw) : null
}

/** Exact match on the stored e-mail (callers decide whether to lower-case first, §11.8). */
export function findUserByEmail(db: Database, email: string): UserRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM users WHERE email = ?`).get(email)
  return raw ? mapUserRow(raw) : null
}

export function findUserByPhone(db: Database, phone: string): UserRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM users WHERE phone = ?`).get(phone)
  return raw ? mapUserRow(raw) : null
}

export function countUsers(db: Database): number {
  const row = prepared(db, 'SELECT COUNT(*) AS n FROM users').get() as { n: number }
  return Number(row.n)
}

export interface NewUser {
  readonly id: string
  readonly email?: string | null
  readonly phone?: string | null
  readonly name?: string
  readonly passwordHash?: string | null
  /** Initial password history (only when the project keeps one). */
  readonly passwordHistory?: readonly string[]
  readonly emailVerification?: boolean
  readonly phoneVerification?: boolean
}

/**
 * Insert a user plus its e-mail and SMS targets, in one transaction. Duplicate id, e-mail or
 * phone → 409 user_already_exists (appwrite-behaviour §3.2). The project's user limit is the caller's
 * check (`assertUserLimit`) because it applies before other validation.
 */
export function createUser(db: Database, input: NewUser, now = Date.now()): UserRow {
  const email = input.email ?? null
  const phone = input.phone ?? null
  return atomically(db, () => {
    if (getUser(db, input.id) || (email !== null && findUserByEmail(db, email)) || (phone !== null && findUserByPhone(db, phone))) {
      throw new AppwriteError('user_already_exists')
    }
    prepared(
      db,
      `INSERT INTO users (id, createdAt, updatedAt, name, email, phone, passwordHash, passwordUpdate, passwordHistory, registration,
         status, labels, emailVerification, phoneVerification, mfa, mfaRecoveryCodes, prefs, accessedAt, reset)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '[]', ?, ?, 0, '[]', '{}', ?, 0)`,
    ).run(
      input.id,
      now,
      now,
      input.name ?? '',
      email,
      phone,
      input.passwordHash ?? null,
      input.passwordHash ? now : null,
      JSON.stringify(input.passwordHistory ?? []),
      now,
      input.emailVerification ? 1 : 0,
      input.phoneVerification ? 1 : 0,
      now,
    )
    if (email !== null) createTarget(db, { userId: input.id, providerType: 'email', identifier: email }, now)
    if (phone !== null) createTarget(db, { userId: input.id, providerType: 'sms', identifier: phone }, now)
    return getUser(db, input.id) as UserRow
  })
}

/** Fields a route may change on a user; each given key is written, `updatedAt` always moves. */
export interface UserPatch {
  name?: string
  email?: string | null
  phone?: string | null
  passwordHash?: string | null
  passwordUpdate?: number | null
  passwordHistory?: readonly string[]
  status?: boolean
  emailVerification?: boolean
  phoneVerification?: boolean
  mfa?: boolean
  mfaRecoveryCodes?: readonly string[]
  prefs?: Readonly<Record<string, unknown>>
  accessedAt?: number
}

const PATCH_COLUMNS: Readonly<Record<keyof UserPatch, (value: never) => unknown>> = {
  name: (v: string) => v,
  email: (v: string | null) => v,
  phone: (v: string | null) => v,
  passwordHash: (v: string | null) => v,
  passwordUpdate: (v: number | null) => v,
  passwordHistory: (v: readonly string[]) => JSON.stringify(v),
  status: (v: boolean) => (v ? 1 : 0),
  emailVerification: (v: boolean) => (v ? 1 : 0),
  phoneVerification: (v: boolean) => (v ? 1 : 0),
  mfa: (v: boolean) => (v ? 1 : 0),
  mfaRecoveryCodes: (v: readonly string[]) => JSON.stringify(v),
  prefs: (v: Readonly<Record<string, unknown>>) => JSON.stringify(v),
  accessedAt: (v: number) => v,
}

export function updateUser(db: Database, id: string, patch: UserPatch, now = Date.now()): UserRow {
  const sets: string[] = ['updatedAt = ?']
  const values: unknown[] = [now]
  for (const key of Object.keys(patch) as (keyof UserPatch)[]) {
    const value = patch[key]
    if (value === undefined) continue
    sets.push(`${key} = ?`)
    values.push((PATCH_COLUMNS[key] as (v: unknown) => unknown)(value))
  }
  // Dynamic column lists are built only from the fixed keys above, so this is not injectable;
  // statements are still cached per distinct shape.
  prepared(db, `UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
  const user = getUser(db, id)
  if (!user) throw new AppwriteError('user_not_found')
  return user
}

export function deleteUser(db: Database, id: string): void {
  atomically(db, () => {
    prepared(db, 'DELETE FROM logs WHERE userId = ?').run(id)
    prepared(db, 'DELETE FROM users WHERE id = ?').run(id)
  })
}

/** `accessedAt` is refreshed at most once per 24 h (appwrite-behaviour §4). */
export function touchAccessedAt(db: Database, user: UserRow, now = Date.now()): UserRow {
  if (now - user.accessedAt < 24 * 3600 * 1000) return user
  prepared(db, 'UPDATE users SET accessedAt = ? WHERE id = ?').run(now, user.id)
  return { ...user, accessedAt: now }
}

/** The `Account` model: User without password, hash and hashOptions (appwrite-behaviour §4). */
export function accountModel(db: Database, user: UserRow): User {
  return {
    $id: user.id,
    $createdAt: isoDate(user.createdAt),
    $updatedAt: isoDate(user.updatedAt),
    name: user.name,
    registration: isoDate(user.registration),
    status: user.status,
    labels: user.labels,
    passwordUpdate: isoDateOrEmpty(user.passwordUpdate),
    email: user.email ?? '',
    phone: user.phone ?? '',
    emailVerification: user.emailVerification,
    ...emailMetadata(user.email ?? ''),
    phoneVerification: user.phoneVerification,
    mfa: user.mfa,
    prefs: user.prefs,
    targets: listTargets(db, user.id).map(targetModel),
    accessedAt: isoDate(user.accessedAt),
  }
}
