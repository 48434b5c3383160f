/**
 * The read cache's two sources of "something changed": every connection this process opens to a
 * database file shares one write counter, and the change detector notices another process's
 * commit by reading the WAL-index header, at most once per `recheckMs`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChangeDetector } from '../../src-server/store/change-detector'
import { databaseFile, openDatabase, writeEpoch, type Database } from '../../src-server/store/database'

let dataDir = ''
let db: Database

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'change-detector-'))
  db = openDatabase(dataDir)
})
afterEach(() => {
  db.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Commit one write from a separate Node process, through libsql directly. */
function writeFromAnotherProcess(): void {
  const script = `const Libsql = require('libsql'); const db = new Libsql(process.argv[1]); db.prepare("INSERT INTO migrations (version, name, appliedAt) VALUES (999999, 'elsewhere', 0)").run(); db.close()`
  execFileSync(process.execPath, ['-e', script, databaseFile(dataDir)], { cwd: process.cwd() })
}

describe('write counter', () => {
  it('counts writes through every connection this process has open to the file', () => {
    const second = openDatabase(dataDir)
    try {
      const before = writeEpoch(db)
      second.prepare('UPDATE migrations SET appliedAt = appliedAt').run()
      expect(writeEpoch(db)).toBeGreaterThan(before)
      expect(writeEpoch(second)).toBe(writeEpoch(db))
    } finally {
      second.close()
    }
    // Closing one connection leaves the others counting.
    const before = writeEpoch(db)
    db.exec('UPDATE migrations SET appliedAt = appliedAt')
    expect(writeEpoch(db)).toBe(before + 1)
  })

  it('keeps files apart', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'change-detector-other-'))
    const other = openDatabase(otherDir)
    try {
      const before = writeEpoch(db)
      other.exec('UPDATE migrations SET appliedAt = appliedAt')
      expect(writeEpoch(db)).toBe(before)
    } finally {
      other.close()
      rmSync(otherDir, { recursive: true, force: true })
    }
  })
})

/** A detector on the test database (or `file`) whose clock the test moves by hand. */
function withDetector(run: (detector: ChangeDetector, advance: (ms: number) => void) => void, file = databaseFile(dataDir)): void {
  let now = 0
  const detector = new ChangeDetector(db, file, 1, () => now)
  try {
    run(detector, (ms) => {
      now += ms
    })
  } finally {
    detector.close()
  }
}

describe('change detector', () => {
  it("sees another process's commit at the first check after it", () => {
    withDetector((detector, advance) => {
      expect(detector.changed()).toBe(true) // the first call has no baseline
      advance(5)
      expect(detector.changed()).toBe(false)
      writeFromAnotherProcess()
      advance(5)
      expect(detector.changed()).toBe(true)
      advance(5)
      expect(detector.changed()).toBe(false)
    })
  })

  it('reads the header at most once per recheck interval, and again once it has passed', () => {
    withDetector((detector, advance) => {
      detector.changed()
      writeFromAnotherProcess()
      advance(0.5)
      expect(detector.changed()).toBe(false) // within 1 ms of the last read: not read
      advance(0.5)
      expect(detector.changed()).toBe(true)
    })
  })

  it('falls back to PRAGMA data_version when the wal-index cannot be read', () => {
    withDetector(
      (detector, advance) => {
        expect(detector.changed()).toBe(true)
        advance(5)
        expect(detector.changed()).toBe(false)
        writeFromAnotherProcess()
        advance(5)
        expect(detector.changed()).toBe(true)
      },
      join(dataDir, 'missing.db'),
    )
  })
})
