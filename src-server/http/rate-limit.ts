/**
 * Appwrite's abuse limits (appwrite-behaviour §8, the "Rate limits" tables of Appwrite's docs): fixed windows of one hour
 * aligned to the Unix epoch, one independent counter per key template, all of which must pass.
 * `X-RateLimit-Remaining` = limit − (count + 1), floored at 0, computed before counting the
 * current request; with several keys the smallest remaining is reported. A request is only
 * counted while under the limit. Counters live in memory, like Appwrite's Redis, and reset
 * with the process.
 */
import { AppwriteError } from '../errors'
import type { ResponseHeaders } from './route'

/**
 * Key templates use Appwrite's placeholders: `{url}` (bound address + route path — never the
 * `Host` header, which the client chooses), `{ip}`, `{userId}` (caller), `{param-<name>}` (a
 * request parameter, e.g. `{param-email}`). E.g. `url:{url},email:{param-email}`.
 * Unlike Appwrite, `{param-email}` is lower-cased: `Ada@x.io` and `ada@x.io` are one account for
 * sign-in, so they share one counter (appwrite-behaviour §8).
 */
export interface RateLimitRule {
  readonly limit: number
  readonly keys: readonly string[]
  /** Window length in seconds; every Account route uses 3600. */
  readonly windowSeconds?: number
}

export interface RateLimitInput {
  readonly url: string
  readonly ip: string
  readonly userId: string
  readonly params: Readonly<Record<string, unknown>>
}

export interface RateLimiter {
  readonly enabled: boolean
  /** Count the request; returns the headers to send; throws 429 (with headers) when exceeded. */
  hit(rule: RateLimitRule, input: RateLimitInput, headers: ResponseHeaders, nowMs?: number): void
}

function fillTemplate(template: string, input: RateLimitInput): string {
  return template.replace(/\{([A-Za-z0-9_-]+)\}/g, (_match, name: string) => {
    if (name === 'url') return input.url
    if (name === 'ip') return input.ip
    if (name === 'userId') return input.userId
    if (name.startsWith('param-')) {
      const value = input.params[name.slice(6)]
      if (typeof value === 'string') return name === 'param-email' ? value.toLowerCase() : value
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
    }
    return ''
  })
}

export function createRateLimiter(enabled: boolean): RateLimiter {
  // window start (s) → key → count; only the current window per length is kept.
  const windows = new Map<number, { start: number; counts: Map<string, number> }>()
  return {
    enabled,
    hit(rule, input, headers, nowMs = Date.now()) {
      if (!enabled) return
      const windowSeconds = rule.windowSeconds ?? 3600
      const now = Math.floor(nowMs / 1000)
      const start = now - (now % windowSeconds)
      let window = windows.get(windowSeconds)
      if (!window || window.start !== start) {
        window = { start, counts: new Map() }
        windows.set(windowSeconds, window)
      }
      // Keys are checked in order, each counted as soon as it passes, like Appwrite's loop over
      // its abuse keys; the headers describe the key with the fewest requests left so far.
      let closest: number | null = null
      let exceeded = false
      for (const template of rule.keys) {
        const key = `${windowSeconds}|${template}|${fillTemplate(template, input)}`
        const count = window.counts.get(key) ?? 0
        const remaining = Math.max(0, rule.limit - (count + 1))
        if (closest === null || remaining < closest) closest = remaining
        if (count >= rule.limit) {
          exceeded = true
          break
        }
        window.counts.set(key, count + 1)
      }
      headers.push(
        ['X-RateLimit-Limit', String(rule.limit)],
        ['X-RateLimit-Remaining', String(closest ?? rule.limit)],
        ['X-RateLimit-Reset', String(start + windowSeconds)],
      )
      if (exceeded) throw new AppwriteError('general_rate_limit_exceeded')
    },
  }
}
