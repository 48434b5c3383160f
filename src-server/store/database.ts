/**
 * The sandbox's SQLite file: `<dataDir>/sandbox.db`, opened through libsql's synchronous,
 * better-sqlite3-style N-API binding (loads in Node and Electron without a rebuild).
 *
 * Why synchronous: Node runs one request handler at a time between awaits, so a run of
 * synchronous statements is atomic with respect to other requests; multi-step writes still go
 * through `transaction()` so a crash cannot leave half of them behind.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, realpathSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import Libsql from 'libsql'
import { MIGRATIONS } from './migrations'

/** The part of libsql's Statement we use. Rows are `unknown`: map them explicitly (`_metadata`). */
export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

export interface Database {
  /** True while a transaction is open on this connection. */
  readonly inTransaction: boolean
  prepare(sql: string): Statement
  exec(sql: string): void
  pragma(sql: string): unknown
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R
  close(): void
}

type DatabaseConstructor = new (path: string) => Database

/** The database file of a data directory. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'sandbox.db')
}

/**
 * The data folder holds the JWT key, TOTP secrets and the outbox: only its owner may read it.
 * Folder 0700, database files 0600 — also when the folder or files already exist with looser
 * modes (earlier versions created them 0755/0644). SQLite gives its -wal/-shm files the mode of
 * the database file, so creating that one 0600 first covers them; they are tightened anyway.
 */
function restrictDataFiles(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)
  const file = databaseFile(dataDir)
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600)
  }
}

/** Open (creating when needed) the data directory's database and bring its schema up to date. */
export function openDatabase(dataDir: string): Database {
  restrictDataFiles(dataDir)
  const db = new (Libsql as unknown as DatabaseConstructor)(databaseFile(dataDir))
  // WAL + NORMAL: a 2xx'd write survives kill -9 of this process; only a power cut can roll back
  // the last commits, never corrupt the file. Why not FULL: docs/reliability.md §1.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec('PRAGMA busy_timeout = 5000')
  migrate(db)
  countWrites(db, realpathSync(databaseFile(dataDir)))
  restrictDataFiles(dataDir)
  return db
}

const writeEpochs = new WeakMap<Database, { epoch: number }>()
/** One counter per database file, shared by every connection this process has open to it. */
const fileCounters = new Map<string, { epoch: number; connections: number }>()

/**
 * Count every write made through any connection this process opened to the file, so read caches
 * (http/read-cache.ts) can tell whether anything changed since they were filled: `run` and
 * `exec` of any statement, from any module and any of this process's connections, bump the
 * epoch. (Writes by other processes are the change detector's part: store/change-detector.ts.)
 */
function countWrites(db: Database, file: string): void {
  const counter = fileCounters.get(file) ?? { epoch: 0, connections: 0 }
  counter.connections++
  fileCounters.set(file, counter)
  writeEpochs.set(db, counter)
  const prepare = db.prepare.bind(db)
  const exec = db.exec.bind(db)
  const close = db.close.bind(db)
  db.prepare = (sql: string): Statement => {
    const statement = prepare(sql)
    const run = statement.run.bind(statement)
    statement.run = (...params: unknown[]) => {
      counter.epoch++
      return run(...params)
    }
    return statement
  }
  db.exec = (sql: string): void => {
    counter.epoch++
    exec(sql)
  }
  let closed = false
  db.close = (): void => {
    close()
    if (closed) return
    closed = true
    // Keep the count going while the file stays open elsewhere in this process.
    if (--counter.connections === 0 && fileCounters.get(file) === counter) fileCounters.delete(file)
  }
}

/** The write counter of the connection's file (see countWrites); -1 for connections not opened here. */
export function writeEpoch(db: Database): number {
  return writeEpochs.get(db)?.epoch ?? -1
}

/**
 * SQLite's `data_version`: changes when *another* connection commits (tests and the benchmark
 * write through their own connections).
 */
export function dataVersion(db: Database): number {
  const row = prepared(db, 'PRAGMA data_version').get() as { data_version: number }
  return Number(row.data_version)
}

function migrate(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    appliedAt  INTEGER NOT NULL
  )`)
  const applied = new Set(
    db
      .prepare('SELECT version FROM migrations')
      .all()
      .map((row) => Number((row as { version: number }).version)),
  )
  const record = db.prepare('INSERT INTO migrations (version, name, appliedAt) VALUES (?, ?, ?)')
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, Date.now())
    })()
  }
}

/** A value kept in the `meta` table, created once with `create()` (e.g. the JWT signing key). */
export function metaValue(db: Database, key: string, create: () => string): string {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  if (row) return row.value
  const value = create()
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value)
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }
  return stored.value
}

export function randomHexKey(bytes = 32): string {
  return randomBytes(bytes).toString('hex')
}

const statementCache = new WeakMap<Database, Map<string, Statement>>()

/**
 * A prepared statement for `sql`, compiled once per database and reused: the hot path (session
 * lookup on every request) must not re-parse SQL.
 */
export function prepared(db: Database, sql: string): Statement {
  let cache = statementCache.get(db)
  if (!cache) {
    cache = new Map()
    statementCache.set(db, cache)
  }
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement
}

/**
 * Run `fn` atomically. libsql's `transaction()` cannot nest (unlike better-sqlite3), so a call
 * made while a transaction is open (ours or anyone's `db.transaction`) simply joins it.
 */
export function atomically<R>(db: Database, fn: () => R): R {
  if (db.inTransaction) return fn()
  return db.transaction(fn)()
}
