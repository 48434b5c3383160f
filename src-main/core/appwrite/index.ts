/**
 * The main-process Appwrite Account client: every Account route, typed, on axios, sending
 * requests the way a native SDK does (appwrite-behaviour §1) and mapping failures to AppwriteError /
 * NetworkError. Plain Node; no Electron.
 *
 * Secrets: the session value and JWT live only in this client's closure and in request headers.
 * They are never logged, never part of an error (message, stack, JSON), and never leave core.
 */
import type { AxiosAdapter } from 'axios'
import { buildAccountClient, type AccountClient, type AccountState } from './account'
import { Transport } from './transport'
import { version as packageVersion } from '../../../package.json'

export type { AccountClient, AuthenticationFactor, AuthenticatorType, CreatedSession, ListParams, OAuth2Params, OAuthProvider } from './account'
export { OAUTH_PROVIDERS } from './account'
export { AppwriteError, NetworkError, TooLargeError, ignoreAppwrite, isAppwriteError, isNetworkError } from './errors'
export type { NetworkFailure, RateLimitInfo } from './errors'
export { Query } from './query'
export type { SessionCapture } from './session-capture'
export { captureFromFallbackHeader, captureFromSetCookie, sessionCookieName } from './session-capture'

/** Identification sent as the SDK headers; Appwrite records them only against API keys. */
export const CLIENT_SDK = {
  name: 'Account Console',
  platform: 'client',
  language: 'typescript',
  version: packageVersion,
} as const

/** The response format we parse (Account models are identical across 1.6–1.9, appwrite-behaviour §4). */
export const RESPONSE_FORMAT = '1.8.0'
/** What we ask of a server on the 2.x line (the format web SDK 28 sends, appwrite-behaviour §13.1). */
export const RESPONSE_FORMAT_2X = '2.3.0'

export const DEFAULT_TIMEOUT_MS = 30_000

export interface ClientOptions {
  /** API endpoint including `/v1`, e.g. `http://127.0.0.1:8787/v1`. */
  readonly endpoint: string
  readonly projectId: string
  /** Default `AccountConsole/0.1.0 (<platform>; Node <version>)`; Appwrite derives the session's device fields from it. */
  readonly userAgent?: string
  /** `X-Appwrite-Locale`, e.g. `de` (country names and e-mails). */
  readonly locale?: string
  readonly timeoutMs?: number
  /** `X-Appwrite-Response-Format`; default RESPONSE_FORMAT (the 1.x line). */
  readonly responseFormat?: string
  /** Replaces axios' HTTP adapter (tests). */
  readonly adapter?: AxiosAdapter
}

export function defaultUserAgent(): string {
  return `AccountConsole/${CLIENT_SDK.version} (${process.platform}; Node ${process.version})`
}

export function createAccountClient(opts: ClientOptions): AccountClient {
  let parsed: URL
  try {
    parsed = new URL(opts.endpoint)
  } catch {
    throw new TypeError(`Not a valid Appwrite endpoint URL: ${opts.endpoint}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`The Appwrite endpoint must be http or https: ${opts.endpoint}`)
  }
  if (opts.projectId === '') throw new TypeError('A project id is required')

  const state: AccountState = { session: null, jwt: null, locale: opts.locale ?? null }
  const transport = new Transport({
    endpoint: opts.endpoint,
    projectId: opts.projectId,
    userAgent: opts.userAgent ?? defaultUserAgent(),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.adapter !== undefined ? { adapter: opts.adapter } : {}),
    baseHeaders: {
      // Without it Appwrite would silently act on the console project (appwrite-behaviour §11.1).
      'X-Appwrite-Project': opts.projectId,
      'X-Appwrite-Response-Format': opts.responseFormat ?? RESPONSE_FORMAT,
      'X-SDK-Name': CLIENT_SDK.name,
      'X-SDK-Platform': CLIENT_SDK.platform,
      'X-SDK-Language': CLIENT_SDK.language,
      'X-SDK-Version': CLIENT_SDK.version,
    },
    dynamicHeaders: () => ({
      ...(state.session !== null ? { 'X-Appwrite-Session': state.session } : {}),
      ...(state.jwt !== null ? { 'X-Appwrite-JWT': state.jwt } : {}),
      ...(state.locale !== null ? { 'X-Appwrite-Locale': state.locale } : {}),
    }),
    secrets: () => [state.session, state.jwt].filter((v): v is string => v !== null),
  })
  return buildAccountClient(transport, opts.projectId, state)
}
