/**
 * Audit logs (appwrite-behaviour §9): written for successful requests on routes Appwrite audits, read
 * newest first by `GET /account/logs`. Event names are Appwrite's: `user.create`, `user.update`,
 * `user.delete`, `session.create` (also for token creation), `session.update`, `session.delete`,
 * `recovery.create`, `recovery.update`, `verification.create`, `verification.update`,
 * `identity.delete`, `challenge.create`, `challenges.update`.
 *
 * Unlike Appwrite (batched by a worker, up to ~60 s late) entries are written synchronously, so
 * they are visible as soon as the response is; the 2025-02-13..26 "temp fix" filter is not copied.
 * Device fields are parsed once at write time and stored, so listing is a pure index read.
 */
import type { Log } from '../../src-shared/appwrite'
import { prepared, type Database } from '../store/database'
import { countryForIp, countryName, deviceFromJson, parseDevice } from './device'
import type { ClientInfo } from './sessions'
import type { UserRow } from './users'
import { isoDate } from './time'

export type AuditEvent =
  | 'user.create'
  | 'user.update'
  | 'user.delete'
  | 'session.create'
  | 'session.update'
  | 'session.delete'
  | 'recovery.create'
  | 'recovery.update'
  | 'verification.create'
  | 'verification.update'
  | 'identity.delete'
  | 'challenge.create'
  | 'challenges.update'

export interface AuditRecord {
  readonly user: UserRow
  readonly event: AuditEvent
  /** e.g. `user/<id>`, `session/<id>`, `token/<id>` (Appwrite's `audits.resource`). */
  readonly resource: string
  readonly client: ClientInfo
}

export function writeAudit(db: Database, record: AuditRecord, now = Date.now()): void {
  const device = parseDevice(record.client.userAgent)
  prepared(
    db,
    `INSERT INTO logs (userId, event, resource, userName, userEmail, mode, ip, time, userAgent, device, countryCode)
     VALUES (?, ?, ?, ?, ?, 'default', ?, ?, ?, ?, ?)`,
  ).run(
    record.user.id,
    record.event,
    record.resource,
    record.user.name,
    record.user.email ?? '',
    record.client.ip,
    now,
    record.client.userAgent,
    JSON.stringify(device),
    countryForIp(record.client.ip).countryCode,
  )
}

interface LogRow {
  userId: string
  event: string
  userName: string
  userEmail: string
  mode: string
  ip: string
  time: number
  device: string
  countryCode: string
}

function logModel(row: LogRow): Log {
  return {
    event: String(row.event),
    userId: String(row.userId),
    userEmail: String(row.userEmail),
    userName: String(row.userName),
    mode: String(row.mode),
    ip: String(row.ip),
    time: isoDate(Number(row.time)),
    ...deviceFromJson(String(row.device)),
    countryCode: String(row.countryCode),
    countryName: countryName(String(row.countryCode)),
  }
}

/** One page of a user's logs, newest first (descending sequence, §9). */
export function listLogs(db: Database, userId: string, limit: number, offset: number): Log[] {
  return prepared(
    db,
    'SELECT userId, event, userName, userEmail, mode, ip, time, device, countryCode FROM logs WHERE userId = ? ORDER BY seq DESC LIMIT ? OFFSET ?',
  )
    .all(userId, limit, offset)
    .map((row) => logModel(row as LogRow))
}

export function countLogs(db: Database, userId: string): number {
  // Maintained by triggers (migration 2), so this is one primary-key read, not a scan.
  const row = prepared(db, 'SELECT count FROM logCounts WHERE userId = ?').get(userId) as { count: number } | undefined
  return row ? Number(row.count) : 0
}
