/**
 * Messaging targets: the e-mail/SMS addresses of a user and the push targets registered per
 * session (appwrite-behaviour §3.2 `/account/targets/*`, §4 Target).
 */
import type { Target } from '../../src-shared/appwrite'
import { AppwriteError } from '../errors'
import { prepared, type Database } from '../store/database'
import { uniqueId } from './ids'
import { isoDate } from './time'

export type TargetType = 'email' | 'sms' | 'push'

export interface TargetRow {
  readonly id: string
  readonly userId: string
  readonly sessionId: string | null
  readonly createdAt: number
  readonly updatedAt: number
  readonly name: string
  readonly providerId: string | null
  readonly providerType: TargetType
  readonly identifier: string
  readonly expired: boolean
}

const COLUMNS = 'id, userId, sessionId, createdAt, updatedAt, name, providerId, providerType, identifier, expired'

function mapTarget(raw: unknown): TargetRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    sessionId: row['sessionId'] === null ? null : String(row['sessionId']),
    createdAt: Number(row['createdAt']),
    updatedAt: Number(row['updatedAt']),
    name: String(row['name']),
    providerId: row['providerId'] === null ? null : String(row['providerId']),
    providerType: String(row['providerType']) as TargetType,
    identifier: String(row['identifier']),
    expired: Number(row['expired']) === 1,
  }
}

export function targetModel(row: TargetRow): Target {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    $updatedAt: isoDate(row.updatedAt),
    name: row.name,
    userId: row.userId,
    providerId: row.providerId,
    providerType: row.providerType,
    identifier: row.identifier,
    expired: row.expired,
  }
}

export function listTargets(db: Database, userId: string): TargetRow[] {
  return prepared(db, `SELECT ${COLUMNS} FROM targets WHERE userId = ? ORDER BY seq`).all(userId).map(mapTarget)
}

export function getTarget(db: Database, id: string): TargetRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM targets WHERE id = ?`).get(id)
  return raw ? mapTarget(raw) : null
}

export function findTargetByIdentifier(db: Database, identifier: string): TargetRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM targets WHERE identifier = ?`).get(identifier)
  return raw ? mapTarget(raw) : null
}

export interface NewTarget {
  readonly id?: string
  readonly userId: string
  readonly sessionId?: string | null
  readonly name?: string
  readonly providerId?: string | null
  readonly providerType: TargetType
  readonly identifier: string
}

/** Insert a target; an id or identifier already in use → 409 user_target_already_exists. */
export function createTarget(db: Database, input: NewTarget, now = Date.now()): TargetRow {
  const row: TargetRow = {
    id: input.id ?? uniqueId(),
    userId: input.userId,
    sessionId: input.sessionId ?? null,
    createdAt: now,
    updatedAt: now,
    name: input.name ?? '',
    providerId: input.providerId ?? null,
    providerType: input.providerType,
    identifier: input.identifier,
    expired: false,
  }
  if (getTarget(db, row.id) || findTargetByIdentifier(db, row.identifier)) {
    throw new AppwriteError('user_target_already_exists')
  }
  prepared(db, `INSERT INTO targets (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`).run(
    row.id,
    row.userId,
    row.sessionId,
    row.createdAt,
    row.updatedAt,
    row.name,
    row.providerId,
    row.providerType,
    row.identifier,
  )
  return row
}

export function updateTargetIdentifier(db: Database, id: string, identifier: string, now = Date.now()): void {
  prepared(db, 'UPDATE targets SET identifier = ?, expired = 0, updatedAt = ? WHERE id = ?').run(identifier, now, id)
}

export function deleteTarget(db: Database, id: string): void {
  prepared(db, 'DELETE FROM targets WHERE id = ?').run(id)
}

/** The user's e-mail or SMS target (there is at most one of each, mirroring the user's fields). */
export function findUserChannelTarget(db: Database, userId: string, type: 'email' | 'sms'): TargetRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM targets WHERE userId = ? AND providerType = ? ORDER BY seq LIMIT 1`).get(userId, type)
  return raw ? mapTarget(raw) : null
}

/** Push targets die with the session they were registered from (appwrite-behaviour §3.2). */
export function deleteTargetsOfSessions(db: Database, sessionIds: readonly string[]): void {
  const statement = prepared(db, "DELETE FROM targets WHERE sessionId = ? AND providerType = 'push'")
  for (const id of sessionIds) statement.run(id)
}
