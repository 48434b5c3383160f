/**
 * What a route module declares. The router (router.ts) runs Appwrite's checks in Appwrite's
 * order (appwrite-behaviour §3.1): project → auth resolution → scope → blocked user → MFA factors →
 * rate limit → auth method → guest-only (`session` group) → parameters → handler → audit log.
 */
import type { IncomingMessage } from 'node:http'
import type { AuthMethod } from '../config'
import type { Sandbox } from '../sandbox'
import type { ParamSpecs, ParamValues } from './params'
import type { RateLimitRule } from './rate-limit'
import type { AuthState } from './auth'
import type { ClientInfo } from '../domain/sessions'
import type { AccountEvent, AccountEventLabel } from '../realtime/events'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * The Appwrite API line a route exists in (appwrite-behaviour §13): `1.x` routes were removed in 2.x
 * (account logs), `2.x` routes were added in 2.x. Unmarked routes exist in both. The sandbox
 * serves both lines by default; `--appwrite-version` narrows it to one (see appwrite-version.ts).
 */
export type ApiLine = '1.x' | '2.x'

/**
 * Access labels (appwrite-behaviour §3.1):
 * - `sessions.write`: guests and users (sign-up, tokens, recovery, OAuth start)
 * - `account`: signed-in users only (session or JWT); guests → general_unauthorized_scope
 * - `public`: anyone (verification confirmations, OAuth callback/redirect)
 * - `targets.write`: signed-in users only (push targets)
 */
export type RouteScope = 'sessions.write' | 'account' | 'public' | 'targets.write'

export type ResponseHeaders = Array<[name: string, value: string]>

export interface RequestContext<P = Readonly<Record<string, unknown>>> {
  readonly app: Sandbox
  readonly req: IncomingMessage
  readonly method: HttpMethod
  /** Path below `/v1`, e.g. `/account/sessions/current`. */
  readonly path: string
  /** The matched route's path template, e.g. `/account/sessions/{sessionId}` (rate-limit `{url}`). */
  readonly routePath: string
  readonly params: P
  /** Raw request values (query or body) before validation, for rate-limit `{param-x}` keys. */
  readonly rawParams: Readonly<Record<string, unknown>>
  readonly client: ClientInfo
  /** Request `Origin` (or `Referer` origin), `""` when absent (desktop/Node clients). */
  readonly origin: string
  /** Hostname the client used to reach us (Host header, without port). */
  readonly hostname: string
  readonly auth: AuthState
  /** Headers to add to whatever response is sent, success or error (cookies, rate limits…). */
  readonly headers: ResponseHeaders
  /** What the handler tells the router about the route's Realtime event (Appwrite's queueForEvents). */
  readonly event: PendingEvent
}

export interface PendingEvent {
  /** Ids the route's event label names (`sessionId`, `tokenId`…); `userId` defaults to the caller. */
  readonly params: Record<string, string>
  /** The payload when it is not the response body (Appwrite's `setPayload`). */
  payload?: unknown
  /** Further events, published after the route's own: sessions evicted or ended as a side effect. */
  readonly extra: AccountEvent[]
}

/** A handler's answer. `body` undefined → no body (204/301). */
export interface Reply {
  readonly status: number
  readonly body?: unknown
  /** The body already serialised as JSON (cached responses); wins over `body`. */
  readonly serialized?: string
  /** `json` (default) or `html` (OAuth error pages). */
  readonly contentType?: 'json' | 'html'
  readonly headers?: ResponseHeaders
}

/** What to write to the audit log after a successful handler (appwrite-behaviour §9). */
export interface AuditEntry {
  readonly event: string
  readonly resource: string
  /** The user the entry belongs to (defaults to the caller). */
  readonly userId?: string
}

/** What a route declares about itself besides its parameters and handler; the router acts on it. */
interface RouteTraits {
  readonly method: HttpMethod
  /** Below `/v1`, with `{name}` segments: `/account/sessions/{sessionId}`. */
  readonly path: string
  readonly scope: RouteScope
  /** Appwrite's `session` group: refuse callers who already have a session or JWT. */
  readonly guestOnly?: boolean
  /** Appwrite's `auth` group: 501 user_auth_method_unsupported when the method is off. */
  readonly authMethod?: AuthMethod
  /** `exempt`: Appwrite's `mfa` group; `protected`: needs a challenge in the last 30 min (§6). */
  readonly mfa?: 'exempt' | 'protected'
  readonly rateLimit?: RateLimitRule
  /**
   * `header` (default): X-Appwrite-Project / `project` must name this project.
   * `none`: no project check (OAuth callback, which carries the project in its path).
   */
  readonly project?: 'header' | 'none'
  /** Render errors as an HTML page instead of JSON (OAuth routes, appwrite-behaviour §2). */
  readonly errorFormat?: 'json' | 'html'
  /**
   * Skip the web-origin check for writes: the OAuth2 form_post callback is posted by the
   * provider's page, whose origin is never a platform (Appwrite labels it `origin: *`).
   */
  readonly anyOrigin?: boolean
  readonly apiLine?: ApiLine
  /** Appwrite's `event` label, published on the user's `account` channel after a success. */
  readonly event?: AccountEventLabel
}

export interface RouteDefinition<P extends ParamSpecs = ParamSpecs> extends RouteTraits {
  readonly params?: P
  handle(ctx: RequestContext<ParamValues<P>>): Reply | Promise<Reply>
}

/** A route with its param types erased, as stored in the routing table. */
export interface AnyRoute extends RouteTraits {
  readonly params?: ParamSpecs
  handle(ctx: RequestContext): Reply | Promise<Reply>
}

/** Keeps a route's param types for its handler and erases them for the table. */
export function defineRoute<P extends ParamSpecs>(route: RouteDefinition<P>): AnyRoute {
  return route as unknown as AnyRoute
}

/** A route module: one Appwrite area (sessions, tokens, MFA…), one file under http/routes/. */
export interface RouteModule {
  readonly name: string
  readonly routes: readonly AnyRoute[]
}

export function json(status: number, body: unknown, headers?: ResponseHeaders): Reply {
  return headers ? { status, body, headers } : { status, body }
}

export function noContent(headers?: ResponseHeaders): Reply {
  return headers ? { status: 204, headers } : { status: 204 }
}

export function redirect(location: string, status = 301, headers: ResponseHeaders = []): Reply {
  return { status, headers: [['Location', location], ...headers] }
}
