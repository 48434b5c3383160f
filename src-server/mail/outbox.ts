/**
 * Every e-mail and SMS the sandbox "sends" is written to the `outbox` table first (issue 3
 * item 6). The app reads it in-process (`outbox()` of index.ts); `npm run server` also serves it
 * at `GET /v1/dev/outbox` behind the dev key; with `--smtp` e-mails are also handed to a delivery
 * function (mail/smtp.ts) — after the write, and without ever failing the request.
 *
 * Messages carry live secrets (links, codes), so a row lives only as long as it is useful: it is
 * pruned once the token or MFA challenge it carries is used or expired, and after a day anyway.
 */
import type { OutboxMessage } from '../../src-shared/appwrite'
import type { Sandbox } from '../sandbox'
import { prepared, type Database } from '../store/database'
import { uniqueId } from '../domain/ids'
import { isoDate } from '../domain/time'

export type MessageChannel = 'email' | 'sms'

export interface OutboxMessageInput {
  readonly channel: MessageChannel
  readonly to: string
  readonly subject: string
  readonly body: string
}

/** Delivers one stored message elsewhere (e.g. SMTP). May reject; the caller only logs. */
export type DeliverMessage = (message: OutboxMessage) => Promise<void>

/** A message whose secret is gone, or any message, is kept at most this long. */
export const OUTBOX_RETENTION_MS = 24 * 60 * 60 * 1000

interface OutboxRow {
  id: string
  channel: string
  recipient: string
  subject: string
  body: string
  createdAt: number
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    $id: String(row.id),
    channel: row.channel === 'sms' ? 'sms' : 'email',
    to: String(row.recipient),
    subject: String(row.subject),
    body: String(row.body),
    createdAt: isoDate(Number(row.createdAt)),
  }
}

/**
 * Store a message and, for e-mail with delivery configured, hand it on in the background.
 * `secretOf` is the id of the token or MFA challenge whose secret the message carries.
 */
export function writeMessage(app: Sandbox, input: OutboxMessageInput, secretOf: string | null = null): OutboxMessage {
  const row: OutboxRow = {
    id: uniqueId(),
    channel: input.channel,
    recipient: input.to,
    subject: input.subject,
    body: input.body,
    createdAt: Date.now(),
  }
  pruneMessages(app.db, row.createdAt)
  prepared(app.db, 'INSERT INTO outbox (id, channel, recipient, subject, body, createdAt, secretOf) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.channel,
    row.recipient,
    row.subject,
    row.body,
    row.createdAt,
    secretOf,
  )
  const message = toMessage(row)
  const deliver = app.deliver
  if (deliver && message.channel === 'email') {
    // Delivery is best effort: the outbox already holds the message, and a slow or broken
    // SMTP server must not turn a successful Appwrite call into an error.
    void Promise.resolve()
      .then(() => deliver(message))
      .catch((error: unknown) => app.log(`smtp delivery of ${message.$id} failed: ${(error as Error)?.message ?? String(error)}`))
  }
  return message
}

/**
 * Drop messages older than a day and those whose token or challenge no longer exists (used,
 * replaced or deleted) or has expired. Ids are unique across tables, so one lookup in each.
 */
export function pruneMessages(db: Database, now = Date.now()): void {
  prepared(
    db,
    `DELETE FROM outbox WHERE createdAt < ? OR (secretOf IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM tokens WHERE tokens.id = outbox.secretOf AND tokens.expire > ?)
       AND NOT EXISTS (SELECT 1 FROM challenges WHERE challenges.id = outbox.secretOf AND challenges.expire > ?))`,
  ).run(now - OUTBOX_RETENTION_MS, now, now)
}

export interface MessagePage {
  readonly total: number
  readonly messages: OutboxMessage[]
}

/** Stored messages still worth reading, newest first; `limit`/`offset` page through them. */
export function listMessages(db: Database, page: { limit?: number; offset?: number } = {}): MessagePage {
  pruneMessages(db)
  const total = Number((prepared(db, 'SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n)
  const messages = prepared(db, 'SELECT id, channel, recipient, subject, body, createdAt FROM outbox ORDER BY seq DESC LIMIT ? OFFSET ?')
    .all(page.limit ?? -1, page.offset ?? 0)
    .map((row) => toMessage(row as OutboxRow))
  return { total, messages }
}
