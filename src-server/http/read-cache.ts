/**
 * A read cache for the hot path of every signed-in request (session → user) and for the
 * `GET /account` body. Issue 3 asks GET /account to reach 0.4× a bare node:http server; each
 * libsql call costs a thread hand-off, so the steady state must not touch the database more than
 * once per request.
 *
 * Correctness: the whole cache is dropped whenever this process has written anything, through any
 * of its connections (`writeEpoch`, counted on every run/exec), or another process has committed
 * (store/change-detector.ts reads the WAL-index header: one `pread`, no libsql call, at most once
 * per millisecond). Entries are therefore never stale with respect to this process's writes, and
 * at most 1 ms behind another process's; expiry is still checked on every hit.
 */
import type { Database } from '../store/database'
import { writeEpoch } from '../store/database'
import type { ChangeDetector } from '../store/change-detector'
import type { SessionRow } from '../domain/sessions'
import type { UserRow } from '../domain/users'

export interface CachedAuth {
  readonly session: SessionRow
  readonly user: UserRow
}

const MAX_ENTRIES = 10_000

export class ReadCache {
  private epoch = -1
  private readonly sessions = new Map<string, CachedAuth>()
  private readonly accountBodies = new Map<string, string>()

  constructor(
    private readonly db: Database,
    private readonly changes: ChangeDetector,
  ) {}

  /** Drop everything if the database changed since the cache was filled. Call once per request. */
  revalidate(): void {
    const epoch = writeEpoch(this.db)
    // Evaluate both: the detector must see every commit to keep its baseline current.
    const committed = this.changes.changed()
    if (epoch !== this.epoch || committed) {
      this.sessions.clear()
      this.accountBodies.clear()
      this.epoch = epoch
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
