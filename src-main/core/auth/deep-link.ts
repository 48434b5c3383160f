/**
 * Deep links are untrusted input from any web page (electron-practice §2).
 * One function turns a raw URL into a small typed union; nothing after this works on strings.
 * The only thing a link can ever ask for is "continue flow <nonce> with these parameters".
 *
 * A link comes back by one of three channels (src-shared/ipc.ts `RedirectStrategy`):
 *   account-console://<kind>?flow=<nonce>&…                 our own scheme
 *   appwrite-callback-<projectId>://<kind>?flow=<nonce>&…   Appwrite's native-app scheme, for the
 *                                                          project of a known profile only
 *   http://127.0.0.1:<port>/<kind>?flow=<nonce>&…          a loopback listener we opened
 * `<kind>` is the flow's kind (magic-url, oauth, recovery, verify-email). Appwrite appends
 * `userId`, `secret`, `expire` and `project` (or `error` for a failed OAuth sign-in).
 */
import { APPWRITE_CALLBACK_PREFIX, appwriteCallbackScheme } from '../../../src-shared/endpoint-rules'
import { assertNever } from '../../../src-shared/assert-never'

export { APPWRITE_CALLBACK_PREFIX }
export const APP_SCHEME = 'account-console'
/** RFC 8252 §8.3: the IP literal, not `localhost`. */
export const LOOPBACK_HOST = '127.0.0.1'

export const FLOW_TYPES = ['magic-url', 'oauth', 'recovery', 'verify-email'] as const
export type FlowType = (typeof FLOW_TYPES)[number]

/** Which way a link came back; a flow accepts its link only on the channel it was sent out with. */
export type ReturnChannel =
  { readonly kind: 'scheme' } | { readonly kind: 'appwrite-callback'; readonly projectId: string } | { readonly kind: 'loopback'; readonly port: number }

export type DeepLinkAction =
  | {
      readonly kind: 'continue-flow'
      readonly flowType: FlowType
      readonly nonce: string
      readonly channel: ReturnChannel
      readonly params: Readonly<Partial<Record<LinkParam, string>>>
    }
  | { readonly kind: 'invalid'; readonly reason: string }

export interface DeepLinkOptions {
  /** Project ids of known profiles: `appwrite-callback-<projectId>` is accepted only for these. */
  readonly appwriteCallbackProjects?: readonly string[]
  /** Ports of loopback listeners that are open right now. */
  readonly loopbackPorts?: readonly number[]
}

/** Parameters a returning link may carry; anything else is dropped, never forwarded. */
const LINK_PARAMS = ['userId', 'secret', 'expire', 'project', 'error'] as const
export type LinkParam = (typeof LINK_PARAMS)[number]
export const MAX_URL_LENGTH = 4096
export const MAX_PARAM_LENGTH = 1024
/** Our nonces are 43 characters (32 random bytes, base64url); accept a sane range of that alphabet. */
const NONCE = /^[A-Za-z0-9_-]{16,128}$/

export function parseDeepLink(raw: unknown, options: DeepLinkOptions = {}): DeepLinkAction {
  if (typeof raw !== 'string' || raw.length === 0) return invalid('not a link')
  if (raw.length > MAX_URL_LENGTH) return invalid('link too long')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return invalid('not a valid URL')
  }
  if (url.username || url.password) return invalid('credentials in link')
  const channel = channelOf(url, options)
  if ('reason' in channel) return invalid(channel.reason)
  // `account-console://magic-url?flow=…` puts the flow type in the host; some launchers send
  // `account-console:/magic-url` or `account-console:magic-url`, and a loopback URL has it in the
  // path, so the first path segment is accepted when there is no host.
  const host = channel.kind === 'loopback' ? '' : url.hostname
  const flowType = (host || url.pathname.replace(/^\/+/, '').split('/')[0] || '').toLowerCase()
  if (!isFlowType(flowType)) return invalid(`unknown link type ${flowType.slice(0, 40) || '(none)'}`)
  const nonces = url.searchParams.getAll('flow')
  const nonce = nonces[0]
  if (nonces.length !== 1 || !nonce || !NONCE.test(nonce)) return invalid('missing or malformed flow id')
  const params: Partial<Record<LinkParam, string>> = {}
  for (const [key, value] of url.searchParams) {
    if (isLinkParam(key) && value.length <= MAX_PARAM_LENGTH && params[key] === undefined) params[key] = value
  }
  return { kind: 'continue-flow', flowType, nonce, channel, params }
}

function channelOf(url: URL, options: DeepLinkOptions): ReturnChannel | { reason: string } {
  const scheme = url.protocol.replace(/:$/, '').toLowerCase()
  if (scheme === APP_SCHEME) return { kind: 'scheme' }
  if (scheme.startsWith(APPWRITE_CALLBACK_PREFIX)) {
    const projectId = scheme.slice(APPWRITE_CALLBACK_PREFIX.length)
    const known = (options.appwriteCallbackProjects ?? []).map((p) => p.toLowerCase())
    return projectId !== '' && known.includes(projectId) ? { kind: 'appwrite-callback', projectId } : { reason: `unknown scheme ${scheme.slice(0, 60)}` }
  }
  if (scheme === 'http' && url.hostname === LOOPBACK_HOST) {
    const port = Number(url.port)
    return (options.loopbackPorts ?? []).includes(port) ? { kind: 'loopback', port } : { reason: 'no sign-in is listening on that address' }
  }
  return { reason: `unknown scheme ${scheme.slice(0, 60)}` }
}

function isFlowType(value: string): value is FlowType {
  return (FLOW_TYPES as readonly string[]).includes(value)
}

function isLinkParam(value: string): value is LinkParam {
  return (LINK_PARAMS as readonly string[]).includes(value)
}

function invalid(reason: string): DeepLinkAction {
  return { kind: 'invalid', reason }
}

/**
 * The sentence a person sees for a link that was refused. `reason` above is for the log (it may
 * name the scheme or type that was found); this says what to do, never how the parser works.
 */
export function describeLinkProblem(reason: string): string {
  if (reason === 'no sign-in is listening on that address')
    return 'No sign-in in this app is waiting for that link any more. Start again from the sign-in screen.'
  if (reason === 'missing or malformed flow id') return 'That link is incomplete. Copy the whole link from the message, then try again.'
  if (reason.startsWith('unknown link type'))
    return 'That link does not lead to a step this app knows. Use the link from the latest message this app asked for.'
  if (reason.startsWith('unknown scheme')) return 'That link is not for this app. Use the link from the message this app asked for.'
  if (reason === 'link too long') return 'That link is far longer than the links this app sends. Copy the link from the message again.'
  if (reason === 'credentials in link') return 'That link carries a user name or password, which links from this app never do, so it was not used.'
  return 'That is not a link. Copy the whole link from the message, then try again.'
}

/** The address a flow's link must come back to, with the nonce in it. */
export function returnUrl(channel: ReturnChannel, kind: FlowType, nonce: string): string {
  const query = `?flow=${encodeURIComponent(nonce)}`
  switch (channel.kind) {
    case 'scheme':
      return `${APP_SCHEME}://${kind}${query}`
    case 'appwrite-callback':
      return `${appwriteCallbackScheme(channel.projectId)}://${kind}${query}`
    case 'loopback':
      return `http://${LOOPBACK_HOST}:${channel.port}/${kind}${query}`
    default:
      return assertNever(channel)
  }
}

export function sameChannel(a: ReturnChannel, b: ReturnChannel): boolean {
  switch (a.kind) {
    case 'scheme':
      return b.kind === 'scheme'
    case 'appwrite-callback':
      return b.kind === 'appwrite-callback' && a.projectId.toLowerCase() === b.projectId.toLowerCase()
    case 'loopback':
      return b.kind === 'loopback' && a.port === b.port
    default:
      return assertNever(a)
  }
}
