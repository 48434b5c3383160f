/**
 * Third-party apps with access (2.x, appwrite-behaviour §13.5): the caller's OAuth2 consents and
 * their token families, listed and revoked. Signed-in callers only, no abuse limit; another
 * user's consent answers as missing. Revoking a consent revokes every family under it. Whether
 * Appwrite audits these deletions is not published, so the sandbox writes no log entry for them.
 */
import { AppwriteError } from '../../errors'
import {
  CONSENT_COLUMNS,
  CONSENT_TOKEN_COLUMNS,
  consentModel,
  consentTokenModel,
  deleteConsent,
  deleteConsentToken,
  getConsentToken,
  getUserConsent,
  mapConsentRow,
  mapConsentTokenRow,
  type ConsentRow,
  type ConsentTokenRow,
} from '../../domain/consents'
import type { Database } from '../../store/database'
import { required, uid } from '../params'
import { listParams, listRows, type ColumnSpec } from '../queries'
import { defineRoute, json, noContent, type RouteModule } from '../route'
import { currentUser } from './account'

const DATES: Readonly<Record<string, ColumnSpec>> = {
  $id: { column: 'id' },
  $createdAt: { column: 'createdAt', date: true },
  $updatedAt: { column: 'updatedAt', date: true },
  expire: { column: 'expire', date: true },
}
const CONSENT_QUERY_COLUMNS: Readonly<Record<string, ColumnSpec>> = { ...DATES, appId: { column: 'appId' }, cimdUrl: { column: 'cimdUrl' } }

function consentOf(db: Database, userId: string, consentId: string): ConsentRow {
  const consent = getUserConsent(db, userId, consentId)
  if (!consent) throw new AppwriteError('consent_not_found')
  return consent
}

function consentTokenOf(db: Database, userId: string, consentId: string, tokenId: string): { consent: ConsentRow; token: ConsentTokenRow } {
  const consent = consentOf(db, userId, consentId)
  const token = getConsentToken(db, consent.id, tokenId)
  if (!token) throw new AppwriteError('consent_token_not_found')
  return { consent, token }
}

export const consentRoutes: RouteModule = {
  name: 'consents',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/account/consents',
      scope: 'account',
      apiLine: '2.x',
      params: listParams({ allowFilters: true, attributes: Object.keys(CONSENT_QUERY_COLUMNS) }),
      handle(ctx) {
        const user = currentUser(ctx)
        const source = {
          table: 'consents',
          selectColumns: CONSENT_COLUMNS,
          columns: CONSENT_QUERY_COLUMNS,
          owner: { where: 'userId = ?', params: [user.id] },
          defaultOrder: 'seq DESC',
          map: mapConsentRow,
        }
        const { total, rows } = listRows(ctx.app.db, source, ctx.params.queries, ctx.params.total)
        return json(200, { total, consents: rows.map(consentModel) })
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/consents/{consentId}',
      scope: 'account',
      apiLine: '2.x',
      params: { consentId: required(uid()) },
      handle(ctx) {
        return json(200, consentModel(consentOf(ctx.app.db, currentUser(ctx).id, ctx.params.consentId)))
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/consents/{consentId}',
      scope: 'account',
      apiLine: '2.x',
      params: { consentId: required(uid()) },
      handle(ctx) {
        const consent = consentOf(ctx.app.db, currentUser(ctx).id, ctx.params.consentId)
        deleteConsent(ctx.app.db, consent.id)
        return noContent()
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/consents/{consentId}/tokens',
      scope: 'account',
      apiLine: '2.x',
      params: { consentId: required(uid()), ...listParams({ allowFilters: true, attributes: Object.keys(DATES) }) },
      handle(ctx) {
        const consent = consentOf(ctx.app.db, currentUser(ctx).id, ctx.params.consentId)
        const source = {
          table: 'consentTokens',
          selectColumns: CONSENT_TOKEN_COLUMNS,
          columns: DATES,
          owner: { where: 'consentId = ?', params: [consent.id] },
          defaultOrder: 'seq DESC',
          map: mapConsentTokenRow,
        }
        const { total, rows } = listRows(ctx.app.db, source, ctx.params.queries, ctx.params.total)
        return json(200, { total, tokens: rows.map((row) => consentTokenModel(row, consent)) })
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/consents/{consentId}/tokens/{tokenId}',
      scope: 'account',
      apiLine: '2.x',
      params: { consentId: required(uid()), tokenId: required(uid()) },
      handle(ctx) {
        const { consent, token } = consentTokenOf(ctx.app.db, currentUser(ctx).id, ctx.params.consentId, ctx.params.tokenId)
        return json(200, consentTokenModel(token, consent))
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/consents/{consentId}/tokens/{tokenId}',
      scope: 'account',
      apiLine: '2.x',
      params: { consentId: required(uid()), tokenId: required(uid()) },
      handle(ctx) {
        const { token } = consentTokenOf(ctx.app.db, currentUser(ctx).id, ctx.params.consentId, ctx.params.tokenId)
        deleteConsentToken(ctx.app.db, token.id)
        return noContent()
      },
    }),
  ],
}
