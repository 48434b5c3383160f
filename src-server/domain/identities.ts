/**
 * OAuth2 identities (appwrite-behaviour §4 Identity, §7.2): one row per (provider, providerUid), linked to
 * a user. Created/refreshed by the OAuth2 module; listed and deleted by `/account/identities`.
 */
import type { Identity } from '../../src-shared/appwrite'
import { prepared, type Database } from '../store/database'
import { uniqueId } from './ids'
import { isoDate, isoDateOrEmpty } from './time'

export interface IdentityRow extends IdentityInput {
  readonly id: string
  readonly createdAt: number
  readonly updatedAt: number
}

export const IDENTITY_COLUMNS =
  'id, userId, createdAt, updatedAt, provider, providerUid, providerEmail, providerAccessToken, providerAccessTokenExpiry, providerRefreshToken'

export function mapIdentityRow(raw: unknown): IdentityRow {
  const row = raw as Record<string, unknown>
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    createdAt: Number(row['createdAt']),
    updatedAt: Number(row['updatedAt']),
    provider: String(row['provider']),
    providerUid: String(row['providerUid']),
    providerEmail: String(row['providerEmail']),
    providerAccessToken: String(row['providerAccessToken']),
    providerAccessTokenExpiry: row['providerAccessTokenExpiry'] === null ? null : Number(row['providerAccessTokenExpiry']),
    providerRefreshToken: String(row['providerRefreshToken']),
  }
}

export function identityModel(row: IdentityRow): Identity {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    $updatedAt: isoDate(row.updatedAt),
    userId: row.userId,
    provider: row.provider,
    providerUid: row.providerUid,
    providerEmail: row.providerEmail,
    providerAccessToken: row.providerAccessToken,
    providerAccessTokenExpiry: isoDateOrEmpty(row.providerAccessTokenExpiry),
    providerRefreshToken: row.providerRefreshToken,
  }
}

export function getIdentity(db: Database, id: string): IdentityRow | null {
  const raw = prepared(db, `SELECT ${IDENTITY_COLUMNS} FROM identities WHERE id = ?`).get(id)
  return raw ? mapIdentityRow(raw) : null
}

export function findIdentityByProviderUid(db: Database, provider: string, providerUid: string): IdentityRow | null {
  const raw = prepared(db, `SELECT ${IDENTITY_COLUMNS} FROM identities WHERE provider = ? AND providerUid = ?`).get(provider, providerUid)
  return raw ? mapIdentityRow(raw) : null
}

/** Identities whose provider e-mail is `email` (used for Appwrite's vague 400 conflicts, §3.2). */
export function findIdentitiesByEmail(db: Database, email: string): IdentityRow[] {
  return prepared(db, `SELECT ${IDENTITY_COLUMNS} FROM identities WHERE providerEmail = ?`).all(email).map(mapIdentityRow)
}

/** Whether an identity of a *different* user carries this e-mail. */
export function emailTakenByOtherIdentity(db: Database, email: string, userId: string | null): boolean {
  return findIdentitiesByEmail(db, email).some((identity) => identity.userId !== userId)
}

export interface IdentityInput {
  readonly userId: string
  readonly provider: string
  readonly providerUid: string
  readonly providerEmail: string
  readonly providerAccessToken: string
  readonly providerAccessTokenExpiry: number | null
  readonly providerRefreshToken: string
}

/** Create the identity, or refresh its e-mail and tokens if (provider, providerUid) exists. */
export function upsertIdentity(db: Database, input: IdentityInput, now = Date.now()): IdentityRow {
  const existing = findIdentityByProviderUid(db, input.provider, input.providerUid)
  if (existing) {
    prepared(
      db,
      'UPDATE identities SET providerEmail = ?, providerAccessToken = ?, providerAccessTokenExpiry = ?, providerRefreshToken = ?, updatedAt = ? WHERE id = ?',
    ).run(input.providerEmail, input.providerAccessToken, input.providerAccessTokenExpiry, input.providerRefreshToken, now, existing.id)
    return getIdentity(db, existing.id) as IdentityRow
  }
  const id = uniqueId()
  prepared(db, `INSERT INTO identities (${IDENTITY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id,
    input.userId,
    now,
    now,
    input.provider,
    input.providerUid,
    input.providerEmail,
    input.providerAccessToken,
    input.providerAccessTokenExpiry,
    input.providerRefreshToken,
  )
  return getIdentity(db, id) as IdentityRow
}

export function deleteIdentity(db: Database, id: string): void {
  prepared(db, 'DELETE FROM identities WHERE id = ?').run(id)
}
