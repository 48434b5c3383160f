/**
 * Sessions: creation with secrets stored only as SHA-256 (appwrite-behaviour §1.3, §5), lookup by the
 * hash through a unique index (the hot path of every signed-in request), eviction beyond the
 * project's session limit (§3.3) and the Session model (§4).
 */
import type { Session } from '../../src-shared/appwrite'
import { atomically, prepared, type Database } from '../store/database'
import { deleteTargetsOfSessions } from './targets'
import { countryName, countryForIp, deviceFromJson, parseDevice, type DeviceInfo } from './device'
import { randomHex, sha256Hex, uniqueId } from './ids'
import { isoDate, isoDateOrEmpty } from './time'

/** Who is calling, as far as sessions, tokens and logs record it. */
export interface ClientInfo {
  readonly ip: string
  readonly userAgent: string
}

export interface SessionRow {
  readonly id: string
  readonly userId: string
  readonly secretHash: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly expire: number
  readonly provider: string
  readonly providerUid: string
  readonly providerAccessToken: string
  readonly providerAccessTokenExpiry: number | null
  readonly providerRefreshToken: string
  readonly ip: string
  readonly userAgent: string
  readonly device: DeviceInfo
  readonly countryCode: string
  readonly factors: readonly string[]
  readonly mfaUpdatedAt: number | null
}

const COLUMNS =
  'id, userId, secretHash, createdAt, updatedAt, expire, provider, providerUid, providerAccessToken, providerAccessTokenExpiry, providerRefreshToken, ip, userAgent, device, countryCode, factors, mfaUpdatedAt'

export function mapSessionRow(raw: unknown): SessionRow {
  const row = raw as Record<string, unknown>
  let factors: string[] = []
  try {
    const parsed: unknown = JSON.parse(String(row['factors']))
    if (Array.isArray(parsed)) factors = parsed.map(String)
  } catch {
    factors = []
  }
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    secretHash: String(row['secretHash']),
    createdAt: Number(row['createdAt']),
    updatedAt: Number(row['updatedAt']),
    expire: Number(row['expire']),
    provider: String(row['provider']),
    providerUid: String(row['providerUid']),
    providerAccessToken: String(row['providerAccessToken']),
    providerAccessTokenExpiry: row['providerAccessTokenExpiry'] === null ? null : Number(row['providerAccessTokenExpiry']),
    providerRefreshToken: String(row['providerRefreshToken']),
    ip: String(row['ip']),
    userAgent: String(row['userAgent']),
    device: deviceFromJson(String(row['device'])),
    countryCode: String(row['countryCode']),
    factors,
    mfaUpdatedAt: row['mfaUpdatedAt'] === null ? null : Number(row['mfaUpdatedAt']),
  }
}

/** The cookie / `X-Appwrite-Session` value: base64 of `{"id":<userId>,"secret":<secret>}` (§1.3). */
export function encodeSessionValue(userId: string, secret: string): string {
  return Buffer.from(JSON.stringify({ id: userId, secret })).toString('base64')
}

/** Decode a session value; anything malformed is simply "no session" (guest), never an error. */
export function decodeSessionValue(value: string): { userId: string; secret: string } | null {
  if (!value || value.length > 4096) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null) return null
    const { id, secret } = parsed as { id?: unknown; secret?: unknown }
    if (typeof id !== 'string' || typeof secret !== 'string' || id === '' || secret === '') return null
    return { userId: id, secret }
  } catch {
    return null
  }
}

/** Find a live session by its secret; the user id must match too (§1.3). */
export function findSessionBySecret(db: Database, userId: string, secret: string, now = Date.now()): SessionRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM sessions WHERE secretHash = ?`).get(sha256Hex(secret))
  if (!raw) return null
  const session = mapSessionRow(raw)
  if (session.userId !== userId || session.expire <= now) return null
  return session
}

export function getSession(db: Database, id: string): SessionRow | null {
  const raw = prepared(db, `SELECT ${COLUMNS} FROM sessions WHERE id = ?`).get(id)
  return raw ? mapSessionRow(raw) : null
}

/** The user's live sessions, oldest first. */
export function listSessions(db: Database, userId: string, now = Date.now()): SessionRow[] {
  return prepared(db, `SELECT ${COLUMNS} FROM sessions WHERE userId = ? AND expire > ? ORDER BY createdAt, seq`).all(userId, now).map(mapSessionRow)
}

export interface NewSession {
  readonly userId: string
  readonly provider: string
  readonly providerUid?: string
  readonly providerAccessToken?: string
  readonly providerAccessTokenExpiry?: number | null
  readonly providerRefreshToken?: string
  readonly factors: readonly string[]
  /** Session length in seconds (the project's `sessionDuration`). */
  readonly durationSeconds: number
  readonly client: ClientInfo
}

export interface CreatedSession {
  readonly session: SessionRow
  /** The raw secret (256 hex). Never stored; only its SHA-256 is. */
  readonly secret: string
  /** What goes in the cookie and `X-Fallback-Cookies` (§1.3). */
  readonly cookieValue: string
}

export function createSession(db: Database, input: NewSession, now = Date.now()): CreatedSession {
  const secret = randomHex(128)
  const device = parseDevice(input.client.userAgent)
  const country = countryForIp(input.client.ip)
  const session: SessionRow = {
    id: uniqueId(),
    userId: input.userId,
    secretHash: sha256Hex(secret),
    createdAt: now,
    updatedAt: now,
    expire: now + input.durationSeconds * 1000,
    provider: input.provider,
    providerUid: input.providerUid ?? '',
    providerAccessToken: input.providerAccessToken ?? '',
    providerAccessTokenExpiry: input.providerAccessTokenExpiry ?? null,
    providerRefreshToken: input.providerRefreshToken ?? '',
    ip: input.client.ip,
    userAgent: input.client.userAgent,
    device,
    countryCode: country.countryCode,
    factors: [...new Set(input.factors)],
    mfaUpdatedAt: null,
  }
  prepared(db, `INSERT INTO sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    session.id,
    session.userId,
    session.secretHash,
    session.createdAt,
    session.updatedAt,
    session.expire,
    session.provider,
    session.providerUid,
    session.providerAccessToken,
    session.providerAccessTokenExpiry,
    session.providerRefreshToken,
    session.ip,
    session.userAgent,
    JSON.stringify(device),
    session.countryCode,
    JSON.stringify(session.factors),
    session.mfaUpdatedAt,
  )
  return { session, secret, cookieValue: encodeSessionValue(input.userId, secret) }
}

/**
 * Keep at most `limit` sessions: delete the oldest beyond it (§3.3). Returns the deleted ids.
 * Appwrite runs this after the response; running it right after the insert gives the same
 * observable state by the time the client sees the response.
 */
/** Delete the user's sessions beyond the newest `limit`; returns the rows deleted. */
export function evictOldSessions(db: Database, userId: string, limit: number): SessionRow[] {
  const rows = prepared(db, `SELECT ${COLUMNS} FROM sessions WHERE userId = ? ORDER BY createdAt DESC, seq DESC`).all(userId).map(mapSessionRow)
  const doomed = rows.slice(limit)
  if (doomed.length > 0)
    deleteSessions(
      db,
      doomed.map((row) => row.id),
    )
  return doomed
}

export function deleteSessions(db: Database, ids: readonly string[]): void {
  const statement = prepared(db, 'DELETE FROM sessions WHERE id = ?')
  atomically(db, () => {
    for (const id of ids) statement.run(id)
    deleteTargetsOfSessions(db, ids)
  })
}

/** Delete all of a user's sessions, optionally keeping one (password change, §3.2); returns the rows deleted. */
export function deleteUserSessions(db: Database, userId: string, exceptId: string | null = null): SessionRow[] {
  const rows = prepared(db, `SELECT ${COLUMNS} FROM sessions WHERE userId = ?`)
    .all(userId)
    .map(mapSessionRow)
    .filter((row) => row.id !== exceptId)
  deleteSessions(
    db,
    rows.map((row) => row.id),
  )
  return rows
}

export function extendSession(db: Database, id: string, durationSeconds: number, now = Date.now()): SessionRow | null {
  prepared(db, 'UPDATE sessions SET expire = ?, updatedAt = ? WHERE id = ?').run(now + durationSeconds * 1000, now, id)
  return getSession(db, id)
}

/** Record completed factors on a session (MFA), deduplicated, and stamp `mfaUpdatedAt`. */
export function addSessionFactors(db: Database, id: string, factors: readonly string[], now = Date.now()): SessionRow | null {
  const session = getSession(db, id)
  if (!session) return null
  const merged = [...new Set([...session.factors, ...factors])]
  prepared(db, 'UPDATE sessions SET factors = ?, mfaUpdatedAt = ?, updatedAt = ? WHERE id = ?').run(JSON.stringify(merged), now, now, id)
  return getSession(db, id)
}

export function updateSessionProviderTokens(
  db: Database,
  id: string,
  tokens: { accessToken: string; accessTokenExpiry: number | null; refreshToken: string },
  now = Date.now(),
): void {
  prepared(db, 'UPDATE sessions SET providerAccessToken = ?, providerAccessTokenExpiry = ?, providerRefreshToken = ?, updatedAt = ? WHERE id = ?').run(
    tokens.accessToken,
    tokens.accessTokenExpiry,
    tokens.refreshToken,
    now,
    id,
  )
}

export interface SessionModelOptions {
  /** Whether this is the caller's own cookie/header session. */
  readonly current: boolean
  /** Sensitive; always `""` for client callers (§1.4). */
  readonly secret?: string
  /** PATCH /sessions/{id} answers with an empty countryName (appwrite-behaviour §3.2, by reading). */
  readonly blankCountryName?: boolean
}

export function sessionModel(row: SessionRow, options: SessionModelOptions): Session {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    $updatedAt: isoDate(row.updatedAt),
    userId: row.userId,
    expire: isoDate(row.expire),
    provider: row.provider,
    providerUid: row.providerUid,
    providerAccessToken: row.providerAccessToken,
    providerAccessTokenExpiry: isoDateOrEmpty(row.providerAccessTokenExpiry),
    providerRefreshToken: row.providerRefreshToken,
    ip: row.ip,
    ...row.device,
    countryCode: row.countryCode,
    countryName: options.blankCountryName ? '' : countryName(row.countryCode),
    current: options.current,
    factors: row.factors,
    secret: options.secret ?? '',
    mfaUpdatedAt: isoDateOrEmpty(row.mfaUpdatedAt),
  }
}
