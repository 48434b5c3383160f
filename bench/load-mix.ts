/**
 * A mixed-workload load generator for the sandbox (issue 13 item 2). autocannon replays one
 * request (or a fixed sequence) per connection; a mix needs each request type's own latency and
 * each connection's own session, so this drives node:http directly: `connections` closed loops
 * (or paced loops at a fixed total rate), each picking the next request from the mix.
 *
 * Every non-2xx answer and every network error counts as an error (nothing is retried).
 */
import { Agent, request } from 'node:http'

export interface MixRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

export interface MixEntry {
  readonly name: string
  /** Share of the mix, in percent; the entries' weights sum to 100. */
  readonly weight: number
  /** The request for connection `connection` (so each can carry its own session). */
  readonly build: (connection: number) => MixRequest
}

export interface MixOptions {
  /** `http://127.0.0.1:<port>` (no /v1). */
  readonly origin: string
  /** Host header every request carries. */
  readonly host: string
  readonly mix: readonly MixEntry[]
  readonly connections: number
  readonly durationMs: number
  /** When set, requests are paced to this total rate (open-loop-ish soak); otherwise closed loops. */
  readonly ratePerSec?: number
  /** Called every `everyMs` while the run lasts (RSS samples for the soak). */
  readonly tick?: { readonly everyMs: number; readonly fn: (elapsedMs: number) => void }
}

export interface MixResult {
  readonly requests: number
  readonly errors: number
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly byName: Record<string, { readonly requests: number; readonly errors: number; readonly p99Ms: number }>
  /** The first few error descriptions, for the log. */
  readonly sampleErrors: readonly string[]
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

const round1 = (value: number): number => Math.round(value * 10) / 10

/** A deterministic pick: over every 100 consecutive requests of a connection the mix is exact. */
function picker(mix: readonly MixEntry[]): (i: number) => MixEntry {
  const slots: MixEntry[] = []
  for (const entry of mix) for (let k = 0; k < entry.weight; k++) slots.push(entry)
  if (slots.length !== 100) throw new Error(`mix weights sum to ${slots.length}, not 100`)
  // Spread each entry over the 100 slots (stride 37 is coprime with 100) so rare ones are not bunched.
  const spread = slots.map((_, i) => slots[(i * 37) % 100] as MixEntry)
  return (i) => spread[i % 100] as MixEntry
}

function send(agent: Agent, options: MixOptions, req: MixRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.path, options.origin)
    const headers: Record<string, string> = { host: options.host, ...req.headers }
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(Buffer.byteLength(req.body))
    }
    const r = request({ agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    r.on('error', reject)
    r.end(req.body)
  })
}

export async function runMix(options: MixOptions): Promise<MixResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const pick = picker(options.mix)
  const latencies = new Map<string, number[]>(options.mix.map((e) => [e.name, []]))
  const errors = new Map<string, number>(options.mix.map((e) => [e.name, 0]))
  const sampleErrors: string[] = []
  const start = performance.now()
  const end = start + options.durationMs
  const intervalMs = options.ratePerSec ? (options.connections * 1000) / options.ratePerSec : 0
  const timer = options.tick ? setInterval(() => options.tick?.fn(performance.now() - start), options.tick.everyMs) : null

  const loop = async (connection: number) => {
    // Offset each connection in the mix so they do not all sign in at the same moment.
    let i = connection * 7
    let next = performance.now() + (intervalMs * connection) / options.connections
    while (performance.now() < end) {
      if (intervalMs > 0) {
        const wait = next - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        next += intervalMs
        if (performance.now() >= end) break
      }
      const entry = pick(i++)
      const begin = performance.now()
      try {
        const status = await send(agent, options, entry.build(connection))
        if (status < 200 || status >= 300) {
          errors.set(entry.name, (errors.get(entry.name) ?? 0) + 1)
          if (sampleErrors.length < 5) sampleErrors.push(`${entry.name}: HTTP ${status}`)
        }
      } catch (error) {
        errors.set(entry.name, (errors.get(entry.name) ?? 0) + 1)
        if (sampleErrors.length < 5) sampleErrors.push(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`)
      }
      latencies.get(entry.name)?.push(performance.now() - begin)
    }
  }
  try {
    await Promise.all(Array.from({ length: options.connections }, (_, c) => loop(c)))
  } finally {
    if (timer) clearInterval(timer)
    agent.destroy()
  }
  const elapsed = performance.now() - start
  const all = [...latencies.values()].flat().sort((a, b) => a - b)
  const byName: Record<string, { requests: number; errors: number; p99Ms: number }> = {}
  for (const [name, values] of latencies) {
    values.sort((a, b) => a - b)
    byName[name] = { requests: values.length, errors: errors.get(name) ?? 0, p99Ms: round1(percentile(values, 99)) }
  }
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0)
  return {
    requests: all.length,
    errors: errorCount,
    rps: Math.round((all.length * 1000) / elapsed),
    p50Ms: round1(percentile(all, 50)),
    p99Ms: round1(percentile(all, 99)),
    byName,
    sampleErrors,
  }
}
