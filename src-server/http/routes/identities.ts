/**
 * OAuth2 identities of the caller (appwrite-behaviour §3.2): list with queries (filters/order on userId,
 * provider, providerUid, providerEmail, providerAccessTokenExpiry, $id, $createdAt, $updatedAt;
 * limit, offset, cursors) and delete.
 */
import { AppwriteError } from '../../errors'
import { writeAudit } from '../../domain/audit'
import { IDENTITY_COLUMNS, deleteIdentity, getIdentity, identityModel, mapIdentityRow } from '../../domain/identities'
import { required, uid } from '../params'
import { listParams, listRows, type ColumnSpec } from '../queries'
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
      params: listParams({ allowFilters: true, attributes: Object.keys(COLUMNS) }),
      handle(ctx) {
        const user = currentUser(ctx)
        const source = {
          table: 'identities',
          selectColumns: IDENTITY_COLUMNS,
          columns: COLUMNS,
          owner: { where: 'userId = ?', params: [user.id] },
          defaultOrder: 'seq ASC',
          map: mapIdentityRow,
        }
        const { total, rows } = listRows(ctx.app.db, source, ctx.params.queries, ctx.params.total)
        return json(200, { total, identities: rows.map(identityModel) })
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/identities/{identityId}',
      scope: 'account',
      event: 'users.[userId].identities.[identityId].delete',
      params: { identityId: required(uid()) },
      handle(ctx) {
        const user = currentUser(ctx)
        const identity = getIdentity(ctx.app.db, ctx.params.identityId)
        if (!identity) throw new AppwriteError('user_identity_not_found')
        // Another user's identity fails on the delete permission in Appwrite (§3.2, by reading).
        if (identity.userId !== user.id) throw new AppwriteError('user_unauthorized')
        deleteIdentity(ctx.app.db, identity.id)
        ctx.event.params['identityId'] = identity.id
        ctx.event.payload = identityModel(identity)
        writeAudit(ctx.app.db, { user, event: 'identity.delete', resource: `identity/${identity.id}`, client: ctx.client })
        return noContent()
      },
    }),
  ],
}
