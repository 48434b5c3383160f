/**
 * Every e-mail and SMS the sandbox "sends" is written to the `outbox` table first (issue 3
 * item 6). In dev mode `GET /v1/dev/outbox` serves it; with `--smtp` e-mails are also handed to
 * a delivery function (mail/smtp.ts) — after the write, and without ever failing the request.
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

/** Store a message and, for e-mail with delivery configured, hand it on in the background. */
export function writeMessage(app: Sandbox, input: OutboxMessageInput): OutboxMessage {
  const row: OutboxRow = {
    id: uniqueId(),
    channel: input.channel,
    recipient: input.to,
    subject: input.subject,
    body: input.body,
    createdAt: Date.now(),
  }
  prepared(app.db, 'INSERT INTO outbox (id, channel, recipient, subject, body, createdAt) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.channel,
    row.recipient,
    row.subject,
    row.body,
    row.createdAt,
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

/** All stored messages, newest first. */
export function listMessages(db: Database): OutboxMessage[] {
  return prepared(db, 'SELECT id, channel, recipient, subject, body, createdAt FROM outbox ORDER BY seq DESC')
    .all()
    .map((row) => toMessage(row as OutboxRow))
}
