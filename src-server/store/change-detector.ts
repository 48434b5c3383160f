/**
 * Tells whether any connection committed to the database since the last check, without a call
 * into libsql (each one costs as much as the rest of a cached GET /account).
 *
 * In WAL mode SQLite keeps a shared-memory wal-index in `<db>-shm`; its 48-byte header changes on
 * every committed write transaction (`iChange`, `mxFrame`, checksums — see
 * https://www.sqlite.org/walformat.html, "The WAL-Index Header"). Reading those bytes with one
 * `pread` is what `PRAGMA data_version` does in spirit. If the file cannot be read, this falls
 * back to `PRAGMA data_version`.
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

  constructor(
    private readonly db: Database,
    databaseFile: string,
  ) {
    try {
      this.fd = openSync(`${databaseFile}-shm`, 'r')
    } catch {
      this.fd = null
    }
  }

  /** True when something was committed since the previous call (always true on the first). */
  changed(): boolean {
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
