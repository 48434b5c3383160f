/**
 * Tells whether another *process* committed to the database since the last check. (Writes by
 * this process, through any of its connections, are counted exactly by `writeEpoch` in
 * store/database.ts; this covers a second process — a test harness, a SQLite shell.)
 *
 * In WAL mode SQLite keeps a shared-memory wal-index in `<db>-shm`; its 48-byte header changes on
 * every committed write transaction (`iChange`, `mxFrame`, checksums — see
 * https://www.sqlite.org/walformat.html, "The WAL-Index Header"). Reading those bytes with one
 * `pread` is what `PRAGMA data_version` does in spirit, without a call into libsql. If the file
 * cannot be read, this falls back to `PRAGMA data_version`.
 *
 * A `pread` is a system call, and on a busy sandbox it was a quarter of the CPU time of a cached
 * `GET /account` (docs/reliability.md). So the header is read at most once per `recheckMs`
 * (default 1 ms): a request is answered from a cache checked against other processes no more than
 * 1 ms before it started, and a commit by another process is seen by every request that starts
 * 1 ms or more after it. Between requests more than 1 ms apart — any interactive use — every
 * request still checks.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { dataVersion, type Database } from './database'

const HEADER_BYTES = 48

export class ChangeDetector {
  private fd: number | null = null
  private readonly current = Buffer.alloc(HEADER_BYTES)
  private readonly last = Buffer.alloc(HEADER_BYTES)
  private lastVersion = Number.NaN
  private primed = false
  private checkedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly db: Database,
    databaseFile: string,
    private readonly recheckMs = 1,
    private readonly clock: () => number = () => performance.now(),
  ) {
    try {
      this.fd = openSync(`${databaseFile}-shm`, 'r')
    } catch {
      this.fd = null
    }
  }

  /**
   * True when something was committed since the header was last read (always true on the first
   * call); false without reading it when it was read less than `recheckMs` ago.
   */
  changed(): boolean {
    const now = this.clock()
    if (now - this.checkedAt < this.recheckMs) return false
    this.checkedAt = now
    if (this.fd !== null) {
      try {
        const read = readSync(this.fd, this.current, 0, HEADER_BYTES, 0)
        if (read === HEADER_BYTES) {
          const same = this.primed && this.current.equals(this.last)
          this.current.copy(this.last)
          this.primed = true
          return !same
        }
      } catch {
        // fall through to the pragma
      }
    }
    const version = dataVersion(this.db)
    const same = version === this.lastVersion
    this.lastVersion = version
    return !same
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }
}
