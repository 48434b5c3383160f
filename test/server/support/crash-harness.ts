/**
 * Crash harness for the sandbox (issue 13 item 1): the real server (src-server/cli.ts, bundled once
 * with esbuild so start-up is measured as a user meets it, not tsx's transpiling) runs a
 * write-heavy workload and is `kill -9`ed at random moments. After every kill:
 *
 * - `PRAGMA integrity_check` on the database file answers `ok`;
 * - every write that got a 2xx is there (sign-ups, prefs, session creates and deletes, MFA on/off)
 *   and a write in flight at the kill is either fully there or fully absent;
 * - nothing is duplicated (one user per signed-up e-mail, no sign-up beyond those sent);
 * - the server is restarted on the same data folder and the time from spawn to "listening" is kept.
 *
 * Short form in `npm test` (test/server/crash-safety.test.ts), long form in `npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import Libsql from 'libsql'

const PROJECT = 'crash'
const PASSWORD = 'crash-harness-password-1'
const REPO = join(__dirname, '..', '..', '..')

export interface CrashRunOptions {
  readonly kills: number
  /** A kill lands at a random moment in [minMs, maxMs) after the workload is running again. */
  readonly minMs?: number
  readonly maxMs?: number
  /** Workers that each update one user's prefs in a loop (the bulk of the writes). */
  readonly prefsWorkers?: number
  readonly log?: (line: string) => void
}

export interface CrashRunResult {
  readonly kills: number
  /** Writes that got a 2xx, over the whole run. */
  readonly ackedWrites: number
  /** Writes whose answer was lost to a kill (each checked as all-or-nothing). */
  readonly inFlightAtKill: number
  readonly integrityOk: number
  /** Descriptions of every broken promise; empty when the run is clean. */
  readonly violations: readonly string[]
  /** Spawn → "listening" after each kill, in ms (wall clock: includes waiting for a busy CPU). */
  readonly restartMs: readonly number[]
  /** CPU time of each restart until "listening", in ms. */
  readonly restartCpuMs: readonly number[]
}

interface Server {
  readonly child: ChildProcess
  readonly url: string
  /** Wall clock from spawn to "listening". */
  readonly startMs: number
  /** CPU time the process used to get there (user + system): what start-up costs on an idle machine. */
  readonly startCpuMs: number
}

/** utime + stime of a process from /proc (Linux), in ms; NaN elsewhere. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12, in clock ticks (100 Hz on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}

let bundled: Promise<string> | null = null

/** The sandbox CLI as one CommonJS file under node_modules/.cache (so its packages resolve). */
export function bundleSandboxCli(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(REPO, 'node_modules', '.cache', 'crash-harness')
    mkdirSync(dir, { recursive: true })
    const outfile = join(dir, 'sandbox-cli.cjs')
    await build({
      entryPoints: [join(REPO, 'src-server', 'cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    })
    return outfile
  })()
  return bundled
}

function startServer(cli: string, dataDir: string): Promise<Server> {
  const begin = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--data', dataDir, '--project', PROJECT, '--rate-limits', 'off'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sandbox did not start within 30 s: ${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+\/v1)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        resolve({ child, url: match[1] as string, startMs: performance.now() - begin, startCpuMs: cpuMsOf(child.pid) })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`sandbox exited during start-up (${code}): ${output}`))
    })
  })
}

function killHard(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.removeAllListeners('exit')
    server.child.once('exit', () => resolve())
    server.child.kill('SIGKILL')
  })
}

/** The outcome of one write: answered 2xx, answered otherwise, or no answer (killed). */
type Outcome = { kind: 'ok'; body: Record<string, unknown> } | { kind: 'refused'; status: number; text: string } | { kind: 'lost' }

class Client {
  url = ''
  async send(method: string, path: string, body: unknown, session?: string): Promise<Outcome> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-appwrite-project': PROJECT }
    if (session) headers['x-appwrite-session'] = session
    let response: Response
    let text: string
    try {
      response = await fetch(`${this.url}${path}`, { method, headers, body: JSON.stringify(body ?? {}) })
      text = await response.text()
    } catch {
      return { kind: 'lost' }
    }
    if (response.status < 200 || response.status >= 300) return { kind: 'refused', status: response.status, text }
    const parsed: unknown = text === '' ? {} : JSON.parse(text)
    const fallback = response.headers.get('x-fallback-cookies')
    const session2 = fallback ? (JSON.parse(fallback) as Record<string, string>)[`a_session_${PROJECT}`] : undefined
    return { kind: 'ok', body: { ...(parsed as Record<string, unknown>), ...(session2 ? { __session: session2 } : {}) } }
  }
}

interface SessionUser {
  readonly email: string
  readonly userId: string
  readonly session: string
}

/** What the workload believes; compared with the database after every kill. */
interface Ledger {
  /** E-mails signed up: acked, or sent without an answer. */
  readonly signUpsAcked: Set<string>
  readonly signUpsLost: Set<string>
  signUpsSent: number
  /** Per prefs user: last acked counter and last sent counter. */
  readonly prefs: Map<string, { acked: number; sent: number }>
  /** The MFA user: last acked value, and the value in flight (when its answer was lost). */
  mfa: { acked: boolean; lost: boolean | null }
  /** Session ids whose creation was acked and whose deletion was not attempted / not acked. */
  readonly sessionsLive: Set<string>
  /** Session ids whose deletion was acked. */
  readonly sessionsDeleted: Set<string>
  /** Session ids whose deletion was in flight at a kill (either state is fine). */
  readonly sessionsUncertain: Set<string>
  acked: number
  lost: number
}

/**
 * Runs the workload against the current server until `stop` resolves; every worker ends its
 * loop at the first lost answer (the server is gone).
 */
function runWorkload(
  client: Client,
  users: { prefs: SessionUser[]; mfa: SessionUser; sessions: { email: string } },
  ledger: Ledger,
  stop: { stopped: boolean },
  seq: { n: number },
): Promise<void>[] {
  const record = (outcome: Outcome): boolean => {
    if (outcome.kind === 'ok') ledger.acked++
    if (outcome.kind === 'lost') ledger.lost++
    return outcome.kind === 'ok'
  }
  const refused = (what: string, outcome: Outcome): never => {
    throw new Error(`${what} refused: ${outcome.kind === 'refused' ? `${outcome.status} ${outcome.text}` : outcome.kind}`)
  }

  const prefsWorker = async (user: SessionUser) => {
    const state = ledger.prefs.get(user.userId)!
    while (!stop.stopped) {
      const n = state.sent + 1
      state.sent = n
      const outcome = await client.send('PATCH', '/account/prefs', { prefs: { n, theme: n % 2 === 0 ? 'dark' : 'light' } }, user.session)
      if (outcome.kind === 'lost') return void record(outcome)
      if (!record(outcome)) refused('prefs update', outcome)
      state.acked = n
    }
  }

  const mfaWorker = async () => {
    while (!stop.stopped) {
      const next = !ledger.mfa.acked
      ledger.mfa.lost = next
      const outcome = await client.send('PATCH', '/account/mfa', { mfa: next }, users.mfa.session)
      if (outcome.kind === 'lost') return void record(outcome)
      if (!record(outcome)) refused('MFA change', outcome)
      ledger.mfa = { acked: next, lost: null }
    }
  }

  const signUpWorker = async () => {
    while (!stop.stopped) {
      const email = `signup.${process.pid}.${seq.n++}@example.com`
      ledger.signUpsSent++
      ledger.signUpsLost.add(email)
      const outcome = await client.send('POST', '/account', { userId: 'unique()', email, password: PASSWORD })
      if (outcome.kind === 'lost') return void record(outcome)
      if (!record(outcome)) refused('sign-up', outcome)
      ledger.signUpsLost.delete(email)
      ledger.signUpsAcked.add(email)
    }
  }

  const sessionWorker = async () => {
    while (!stop.stopped) {
      const created = await client.send('POST', '/account/sessions/email', { email: users.sessions.email, password: PASSWORD })
      if (created.kind === 'lost') return void record(created)
      record(created)
      if (created.kind !== 'ok') return refused('session create', created)
      const id = String(created.body['$id'])
      const session = String(created.body['__session'])
      ledger.sessionsLive.add(id)
      // Always delete what was created, so sessions never pile up to the limit and get evicted.
      const deleted = await client.send('DELETE', `/account/sessions/${id}`, {}, session)
      ledger.sessionsLive.delete(id)
      if (deleted.kind === 'lost') {
        ledger.sessionsUncertain.add(id)
        return void record(deleted)
      }
      if (!record(deleted)) refused('session delete', deleted)
      ledger.sessionsDeleted.add(id)
    }
  }

  return [...users.prefs.map(prefsWorker), mfaWorker(), signUpWorker(), sessionWorker()]
}

/** Compares the database with the ledger; returns what is wrong (empty = every promise kept). */
function verify(dbFile: string, ledger: Ledger, users: { prefs: SessionUser[]; mfa: SessionUser }): { integrity: string; violations: string[] } {
  const db = new (
    Libsql as unknown as new (path: string) => { prepare(sql: string): { all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown }; close(): void }
  )(dbFile)
  const violations: string[] = []
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ')
    if (integrity !== 'ok') violations.push(`integrity_check: ${integrity}`)

    const counts = new Map(
      (db.prepare("SELECT email, COUNT(*) AS c FROM users WHERE email LIKE 'signup.%' GROUP BY email").all() as Array<{ email: string; c: number }>).map(
        (r) => [r.email, Number(r.c)],
      ),
    )
    for (const email of ledger.signUpsAcked) if (counts.get(email) !== 1) violations.push(`acked sign-up ${email} present ${counts.get(email) ?? 0} times`)
    for (const [email, c] of counts) {
      if (c !== 1) violations.push(`sign-up ${email} duplicated (${c} rows)`)
      if (!ledger.signUpsAcked.has(email) && !ledger.signUpsLost.has(email)) violations.push(`sign-up ${email} present but never sent`)
    }
    if (counts.size > ledger.signUpsSent) violations.push(`${counts.size} sign-ups stored, only ${ledger.signUpsSent} sent`)

    for (const user of users.prefs) {
      const row = db.prepare('SELECT prefs FROM users WHERE id = ?').get(user.userId) as { prefs: string } | undefined
      const n = Number((JSON.parse(row?.prefs ?? '{}') as { n?: number }).n ?? 0)
      const state = ledger.prefs.get(user.userId)!
      if (n < state.acked || n > state.sent) violations.push(`prefs of ${user.userId}: stored n=${n}, acked ${state.acked}, sent ${state.sent}`)
    }

    const mfaRow = db.prepare('SELECT mfa FROM users WHERE id = ?').get(users.mfa.userId) as { mfa: number } | undefined
    const mfa = Boolean(mfaRow?.mfa)
    if (mfa !== ledger.mfa.acked && mfa !== ledger.mfa.lost)
      violations.push(`MFA stored ${mfa}, acked ${ledger.mfa.acked}, in flight ${String(ledger.mfa.lost)}`)

    const has = (id: string) => db.prepare('SELECT 1 AS x FROM sessions WHERE id = ?').get(id) !== undefined
    for (const id of ledger.sessionsLive) if (!has(id)) violations.push(`acked session ${id} missing`)
    for (const id of ledger.sessionsDeleted) if (has(id)) violations.push(`session ${id} deleted with a 2xx but still present`)
    const dup = db.prepare('SELECT id, COUNT(*) AS c FROM sessions GROUP BY id HAVING c > 1').all()
    if (dup.length > 0) violations.push(`${dup.length} duplicated session ids`)
    return { integrity, violations }
  } finally {
    db.close()
  }
}

/** Runs the harness; throws only when the harness itself cannot run (server does not start). */
export async function runCrashHarness(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => undefined)
  const minMs = options.minMs ?? 150
  const maxMs = options.maxMs ?? 900
  const cli = await bundleSandboxCli()
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-crash-'))
  const dbFile = join(dataDir, 'sandbox.db')
  const client = new Client()
  const violations: string[] = []
  const restartMs: number[] = []
  const restartCpuMs: number[] = []
  let integrityOk = 0
  let server = await startServer(cli, dataDir)
  try {
    client.url = server.url
    // Set-up (not measured): the users the workers act for, each with a long-lived session.
    const setUpUser = async (label: string): Promise<SessionUser> => {
      const email = `${label}.${process.pid}@example.com`
      const created = await client.send('POST', '/account', { userId: 'unique()', email, password: PASSWORD })
      if (created.kind !== 'ok') throw new Error(`set-up sign-up failed: ${JSON.stringify(created)}`)
      const signedIn = await client.send('POST', '/account/sessions/email', { email, password: PASSWORD })
      if (signedIn.kind !== 'ok') throw new Error(`set-up sign-in failed: ${JSON.stringify(signedIn)}`)
      return { email, userId: String(created.body['$id']), session: String(signedIn.body['__session']) }
    }
    const prefsUsers = await Promise.all(Array.from({ length: options.prefsWorkers ?? 4 }, (_, i) => setUpUser(`prefs${i}`)))
    const mfaUser = await setUpUser('mfa')
    const sessionsUser = await setUpUser('sessions')
    const users = { prefs: prefsUsers, mfa: mfaUser, sessions: { email: sessionsUser.email } }
    const ledger: Ledger = {
      signUpsAcked: new Set(),
      signUpsLost: new Set(),
      signUpsSent: 0,
      prefs: new Map(prefsUsers.map((u) => [u.userId, { acked: 0, sent: 0 }])),
      mfa: { acked: false, lost: null },
      sessionsLive: new Set(),
      sessionsDeleted: new Set(),
      sessionsUncertain: new Set(),
      acked: 0,
      lost: 0,
    }
    const seq = { n: 0 }

    for (let kill = 1; kill <= options.kills; kill++) {
      const stop = { stopped: false }
      const workers = runWorkload(client, users, ledger, stop, seq)
      const failures: string[] = []
      const settled = Promise.all(workers.map((w) => w.catch((error: unknown) => void failures.push(error instanceof Error ? error.message : String(error)))))
      // A write must be going on when the kill lands: wait for the first acked write, then a random moment.
      const ackedBefore = ledger.acked
      const deadline = Date.now() + 10_000
      while (ledger.acked === ackedBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
      await new Promise((r) => setTimeout(r, minMs + Math.random() * (maxMs - minMs)))
      await killHard(server)
      stop.stopped = true
      await settled
      if (failures.length > 0) violations.push(...failures.map((f) => `kill ${kill}: ${f}`))

      const checked = verify(dbFile, ledger, users)
      if (checked.integrity === 'ok') integrityOk++
      violations.push(...checked.violations.map((v) => `kill ${kill}: ${v}`))

      server = await startServer(cli, dataDir)
      restartMs.push(Math.round(server.startMs))
      restartCpuMs.push(Math.round(server.startCpuMs))
      client.url = server.url
      log(
        `kill ${kill}/${options.kills}: integrity ${checked.integrity}, ${ledger.acked} acked writes, restart ${Math.round(server.startMs)} ms (${Math.round(server.startCpuMs)} ms CPU)${checked.violations.length > 0 ? `, ${checked.violations.length} violations` : ''}`,
      )
    }
    return { kills: options.kills, ackedWrites: ledger.acked, inFlightAtKill: ledger.lost, integrityOk, violations, restartMs, restartCpuMs }
  } finally {
    await killHard(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
