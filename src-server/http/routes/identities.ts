/**
 * OAuth2 identities of the caller (appwrite-behaviour §3.2): list with queries (filters/order on userId,
 * provider, providerUid, providerEmail, providerAccessTokenExpiry, $id, $createdAt, $updatedAt;
 * limit, offset, cursors) and delete.
 */
import { AppwriteError } from '../../errors'
import { writeAudit } from '../../domain/audit'
import { IDENTITY_COLUMNS, deleteIdentity, getIdentity, identityModel, mapIdentityRow } from '../../domain/identities'
import { prepared } from '../../store/database'
import { boolean, optional, required, uid } from '../params'
import { listQuery, queries, type ColumnSpec } from '../queries'
import { defineRoute, json, noContent, type RouteModule } from '../route'
import { currentUser } from './account'

const COLUMNS: Readonly<Record<string, ColumnSpec>> = {
  userId: { column: 'userId' },
  provider: { column: 'provider' },
  providerUid: { column: 'providerUid' },
  providerEmail: { column: 'providerEmail' },
  providerAccessTokenExpiry: { column: 'providerAccessTokenExpiry', date: true },
  $id: { column: 'id' },
  $createdAt: { column: 'createdAt', date: true },
  $updatedAt: { column: 'updatedAt', date: true },
}

export const identityRoutes: RouteModule = {
  name: 'identities',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/account/identities',
      scope: 'account',
      params: {
        queries: optional(queries({ allowFilters: true, attributes: Object.keys(COLUMNS) }), []),
        total: optional(boolean(), true),
      },
      handle(ctx) {
        const { db } = ctx.app
        const user = currentUser(ctx)
        const sql = listQuery(ctx.params.queries, COLUMNS, 'seq ASC')
        let where = `userId = ? AND ${sql.where}`
        const params: unknown[] = [user.id, ...sql.whereParams]
        const countParams = [...params]
        const countWhere = where
        if (sql.cursor) {
          const row = prepared(db, 'SELECT seq FROM identities WHERE id = ? AND userId = ?').get(sql.cursor.id, user.id) as { seq: number } | undefined
          if (!row) throw new AppwriteError('general_cursor_not_found')
          where += sql.cursor.direction === 'after' ? ' AND seq > ?' : ' AND seq < ?'
          params.push(Number(row.seq))
        }
        // Statements vary with the query shape; prepare them directly rather than caching every shape.
        const rows = db
          .prepare(`SELECT ${IDENTITY_COLUMNS} FROM identities WHERE ${where} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`)
          .all(...params, sql.limit, sql.offset)
          .map(mapIdentityRow)
        const total = ctx.params.total
          ? Number((db.prepare(`SELECT COUNT(*) AS n FROM identities WHERE ${countWhere}`).get(...countParams) as { n: number }).n)
          : 0
        return json(200, { total, identities: rows.map(identityModel) })
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/identities/{identityId}',
      scope: 'account',
      params: { identityId: required(uid()) },
      handle(ctx) {
        const user = currentUser(ctx)
        const identity = getIdentity(ctx.app.db, ctx.params.identityId)
        if (!identity) throw new AppwriteError('user_identity_not_found')
        // Another user's identity fails on the delete permission in Appwrite (§3.2, by reading).
        if (identity.userId !== user.id) throw new AppwriteError('user_unauthorized')
        deleteIdentity(ctx.app.db, identity.id)
        writeAudit(ctx.app.db, { user, event: 'identity.delete', resource: `identity/${identity.id}`, client: ctx.client })
        return noContent()
      },
    }),
  ],
}
