/**
 * A fault-injecting HTTP proxy for tests: it sits between the app's core and the sandbox and, for
 * the requests a rule matches (method + path), misbehaves the way a bad network or a sick server
 * does. Rules are added and cleared while the test runs; requests no rule matches (and WebSocket
 * upgrades, which the live feed uses) pass through unchanged.
 *
 * Faults, and when they strike:
 * - `stall`: never answers. `before` the server sees the request (a dead link), or `after` the
 *   server has applied it (the answer is lost on the way back).
 * - `delay`: answers `ms` later (the server's answer, unchanged).
 * - `reset`: the connection is destroyed without an answer (TCP RST); `before` or `after`.
 * - `status`: answers `status` (5xx) with `body` (Appwrite JSON by default); `before` the server
 *   sees it (an overloaded gateway) or `after` (the server applied it and the gateway failed).
 * - `truncate`: the server's answer, its headers promising the whole body, and then only the
 *   first half of the body before the connection closes.
 * - `invalid-json`: the server's status and headers, and a body that is not JSON.
 * - `drip`: the server's answer, one byte every `intervalMs` (the socket is never quiet for long).
 *
 * Every request is logged (`requests`) with whether the server saw it, so a test can count how
 * often a write reached the server.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export type FaultPhase = 'before' | 'after'

export type Fault =
  | { readonly kind: 'stall'; readonly when?: FaultPhase }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'reset'; readonly when?: FaultPhase }
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly contentType?: string; readonly when?: FaultPhase }
  | { readonly kind: 'truncate' }
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'drip'; readonly intervalMs: number }

export interface FaultMatch {
  /** `GET`, `PATCH`, …; any method when left out. */
  readonly method?: string
  /** The path without the query string: exact when a string, else tested. */
  readonly path: string | RegExp
}

export interface FaultRule extends FaultMatch {
  readonly fault: Fault
  /** How many matching requests it strikes; every one until cleared when left out. */
  readonly times?: number
}

export interface ProxiedRequest {
  readonly method: string
  readonly path: string
  /** The fault that struck, if any. */
  readonly fault: Fault['kind'] | null
  /** Whether the request reached the server. */
  readonly forwarded: boolean
}

export interface FaultProxy {
  /** Origin of the proxy, e.g. `http://127.0.0.1:41234` (append the target's path, e.g. `/v1`). */
  readonly origin: string
  /** Where requests go; can change at run time (a restarted sandbox on a new port). */
  setTarget(origin: string): void
  /** Adds a rule; returns a function that clears it. */
  inject(rule: FaultRule): () => void
  /** Clears every rule; stalled requests stay stalled until their client gives up. */
  clear(): void
  readonly requests: readonly ProxiedRequest[]
  close(): Promise<void>
}

export const APPWRITE_SERVER_ERROR = JSON.stringify({
  message: 'Server Error',
  code: 500,
  type: 'general_server_error',
  version: '1.9.0',
})

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'])

function forwardHeaders(headers: IncomingHttpHeaders, host: string): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) out[name] = value
  out.host = host
  return out
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)
}

/** Stall, reset and status strike before the server sees the request unless told otherwise; the rest need its answer. */
function phaseOf(fault: Fault): FaultPhase {
  return fault.kind === 'stall' || fault.kind === 'reset' || fault.kind === 'status' ? (fault.when ?? 'before') : 'after'
}

function sendStatus(res: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
  const text = fault.body ?? APPWRITE_SERVER_ERROR
  res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', 'content-length': String(Buffer.byteLength(text)) })
  res.end(text)
}

interface UpstreamAnswer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

export async function startFaultProxy(target?: string): Promise<FaultProxy> {
  let upstream: URL | null = target !== undefined ? new URL(target) : null
  interface ActiveRule {
    readonly rule: FaultRule
    left: number
  }
  let rules: ActiveRule[] = []
  const requests: ProxiedRequest[] = []
  const sockets = new Set<Socket>()

  const take = (method: string, path: string): Fault | null => {
    const found = rules.find((r) => r.left > 0 && matches(r.rule, method, path))
    if (!found) return null
    found.left -= 1
    return found.rule.fault
  }

  const callUpstream = (req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      if (!upstream) {
        reject(new Error('the fault proxy has no target'))
        return
      }
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...forwardHeaders(req.headers, upstream.host), 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }))
          res.on('error', reject)
        },
      )
      out.on('error', reject)
      out.end(body)
    })

  const reply = (res: ServerResponse, answer: UpstreamAnswer, body: Buffer = answer.body): void => {
    const headers = forwardHeaders(answer.headers, '')
    delete headers.host
    headers['content-length'] = String(body.length)
    res.writeHead(answer.status, headers)
    res.end(body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = new URL(req.url ?? '/', 'http://proxy').pathname
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const fault = take(method, path)
    const log = (forwarded: boolean): void => void requests.push({ method, path, fault: fault?.kind ?? null, forwarded })

    if (fault && phaseOf(fault) === 'before') {
      log(false)
      if (fault.kind === 'stall') return
      if (fault.kind === 'reset') {
        req.socket.resetAndDestroy()
        return
      }
      if (fault.kind === 'status') {
        sendStatus(res, fault)
        return
      }
    }

    const answer = await callUpstream(req, body)
    log(true)
    if (!fault) return reply(res, answer)
    switch (fault.kind) {
      case 'stall':
        return
      case 'reset':
        req.socket.resetAndDestroy()
        return
      case 'status':
        sendStatus(res, fault)
        return
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms))
        return reply(res, answer)
      case 'truncate': {
        const headers = forwardHeaders(answer.headers, '')
        delete headers.host
        headers['content-length'] = String(answer.body.length)
        res.writeHead(answer.status, headers)
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)))
        // Let the half leave before the connection goes.
        setTimeout(() => req.socket.destroy(), 20)
        return
      }
      case 'drip': {
        const headers = forwardHeaders(answer.headers, '')
        delete headers.host
        headers['content-length'] = String(answer.body.length)
        res.writeHead(answer.status, headers)
        for (let i = 0; i < answer.body.length && !res.destroyed; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, fault.intervalMs))
          if (!res.destroyed) res.write(answer.body.subarray(i, i + 1))
        }
        if (!res.destroyed) res.end()
        return
      }
      case 'invalid-json':
        return reply(res, { ...answer, headers: { ...answer.headers, 'content-type': 'application/json' } }, Buffer.from('{"$id": "6f1c", "name": '))
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The sandbox is gone or refused: a proxy says so with a 502.
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end('Bad gateway')
      } else {
        res.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // WebSockets (the live feed) go through untouched, byte for byte.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!upstream) {
      socket.destroy()
      return
    }
    const out = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`]
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? ''
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? upstream?.host : req.rawHeaders[i + 1]}`)
      }
      out.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (head.length > 0) out.write(head)
      out.pipe(socket)
      socket.pipe(out)
    })
    sockets.add(out)
    out.on('close', () => {
      sockets.delete(out)
      socket.destroy()
    })
    out.on('error', () => socket.destroy())
    socket.on('error', () => out.destroy())
    socket.on('close', () => out.destroy())
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    setTarget(origin) {
      upstream = new URL(origin)
    },
    inject(rule) {
      const active: ActiveRule = { rule, left: rule.times ?? Number.POSITIVE_INFINITY }
      rules.push(active)
      return () => {
        rules = rules.filter((r) => r !== active)
      }
    },
    clear() {
      rules = []
    },
    requests,
    async close() {
      rules = []
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
