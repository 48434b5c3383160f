/**
 * A read cache for the hot path of every signed-in request (session → user) and for the
 * `GET /account` body. Issue 3 asks GET /account to reach 0.4× a bare node:http server; each
 * libsql call costs a thread hand-off, so the steady state must not touch the database more than
 * once per request.
 *
 * Correctness: the whole cache is dropped whenever this connection has written anything
 * (`writeEpoch`, counted on every run/exec) or another connection has committed
 * (`PRAGMA data_version` — the one database call per cached request). Entries are therefore never
 * stale with respect to the database; expiry is still checked on every hit.
 */
import type { Database } from '../store/database'
import { dataVersion, writeEpoch } from '../store/database'
import type { SessionRow } from '../domain/sessions'
import type { UserRow } from '../domain/users'

export interface CachedAuth {
  readonly session: SessionRow
  readonly user: UserRow
}

const MAX_ENTRIES = 10_000

export class ReadCache {
  private epoch = -1
  private version = -1
  private readonly sessions = new Map<string, CachedAuth>()
  private readonly accountBodies = new Map<string, string>()

  constructor(private readonly db: Database) {}

  /** Drop everything if the database changed since the cache was filled. Call once per request. */
  revalidate(): void {
    const epoch = writeEpoch(this.db)
    const version = dataVersion(this.db)
    if (epoch !== this.epoch || version !== this.version) {
      this.sessions.clear()
      this.accountBodies.clear()
      this.epoch = epoch
      this.version = version
    }
  }

  /** Keyed by the raw presented session value (cookie / header), so hits skip decoding and hashing. */
  session(value: string): CachedAuth | undefined {
    return this.sessions.get(value)
  }

  rememberSession(value: string, auth: CachedAuth): void {
    if (writeEpoch(this.db) !== this.epoch) return
    if (this.sessions.size >= MAX_ENTRIES) this.sessions.clear()
    this.sessions.set(value, auth)
  }

  accountBody(userId: string): string | undefined {
    return this.accountBodies.get(userId)
  }

  rememberAccountBody(userId: string, body: string): void {
    if (writeEpoch(this.db) !== this.epoch) return
    if (this.accountBodies.size >= MAX_ENTRIES) this.accountBodies.clear()
    this.accountBodies.set(userId, body)
  }
}
