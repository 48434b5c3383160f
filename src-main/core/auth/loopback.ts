/**
 * The loopback redirect of RFC 8252 §7.3: a listener on 127.0.0.1 at a port the OS picks, opened
 * for one flow and closed when that flow stops waiting. The browser (or a mail link) lands on
 * `http://127.0.0.1:<port>/<kind>?flow=<nonce>&…`; the full URL goes to the same entry as every
 * deep link, and the tab gets a small page saying what happened.
 *
 * Anything else that reaches the port (a favicon, a wrong path, a forged nonce) is answered and
 * changes nothing; the listener stays open for the real link until its flow ends.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { LOOPBACK_HOST, MAX_URL_LENGTH } from './deep-link'

/** What the page in the browser tab says after the app looked at the link. */
export interface LoopbackReply {
  readonly accepted: boolean
  readonly message: string
}

export interface LoopbackListener {
  readonly port: number
  close(): Promise<void>
}

export type LoopbackLinkHandler = (url: string) => Promise<LoopbackReply>

export async function openLoopbackListener(onLink: LoopbackLinkHandler): Promise<LoopbackListener> {
  const sockets = new Set<Socket>()
  let port = 0
  const server = createServer((req, res) => {
    void answer(req, res, port, onLink)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, LOOPBACK_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // A browser keeps its connection alive; the flow is over, so end idle connections now.
        // The request that carried the link is usually still being answered: it ends by itself
        // (`Connection: close`), or is cut after a few seconds.
        server.closeIdleConnections()
        setTimeout(() => {
          for (const socket of sockets) socket.destroy()
        }, 5000).unref()
      })
      return closing
    },
  }
}

async function answer(req: IncomingMessage, res: ServerResponse, port: number, onLink: LoopbackLinkHandler): Promise<void> {
  const path = req.url ?? '/'
  if (req.method !== 'GET' || path.length > MAX_URL_LENGTH || !/^\/[a-z-]+\?/.test(path)) {
    page(res, 404, 'Nothing here', 'This address only receives sign-in links for Account Console.')
    return
  }
  let reply: LoopbackReply
  try {
    reply = await onLink(`http://${LOOPBACK_HOST}:${port}${path}`)
  } catch {
    reply = { accepted: false, message: 'Account Console could not handle this link.' }
  }
  page(
    res,
    reply.accepted ? 200 : 400,
    reply.accepted ? 'Back to Account Console' : 'Link not accepted',
    `${reply.message} You can close this tab and return to Account Console.`,
  )
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:32rem;padding:0 1rem;color:#1f2328;background:#fff}
@media (prefers-color-scheme: dark){body{color:#e6edf3;background:#0d1117}}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    // The page runs nothing and must not be framed or cached (it was reached with a secret in the URL).
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    Connection: 'close',
  })
  res.end(body)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
