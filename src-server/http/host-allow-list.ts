/**
 * Which `Host` headers the sandbox answers (DNS-rebinding defence, appwrite-behaviour §1.1).
 *
 * A page at `rebind.attacker.example:8787` whose DNS later points at 127.0.0.1 is, to the
 * browser, same-origin with itself: it could read any answer. The browser still sends its own
 * name in `Host`, so a request is served only when `Host` names the bound address and port —
 * `127.0.0.1`, `localhost` and `[::1]` on a loopback bind, plus the configured platform hosts
 * (and the literal address) when bound elsewhere. Everything is computed once, after listening;
 * the per-request check is one Set lookup (wildcard platforms only on a non-loopback bind).
 */
import { isIP } from 'node:net'
import { isSchemeEntry } from './redirect-url'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const

/** 127.0.0.0/8, ::1 and `localhost`: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare === '::1') return true
  return isIP(bare) === 4 && bare.startsWith('127.')
}

/** `::` and `0.0.0.0` (any address): the literal is not a name any client uses. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}

export interface HostAllowList {
  /** True when a request with this `Host` header may be served. */
  allows(hostHeader: string | undefined): boolean
  /** The accepted `Host` values, for the refusal message. */
  readonly described: string
}

/** `bound` is the address passed to listen(), `port` the port actually bound. */
export function hostAllowList(bound: string, port: number, platforms: readonly string[]): HostAllowList {
  const names: string[] = [...LOOPBACK_NAMES]
  const wildcards: string[] = []
  if (!isLoopbackHost(bound)) {
    if (!isWildcard(bound)) names.push(isIP(bound) === 6 ? `[${bound.toLowerCase()}]` : bound.toLowerCase())
    for (const entry of platforms) {
      if (isSchemeEntry(entry)) continue
      // `*.example.com` matches subdomains only, as for redirect URLs (appwrite-behaviour §7.4).
      if (entry.startsWith('*.')) wildcards.push(entry.slice(1))
      else names.push(entry)
    }
  }
  const exact = new Set<string>()
  for (const name of names) {
    exact.add(`${name}:${port}`)
    // Browsers leave the default port out of Host.
    if (port === 80) exact.add(name)
  }
  const suffix = `:${port}`
  return {
    described: [...names.map((name) => `${name}:${port}`), ...wildcards.map((w) => `*${w}:${port}`)].join(', '),
    allows(hostHeader) {
      // HTTP/1.0 clients may omit Host; browsers never do, so that is no rebinding path.
      if (hostHeader === undefined) return true
      const host = hostHeader.toLowerCase()
      if (exact.has(host)) return true
      if (wildcards.length === 0) return false
      const name = host.endsWith(suffix) ? host.slice(0, -suffix.length) : port === 80 ? host : ''
      return wildcards.some((w) => name.endsWith(w) && name.length > w.length)
    },
  }
}
