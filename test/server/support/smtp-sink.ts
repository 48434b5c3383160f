/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives, for tests of
 * the sandbox's `--smtp` delivery.
 */
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { hookedFixture } from './fixture-hooks'

export interface ReceivedMail {
  readonly from: string
  readonly to: readonly string[]
  /** The raw RFC 5322 message. */
  readonly raw: string
  /** Header value by lower-case name (first occurrence, unfolded). */
  header(name: string): string | undefined
  /** The body parts with quoted-printable and base64 transfer encodings undone, concatenated. */
  readonly decodedBody: string
}

export interface SmtpSink {
  readonly hostPort: string
  readonly messages: readonly ReceivedMail[]
  /** Resolves with the first received message that matches, polling until the deadline. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i]
    const hex = joined.slice(i + 1, i + 3)
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(ch ?? '', 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Splits a MIME message into leaf parts and decodes each; good enough for nodemailer's output. */
function decodeBody(raw: string): string {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split)
  const body = raw.slice(split + 4)
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1]
  if (boundary !== undefined) {
    return body
      .split(`--${boundary}`)
      .filter((part) => part.trim() !== '' && part.trim() !== '--')
      .map((part) => decodeBody(part.replace(/^\r\n/, '')))
      .join('\n')
  }
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase()
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body)
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  return body
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim())
  }
  return headers
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const headers = parseHeaders(raw)
        const envelope = session.envelope
        messages.push({
          from: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
          to: envelope.rcptTo.map((r) => r.address),
          raw,
          header: (name) => headers.get(name.toLowerCase()),
          decodedBody: decodeBody(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo

  return {
    hostPort: `127.0.0.1:${port}`,
    messages,
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find(match)
        if (found !== undefined) return found
        if (Date.now() > deadline) throw new Error(`no matching e-mail within ${timeoutMs} ms (${messages.length} received)`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A sink for the `describe` block this is called in: started before its first test, closed after its last. */
export function useSmtpSink(): SmtpSink {
  const running = hookedFixture('SMTP sink', startSmtpSink, (sink) => sink.close())
  return {
    get hostPort() {
      return running().hostPort
    },
    get messages() {
      return running().messages
    },
    waitFor: (match, timeoutMs) => running().waitFor(match, timeoutMs),
    close: () => running().close(),
  }
}
