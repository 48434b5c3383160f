/**
 * OAuth2 consents (2.x, appwrite-behaviour §13.5): a user's grant to a third-party app, and under it
 * one token family per device or session of that app. The sandbox is not an OAuth2 server, so
 * consents come from the development route (`POST /v1/dev/consents`); the account routes list
 * and revoke them as Appwrite does. No token secret is ever stored or returned.
 */
import type { Oauth2Consent, Oauth2ConsentToken } from '../../src-shared/appwrite'
import { atomically, prepared, type Database } from '../store/database'
import { uniqueId } from './ids'
import { isoDate, isoDateOrEmpty } from './time'

/** What a consent and each of its token families both hold: id, owner and lifetime. */
interface ConsentRecord {
  readonly id: string
  readonly userId: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly expire: number | null
}

export interface ConsentRow extends ConsentRecord {
  readonly appId: string
  readonly cimdUrl: string
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  readonly authorizationDetails: string
}

export interface ConsentTokenRow extends ConsentRecord {
  readonly consentId: string
}

export const CONSENT_COLUMNS = 'id, userId, appId, cimdUrl, scopes, resources, authorizationDetails, createdAt, updatedAt, expire'
export const CONSENT_TOKEN_COLUMNS = 'id, consentId, userId, createdAt, updatedAt, expire'

function stringList(json: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(json))
    return Array.isArray(parsed) ? parsed.map(String) : []
  } catch {
    return []
  }
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

function mapConsentRecord(row: Record<string, unknown>): ConsentRecord {
  return {
    id: String(row['id']),
    userId: String(row['userId']),
    createdAt: Number(row['createdAt']),
    updatedAt: Number(row['updatedAt']),
    expire: nullableNumber(row['expire']),
  }
}

export function mapConsentRow(raw: unknown): ConsentRow {
  const row = raw as Record<string, unknown>
  return {
    ...mapConsentRecord(row),
    appId: String(row['appId']),
    cimdUrl: String(row['cimdUrl']),
    scopes: stringList(row['scopes']),
    resources: stringList(row['resources']),
    authorizationDetails: String(row['authorizationDetails']),
  }
}

export function mapConsentTokenRow(raw: unknown): ConsentTokenRow {
  const row = raw as Record<string, unknown>
  return { ...mapConsentRecord(row), consentId: String(row['consentId']) }
}

export function consentModel(row: ConsentRow): Oauth2Consent {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    $updatedAt: isoDate(row.updatedAt),
    userId: row.userId,
    appId: row.appId,
    cimdUrl: row.cimdUrl,
    scopes: row.scopes,
    resources: row.resources,
    authorizationDetails: row.authorizationDetails,
    expire: isoDateOrEmpty(row.expire),
  }
}

/** A token family carries its consent's app, scopes and details (the model repeats them). */
export function consentTokenModel(row: ConsentTokenRow, consent: ConsentRow): Oauth2ConsentToken {
  return {
    $id: row.id,
    $createdAt: isoDate(row.createdAt),
    $updatedAt: isoDate(row.updatedAt),
    consentId: row.consentId,
    userId: row.userId,
    appId: consent.appId,
    cimdUrl: consent.cimdUrl,
    scopes: consent.scopes,
    resources: consent.resources,
    authorizationDetails: consent.authorizationDetails,
    expire: isoDateOrEmpty(row.expire),
  }
}

/** The consent if it exists and belongs to `userId`; another user's consent is as good as missing. */
export function getUserConsent(db: Database, userId: string, id: string): ConsentRow | null {
  const raw = prepared(db, `SELECT ${CONSENT_COLUMNS} FROM consents WHERE id = ? AND userId = ?`).get(id, userId)
  return raw ? mapConsentRow(raw) : null
}

export function getConsentToken(db: Database, consentId: string, id: string): ConsentTokenRow | null {
  const raw = prepared(db, `SELECT ${CONSENT_TOKEN_COLUMNS} FROM consentTokens WHERE id = ? AND consentId = ?`).get(id, consentId)
  return raw ? mapConsentTokenRow(raw) : null
}

export interface NewConsentTokenFamily {
  /** Access-token expiry, epoch ms; null when unknown. */
  readonly expire: number | null
}

export interface NewConsent {
  readonly userId: string
  readonly appId: string
  readonly cimdUrl: string
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  readonly authorizationDetails: string
  readonly tokenFamilies: readonly NewConsentTokenFamily[]
}

/** Creates a consent with its token families; the consent's `expire` is the latest family's. */
export function createConsent(db: Database, input: NewConsent, now = Date.now()): ConsentRow {
  const id = uniqueId()
  const expiries = input.tokenFamilies.map((family) => family.expire).filter((value): value is number => value !== null)
  const expire = expiries.length > 0 ? Math.max(...expiries) : null
  atomically(db, () => {
    prepared(db, `INSERT INTO consents (${CONSENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      input.userId,
      input.appId,
      input.cimdUrl,
      JSON.stringify(input.scopes),
      JSON.stringify(input.resources),
      input.authorizationDetails,
      now,
      now,
      expire,
    )
    const insertFamily = prepared(db, `INSERT INTO consentTokens (${CONSENT_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
    for (const family of input.tokenFamilies) insertFamily.run(uniqueId(), id, input.userId, now, now, family.expire)
  })
  return getUserConsent(db, input.userId, id) as ConsentRow
}

/** Revokes the consent and, with it, every token family under it. */
export function deleteConsent(db: Database, id: string): void {
  prepared(db, 'DELETE FROM consents WHERE id = ?').run(id)
}

/** Revokes one token family; the consent and its other families stay. */
export function deleteConsentToken(db: Database, id: string): void {
  prepared(db, 'DELETE FROM consentTokens WHERE id = ?').run(id)
}
