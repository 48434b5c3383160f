/**
 * The shape every token route shares (appwrite-behaviour §5): a creating route makes the token and
 * sends the message carrying its secret; a redeeming route looks up the user and their valid token.
 * Both then write the audit line, name the user and token for the route's Realtime event and answer
 * with the Token model (its secret blank).
 */
import { AppwriteError } from '../errors'
import { writeAudit, type AuditEvent } from '../domain/audit'
import { TOKEN_LIFETIME_SECONDS, createToken, findValidToken, tokenModel, type TokenRow, type TokenType } from '../domain/tokens'
import { getUser, type UserRow } from '../domain/users'
import { writeMessage, type OutboxMessageInput } from '../mail/outbox'
import type { Database } from '../store/database'
import { json, type Reply, type RequestContext } from './route'

export interface TokenToIssue {
  readonly user: UserRow
  readonly type: TokenType
  readonly secret: string
  /** Which lifetime applies: phone verification codes live longer than phone sign-in codes. */
  readonly lifetime: keyof typeof TOKEN_LIFETIME_SECONDS
  readonly phrase?: string
  readonly audit: Extract<AuditEvent, 'session.create' | 'recovery.create' | 'verification.create'>
  /** The e-mail or SMS with the secret (it may need the token's expiry), or null when none is sent (mock numbers, §3.2). */
  message(token: TokenRow): OutboxMessageInput | null
}

/** Create the token, send its message, and answer 201 with the Token model. */
export function issueToken(ctx: RequestContext<unknown>, issue: TokenToIssue): Reply {
  const { app } = ctx
  const token = createToken(app.db, {
    userId: issue.user.id,
    type: issue.type,
    secret: issue.secret,
    lifetimeSeconds: TOKEN_LIFETIME_SECONDS[issue.lifetime],
    ...(issue.phrase !== undefined ? { phrase: issue.phrase } : {}),
    client: ctx.client,
  })
  const message = issue.message(token)
  if (message) writeMessage(app, message, token.id)
  return tokenReply(ctx, 201, issue.user, token, issue.audit)
}

/** The user a public redeem route names and their unexpired token of one of `types` with this secret. */
export function tokenToRedeem(db: Database, userId: string, secret: string, types: readonly TokenType[]): { user: UserRow; token: TokenRow } {
  const user = getUser(db, userId)
  if (!user) throw new AppwriteError('user_not_found')
  const token = findValidToken(db, user.id, secret, types)
  if (!token) throw new AppwriteError('user_invalid_token')
  return { user, token }
}

/** Audit, name user and token for the route's event, and answer with the Token model. */
export function tokenReply(ctx: RequestContext<unknown>, status: 200 | 201, user: UserRow, token: TokenRow, audit: AuditEvent): Reply {
  writeAudit(ctx.app.db, { user, event: audit, resource: `user/${user.id}`, client: ctx.client })
  ctx.event.params['userId'] = user.id
  ctx.event.params['tokenId'] = token.id
  return json(status, tokenModel(token))
}
