/**
 * Redirect-URL validation for success/failure/magic-URL/recovery/verification URLs and the web
 * origin check (appwrite-behaviour §7.4, 1.8+/1.9 `Redirect` validator).
 *
 * Allowed by default: hostnames `localhost`, `127.0.0.1` and the bound address (never the
 * request's `Host`, which a DNS-rebinding page controls); schemes
 * `account-console` (the console's deep-link scheme), `appwrite-callback-<project>` and `exp`.
 * `--platform` / config `platforms` entries add a hostname (`app.example.com`, `*.example.com`)
 * or, when they contain no dot and are not a known hostname, a custom scheme.
 * The failure text is Appwrite's: `Invalid URI. Register your new client (<host>) as a new
 * <Platform> platform on your project console dashboard`.
 */
import type { Sandbox } from '../sandbox'
import type { CheckResult, Validator } from './params'

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  http: 'Web',
  https: 'Web',
  'appwrite-ios': 'iOS',
  'appwrite-macos': 'macOS',
  'appwrite-watchos': 'watchOS',
  'appwrite-tvos': 'tvOS',
  'appwrite-android': 'Android',
  'appwrite-windows': 'Windows',
  'appwrite-linux': 'Linux',
}

/** Browser-extension schemes are treated like http(s): their "host" must be a platform. */
const HOSTED_SCHEMES = new Set(['http', 'https', 'chrome-extension', 'moz-extension', 'safari-web-extension', 'ms-browser-extension'])

export interface RedirectPolicy {
  readonly hostnames: readonly string[]
  readonly schemes: readonly string[]
}

/** Built once when the sandbox listens (`boundHostname` is the address it bound, without brackets). */
export function redirectPolicy(app: Pick<Sandbox, 'projectId' | 'config'>, boundHostname: string): RedirectPolicy {
  const hostnames = ['localhost', '127.0.0.1', boundHostname.toLowerCase()]
  const schemes = ['account-console', `appwrite-callback-${app.projectId}`, 'exp']
  for (const entry of app.config.platforms) {
    if (isSchemeEntry(entry)) schemes.push(entry.replace(/:\/*$/, ''))
    else hostnames.push(entry)
  }
  return { hostnames, schemes }
}

/** `myapp`, `myapp://` → scheme; `app.example.com`, `*.example.com`, `localhost` → hostname. */
export function isSchemeEntry(entry: string): boolean {
  if (entry.endsWith('://') || entry.endsWith(':')) return true
  return !entry.includes('.') && !entry.includes('*') && entry !== 'localhost' && /^[a-z][a-z0-9+.-]*$/.test(entry)
}

export function hostnameAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase()
  for (const entry of allowed) {
    if (entry === host) return true
    // `*.example.com` matches subdomains only, not the bare domain (§7.4).
    if (entry.startsWith('*.') && host.endsWith(entry.slice(1)) && host.length > entry.length - 1) return true
  }
  return false
}

function describe(host: string, scheme: string): string {
  if (!host && !scheme) return 'Invalid URI.'
  const platform = PLATFORM_NAMES[scheme] ?? ''
  return `Invalid URI. Register your new client ${host ? `(${host})` : ''} as a new ${platform} platform on your project console dashboard`
}

/** Check one URL against the policy; returns the Appwrite description on failure. */
export function checkRedirectUrl(value: string, policy: RedirectPolicy): CheckResult<string> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, description: 'Invalid URI.' }
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase()
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (HOSTED_SCHEMES.has(scheme)) {
    if (host && hostnameAllowed(host, policy.hostnames)) return { ok: true, value }
    return { ok: false, description: describe(host, scheme) }
  }
  if (policy.schemes.includes(scheme)) return { ok: true, value }
  return { ok: false, description: describe(host, scheme) }
}

/** A URL param validated against the project's platforms. */
export function redirectUrl(): Validator<string> {
  return {
    check(value, env) {
      if (typeof value !== 'string' || value.length > 2048) return { ok: false, description: 'Invalid URI.' }
      return checkRedirectUrl(value, env.app.redirectPolicy)
    },
  }
}

/**
 * Web origin check for write requests (appwrite-behaviour §1.1): a present Origin whose host is not a
 * platform → 403 general_unknown_origin; custom-scheme origins pass when the scheme is
 * registered. Unlike Appwrite, origins without a host (`null` — sandboxed iframes, `data:`
 * pages — and `file://`) are unknown: any web page can produce `Origin: null`, so letting it pass
 * would let every site write (appwrite-behaviour §1.1). Callers without an Origin (desktop and
 * server SDKs) are not web pages and are not checked.
 */
export function originAllowed(origin: string, policy: RedirectPolicy): boolean {
  if (!origin) return true
  if (origin === 'null') return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase()
  if (!url.hostname) return false
  if (HOSTED_SCHEMES.has(scheme)) return hostnameAllowed(url.hostname.replace(/^\[|\]$/g, ''), policy.hostnames)
  return policy.schemes.includes(scheme)
}
