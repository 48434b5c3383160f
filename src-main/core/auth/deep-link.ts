/**
 * Deep links are untrusted input from any web page (reference/electron-practices.md §2).
 * One function turns a raw URL into a small typed union; nothing after this works on strings.
 * The only thing a link can ever ask for is "continue flow <nonce> with these parameters".
 */
export const APP_SCHEME = 'account-console'

export type DeepLinkAction =
  | {
      readonly kind: 'continue-flow'
      readonly flowType: FlowType
      readonly nonce: string
      readonly params: Readonly<Record<string, string>>
    }
  | { readonly kind: 'invalid'; readonly reason: string }

export const FLOW_TYPES = ['magic-url', 'oauth', 'recovery', 'verify-email'] as const
export type FlowType = (typeof FLOW_TYPES)[number]

/** Parameters a returning link may carry; anything else is dropped, never forwarded. */
const KNOWN_PARAMS = new Set(['userId', 'secret', 'expire', 'project', 'error'])
const MAX_URL_LENGTH = 4096
const NONCE = /^[A-Za-z0-9_-]{16,128}$/

export function parseDeepLink(raw: unknown, extraSchemes: readonly string[] = []): DeepLinkAction {
  if (typeof raw !== 'string' || raw.length === 0) return invalid('not a link')
  if (raw.length > MAX_URL_LENGTH) return invalid('link too long')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return invalid('not a valid URL')
  }
  const scheme = url.protocol.replace(/:$/, '')
  if (scheme !== APP_SCHEME && !extraSchemes.includes(scheme)) return invalid(`unknown scheme ${scheme}`)
  if (url.username || url.password) return invalid('credentials in link')
  // `account-console://magic-url?flow=…` puts the flow type in the host; some launchers send
  // `account-console:/magic-url` or `account-console:magic-url`, so accept the first path segment too.
  const flowType = (url.hostname || url.pathname.replace(/^\/+/, '').split('/')[0] || '').toLowerCase()
  if (!isFlowType(flowType)) return invalid(`unknown link type ${flowType || '(none)'}`)
  const nonce = url.searchParams.get('flow')
  if (!nonce || !NONCE.test(nonce)) return invalid('missing or malformed flow id')
  const params: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
    if (KNOWN_PARAMS.has(key) && value.length <= 1024 && !(key in params)) params[key] = value
  }
  return { kind: 'continue-flow', flowType, nonce, params }
}

function isFlowType(value: string): value is FlowType {
  return (FLOW_TYPES as readonly string[]).includes(value)
}

function invalid(reason: string): DeepLinkAction {
  return { kind: 'invalid', reason }
}
