/**
 * The running sandbox as every route and domain function sees it: one project, one database,
 * its configuration, the rate limiter and the message sink. Built once by `startServer`.
 */
import type { ProjectConfig } from './config'
import type { Database } from './store/database'
import type { RateLimiter } from './http/rate-limit'
import type { ReadCache } from './http/read-cache'
import type { OutboxMessageInput, DeliverMessage } from './mail/outbox'
import type { HostAllowList } from './http/host-allow-list'
import type { RedirectPolicy } from './http/redirect-url'
import type { RealtimeHub } from './realtime/hub'

export interface Sandbox {
  readonly db: Database
  readonly projectId: string
  /** Replaced as a whole when the settings change (settings.ts); read it per request, never keep it. */
  config: ProjectConfig
  /** HS256 key for account JWTs, random per data directory (appwrite-behaviour §5). */
  readonly jwtKey: Buffer
  /** The Appwrite version reported by `/health/version` and in error bodies (see http/appwrite-version.ts). */
  readonly version: string
  readonly limiter: RateLimiter
  /** Hot-path read cache (sessions, GET /account bodies), dropped on any database change. */
  readonly cache: ReadCache
  /**
   * The `X-Sandbox-Dev-Key` that opens `/v1/dev/*`; null (the app's embedded sandbox) = no dev
   * routes at all (http/dev-key.ts).
   */
  readonly devKey: string | null
  /** Optional e-mail delivery (SMTP), called after the outbox write; failures are only logged. */
  readonly deliver: DeliverMessage | null
  /** Open Realtime connections; routes publish account events to it (realtime/). */
  readonly realtime: RealtimeHub
  /** Public base URL of the API, e.g. `http://127.0.0.1:8787/v1` (known once listening). */
  endpoint: string
  /** The bound address as a URL host (`127.0.0.1`, `[::1]`): rate-limit keys use it, never `Host`. */
  apiHost: string
  /** `Host` headers that are served (DNS-rebinding defence); refuses everything until listening. */
  hosts: HostAllowList
  /** Redirect URLs and web origins that are accepted, from the bound address and the platforms. */
  redirectPolicy: RedirectPolicy
  log(line: string): void
}

export type { OutboxMessageInput }
