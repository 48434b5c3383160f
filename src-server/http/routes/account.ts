/**
 * The account itself (appwrite-behaviour §3.2): create, get, delete, prefs, name, password, e-mail, phone,
 * status.
 */
import { atomically } from '../../store/database'
import { AppwriteError } from '../../errors'
import { writeAudit } from '../../domain/audit'
import { assertUserLimit, normalizeEmail } from '../../domain/accounts'
import { emailTakenByOtherIdentity } from '../../domain/identities'
import { resolveCustomId } from '../../domain/ids'
import { UPDATE_HASH_OPTIONS, assertNoPersonalData, assertNotRecentlyUsed, hashPassword, nextPasswordHistory, verifyPassword } from '../../domain/passwords'
import { deleteUserSessions } from '../../domain/sessions'
import { sessionsEndedEvents } from '../../realtime/events'
import { createTarget, findTargetByIdentifier, findUserChannelTarget, updateTargetIdentifier } from '../../domain/targets'
import { accountModel, createUser, deleteUser, findUserByEmail, findUserByPhone, updateUser, type UserRow } from '../../domain/users'
import { clearSessionCookieHeaders } from '../cookies'
import { customId, email, jsonObject, optional, password, phone, required, text } from '../params'
import { defineRoute, json, noContent, type Reply, type RequestContext, type RouteModule } from '../route'

/** The signed-in caller; the router guarantees it for `account`-scoped routes. */
export function currentUser(ctx: RequestContext<unknown>): UserRow {
  const user = ctx.auth.user
  if (!user) throw new AppwriteError('general_unauthorized_scope', 'User (role: guests) missing scopes (["account"])')
  return user
}

function audit(ctx: RequestContext<unknown>, user: UserRow, event: 'user.create' | 'user.update' | 'user.delete'): void {
  writeAudit(ctx.app.db, { user, event, resource: `user/${user.id}`, client: ctx.client })
}

/** An account change answered: audited as `user.update`, 200 with the Account model. */
export function updatedAccount(ctx: RequestContext<unknown>, user: UserRow): Reply {
  audit(ctx, user, 'user.update')
  return json(200, accountModel(ctx.app.db, user))
}

function hasPassword(user: UserRow): boolean {
  return user.passwordUpdate !== null && user.passwordHash !== null
}

/** E-mail and phone changes check the password only when the user already has one (§3.2). */
async function checkChannelChangePassword(user: UserRow, password: string): Promise<void> {
  if (hasPassword(user) && !(await verifyPassword(user.passwordHash, password))) {
    throw new AppwriteError('user_invalid_credentials')
  }
}

/**
 * Sets the user's e-mail or phone, resets its verification and points the channel's target at
 * the new identifier. A user without a password yet (anonymous, magic URL, OAuth) gets the given
 * one as their first password — Appwrite's anonymous conversion (§3.2).
 */
async function changeChannel(ctx: RequestContext<unknown>, user: UserRow, channel: 'email' | 'sms', identifier: string, password: string): Promise<UserRow> {
  const { app } = ctx
  const newHash = hasPassword(user) ? null : await hashPassword(password, UPDATE_HASH_OPTIONS)
  const contact = channel === 'email' ? { email: identifier, emailVerification: false } : { phone: identifier, phoneVerification: false }
  return atomically(app.db, () => {
    const next = updateUser(app.db, user.id, {
      ...contact,
      ...(newHash
        ? { passwordHash: newHash, passwordUpdate: Date.now(), passwordHistory: nextPasswordHistory(app.config, user.passwordHistory, newHash) }
        : {}),
    })
    const target = findUserChannelTarget(app.db, user.id, channel)
    if (target) updateTargetIdentifier(app.db, target.id, identifier)
    else createTarget(app.db, { userId: user.id, providerType: channel, identifier })
    return next
  })
}

/**
 * PATCH /account/email and /account/phone: the caller's password (when they have one), then the new
 * identifier must be free — an e-mail held by another user's OAuth identity is a 400 (§11.9); any
 * target with it a 409, even the caller's own current one (§11.10); another user's e-mail a 400,
 * another user's phone a 409 — and then the change.
 */
async function changeContact(ctx: RequestContext<unknown>, channel: 'email' | 'sms', identifier: string, password: string): Promise<Reply> {
  const { app } = ctx
  const user = currentUser(ctx)
  await checkChannelChangePassword(user, password)
  if (channel === 'email' && emailTakenByOtherIdentity(app.db, identifier, user.id)) throw new AppwriteError('general_bad_request')
  if (findTargetByIdentifier(app.db, identifier)) throw new AppwriteError('user_target_already_exists')
  const owner = channel === 'email' ? findUserByEmail(app.db, identifier) : findUserByPhone(app.db, identifier)
  if (owner && owner.id !== user.id) throw new AppwriteError(channel === 'email' ? 'general_bad_request' : 'user_phone_already_exists')
  const updated = await changeChannel(ctx, user, channel, identifier, password)
  return updatedAccount(ctx, updated)
}

const ACCOUNT_RATE = { limit: 10, keys: ['url:{url},ip:{ip}'] }

export const accountRoutes: RouteModule = {
  name: 'account',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/account',
      scope: 'sessions.write',
      event: 'users.[userId].create',
      authMethod: 'emailPassword',
      rateLimit: ACCOUNT_RATE,
      params: {
        userId: required(customId()),
        email: required(email()),
        password: required(password()),
        name: optional(text(128), ''),
      },
      async handle(ctx) {
        const { app } = ctx
        const userId = resolveCustomId(ctx.params.userId)
        const address = normalizeEmail(ctx.params.email)
        assertUserLimit(app.db, app.config)
        // An OAuth identity already using this e-mail: Appwrite is deliberately vague here (§3.2).
        if (emailTakenByOtherIdentity(app.db, address, null)) throw new AppwriteError('general_bad_request')
        assertNoPersonalData(app.config, ctx.params.password, { userId, email: address, name: ctx.params.name, phone: null })
        const passwordHash = await hashPassword(ctx.params.password)
        const user = createUser(app.db, {
          id: userId,
          email: address,
          name: ctx.params.name,
          passwordHash,
          passwordHistory: nextPasswordHistory(app.config, [], passwordHash),
        })
        audit(ctx, user, 'user.create')
        ctx.event.params['userId'] = user.id
        return json(201, accountModel(app.db, user))
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account',
      scope: 'account',
      handle(ctx) {
        // The hot path of every client: served from the read cache when nothing changed.
        const user = currentUser(ctx)
        const cached = ctx.app.cache.accountBody(user.id)
        if (cached !== undefined) return { status: 200, serialized: cached }
        const serialized = JSON.stringify(accountModel(ctx.app.db, user))
        ctx.app.cache.rememberAccountBody(user.id, serialized)
        return { status: 200, serialized }
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account',
      scope: 'account',
      event: 'users.[userId].delete',
      handle(ctx) {
        const user = currentUser(ctx)
        ctx.event.payload = accountModel(ctx.app.db, user)
        deleteUser(ctx.app.db, user.id)
        return noContent(clearSessionCookieHeaders({ projectId: ctx.app.projectId, hostname: ctx.hostname, secure: false }))
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/prefs',
      scope: 'account',
      handle(ctx) {
        return json(200, currentUser(ctx).prefs)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/prefs',
      scope: 'account',
      event: 'users.[userId].update.prefs',
      params: { prefs: required(jsonObject()) },
      handle(ctx) {
        const user = updateUser(ctx.app.db, currentUser(ctx).id, { prefs: ctx.params.prefs })
        return updatedAccount(ctx, user)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/name',
      scope: 'account',
      event: 'users.[userId].update.name',
      params: { name: required(text(128)) },
      handle(ctx) {
        const user = updateUser(ctx.app.db, currentUser(ctx).id, { name: ctx.params.name })
        return updatedAccount(ctx, user)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/password',
      scope: 'account',
      event: 'users.[userId].update.password',
      rateLimit: ACCOUNT_RATE,
      params: {
        password: required(password()),
        oldPassword: optional(password({ dictionary: false }), ''),
      },
      async handle(ctx) {
        const { app } = ctx
        const user = currentUser(ctx)
        // The old password is checked only when the user has one (§3.2): anonymous, OAuth and
        // magic-URL users set their first password here.
        if (user.passwordUpdate !== null && user.passwordHash !== null) {
          if (!(await verifyPassword(user.passwordHash, ctx.params.oldPassword))) throw new AppwriteError('user_invalid_credentials')
        }
        await assertNotRecentlyUsed(app.config, ctx.params.password, user.passwordHistory)
        assertNoPersonalData(app.config, ctx.params.password, { userId: user.id, email: user.email, name: user.name, phone: user.phone })
        const passwordHash = await hashPassword(ctx.params.password, UPDATE_HASH_OPTIONS)
        const updated = atomically(app.db, () => {
          const next = updateUser(app.db, user.id, {
            passwordHash,
            passwordUpdate: Date.now(),
            passwordHistory: nextPasswordHistory(app.config, user.passwordHistory, passwordHash),
          })
          // 1.8+: with invalidateSessions on, every *other* session ends (§3.2, §11.25).
          if (app.config.invalidateSessions) {
            ctx.event.extra.push(...sessionsEndedEvents(deleteUserSessions(app.db, user.id, ctx.auth.session?.id ?? ctx.auth.jwtSessionId)))
          }
          return next
        })
        return updatedAccount(ctx, updated)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/email',
      scope: 'account',
      event: 'users.[userId].update.email',
      params: {
        email: required(email()),
        password: required(password({ dictionary: false })),
      },
      handle(ctx) {
        return changeContact(ctx, 'email', normalizeEmail(ctx.params.email), ctx.params.password)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/phone',
      scope: 'account',
      event: 'users.[userId].update.phone',
      params: {
        phone: required(phone()),
        password: required(password({ dictionary: false })),
      },
      handle(ctx) {
        return changeContact(ctx, 'sms', ctx.params.phone, ctx.params.password)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/status',
      scope: 'account',
      event: 'users.[userId].update.status',
      handle(ctx) {
        // Self-block: sessions stay in the database, every later request fails with user_blocked (§11.19).
        const user = updateUser(ctx.app.db, currentUser(ctx).id, { status: false })
        audit(ctx, user, 'user.update')
        return json(200, accountModel(ctx.app.db, user), clearSessionCookieHeaders({ projectId: ctx.app.projectId, hostname: ctx.hostname, secure: false }))
      },
    }),
  ],
}
