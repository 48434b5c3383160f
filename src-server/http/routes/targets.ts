/**
 * Push targets (appwrite-behaviour §3.2 `/account/targets/*`): registered from a session and bound to it
 * (deleted with it); named "<deviceBrand> <deviceModel>" of that session. Other users' targets
 * are invisible (404 user_target_not_found).
 */
import { AppwriteError } from '../../errors'
import { resolveCustomId } from '../../domain/ids'
import { getSession } from '../../domain/sessions'
import { createTarget, deleteTarget, findTargetByIdentifier, getTarget, targetModel, updateTargetIdentifier } from '../../domain/targets'
import { customId, optional, required, text, uid } from '../params'
import { defineRoute, json, noContent, type RequestContext, type RouteModule } from '../route'
import { currentUser } from './account'

function ownPushTarget(ctx: RequestContext<unknown>, targetId: string) {
  const user = currentUser(ctx)
  const target = getTarget(ctx.app.db, targetId)
  if (!target || target.userId !== user.id || target.providerType !== 'push') throw new AppwriteError('user_target_not_found')
  return target
}

export const targetRoutes: RouteModule = {
  name: 'targets',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/account/targets/push',
      scope: 'targets.write',
      event: 'users.[userId].targets.[targetId].create',
      params: {
        targetId: required(customId()),
        identifier: required(text(255)),
        providerId: optional(uid(), ''),
      },
      handle(ctx) {
        const user = currentUser(ctx)
        const sessionId = ctx.auth.session?.id ?? ctx.auth.jwtSessionId
        const session = sessionId ? getSession(ctx.app.db, sessionId) : null
        const device = session?.device
        const target = createTarget(ctx.app.db, {
          id: resolveCustomId(ctx.params.targetId),
          userId: user.id,
          sessionId: session?.id ?? null,
          name: `${device?.deviceBrand ?? ''} ${device?.deviceModel ?? ''}`,
          providerId: ctx.params.providerId || null,
          providerType: 'push',
          identifier: ctx.params.identifier,
        })
        ctx.event.params['targetId'] = target.id
        return json(201, targetModel(target))
      },
    }),

    defineRoute({
      method: 'PUT',
      path: '/account/targets/{targetId}/push',
      scope: 'targets.write',
      event: 'users.[userId].targets.[targetId].update',
      params: { targetId: required(uid()), identifier: required(text(255)) },
      handle(ctx) {
        const target = ownPushTarget(ctx, ctx.params.targetId)
        const holder = findTargetByIdentifier(ctx.app.db, ctx.params.identifier)
        if (holder && holder.id !== target.id) throw new AppwriteError('user_target_already_exists')
        updateTargetIdentifier(ctx.app.db, target.id, ctx.params.identifier)
        ctx.event.params['targetId'] = target.id
        return json(200, targetModel(getTarget(ctx.app.db, target.id) ?? target))
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/targets/{targetId}/push',
      scope: 'targets.write',
      event: 'users.[userId].targets.[targetId].delete',
      params: { targetId: required(uid()) },
      handle(ctx) {
        const target = ownPushTarget(ctx, ctx.params.targetId)
        deleteTarget(ctx.app.db, target.id)
        ctx.event.params['targetId'] = target.id
        ctx.event.payload = targetModel(target)
        return noContent()
      },
    }),
  ],
}
