/**
 * Optional real e-mail delivery for the sandbox (`--smtp host:port`).
 *
 * The outbox table stays the source of truth (every message is written there first); this
 * only forwards e-mail to an SMTP server such as a local MailHog/maildev, so that a person can
 * see the message in a real mail client. Appwrite queues mail to a worker and never fails the
 * API request when delivery fails; we keep that promise: the returned function never rejects,
 * it logs instead.
 */
import nodemailer from 'nodemailer'

/** What the outbox hands over for delivery. */
export interface SmtpMessage {
  readonly to: string
  readonly subject: string
  /** The message as the outbox stores it: plain text. */
  readonly body: string
  /** `Name <address>`; defaults to the sandbox sender. */
  readonly from?: string
}

export type SmtpDelivery = (message: SmtpMessage) => Promise<void>

export interface SmtpDeliveryOptions {
  /** Where delivery failures are reported; defaults to console.error. */
  readonly log?: (line: string) => void
  /** Default sender for messages that do not name one. */
  readonly from?: string
}

export const DEFAULT_SANDBOX_SENDER = 'Account Console Sandbox <no-reply@localhost>'

/** Splits `host:port` (also `[::1]:2525`); the port defaults to 25. Throws on nonsense so the CLI can refuse it at start-up. */
export function parseSmtpHostPort(hostPort: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(hostPort.trim())
  const host = match?.[1] ?? match?.[2]
  const port = match?.[3] === undefined ? 25 : Number(match[3])
  if (host === undefined || host === '' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`Invalid SMTP address "${hostPort}": expected host:port`)
  }
  return { host, port }
}

/**
 * Builds a delivery function for one SMTP server. Plain SMTP without TLS or auth: the target is
 * a development mail catcher on the developer's machine, not a public relay.
 */
export function createSmtpDelivery(hostPort: string, options: SmtpDeliveryOptions = {}): SmtpDelivery {
  const { host, port } = parseSmtpHostPort(hostPort)
  const log = options.log ?? ((line: string) => console.error(line))
  const defaultFrom = options.from ?? DEFAULT_SANDBOX_SENDER
  const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true })

  return async (message) => {
    try {
      await transport.sendMail({
        from: message.from ?? defaultFrom,
        to: message.to,
        subject: message.subject,
        // Plain text only: bodies interpolate names and other values people typed, so markup in
        // them must never be rendered by a mail client (no HTML part, no phishing links).
        text: message.body,
      })
    } catch (error) {
      // Never surface to the request: Appwrite sends mail from a queue worker, so an SMTP outage
      // never changes an API response.
      const reason = error instanceof Error ? error.message : String(error)
      log(`[sandbox] SMTP delivery to ${message.to} via ${host}:${port} failed: ${reason}`)
    }
  }
}
