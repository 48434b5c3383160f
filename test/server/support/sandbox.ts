/**
 * Test support: a fresh sandbox per test file (own temp data dir, port 0, rate limits off unless
 * asked), plus small helpers to sign in over raw HTTP and to build SDK clients for a session.
 * A test file says `const sandbox = useSandbox(options)` once; a test that needs a sandbox of its
 * own (a restart, another version) calls `withSandbox` and closes it itself.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Account, Client } from 'appwrite'
import type { OutboxMessage } from '../../../src-shared/appwrite'
import { startServer, type SandboxOptions } from '../../../src-server/index'
import { openDatabase, type Database } from '../../../src-server/store/database'
import { hookedFixture } from './fixture-hooks'

export interface TestSandbox {
  /** `http://127.0.0.1:<port>/v1` */
  readonly url: string
  readonly project: string
  readonly dataDir: string
  outbox(): Promise<OutboxMessage[]>
  close(): Promise<void>
}

export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-test-'))
  const server = await startServer({ rateLimits: false, ...options, dataDir })
  return {
    url: server.url,
    project: server.projectId,
    dataDir,
    outbox: () => server.outbox(),
    async close() {
      await server.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The sandbox of the test file (or `describe` block) this is called in: started before its first
 * test, closed after its last. `options` may be a function, for options that exist only once an
 * earlier `beforeAll` has run (a config file, an identity provider's URL).
 */
export function useSandbox(options: Partial<SandboxOptions> | (() => Partial<SandboxOptions> | Promise<Partial<SandboxOptions>>) = {}): TestSandbox {
  const running = hookedFixture(
    'sandbox',
    async () => withSandbox(typeof options === 'function' ? await options() : options),
    (sandbox) => sandbox.close(),
  )
  return {
    get url() {
      return running().url
    },
    get project() {
      return running().project
    },
    get dataDir() {
      return running().dataDir
    },
    outbox: () => running().outbox(),
    close: () => running().close(),
  }
}

/** A web-SDK client for the sandbox, optionally carrying a session value (X-Appwrite-Session). */
export function sdkClient(sandbox: TestSandbox, session?: string): Client {
  const client = new Client().setEndpoint(sandbox.url).setProject(sandbox.project)
  if (session) client.setSession(session)
  return client
}

export function sdkAccount(sandbox: TestSandbox, session?: string): Account {
  return new Account(sdkClient(sandbox, session))
}

export interface RawResponse {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
  readonly text: string
}

/** Raw HTTP call with the project header (unless `project: null`), JSON body by default. */
export async function call(
  sandbox: TestSandbox,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; project?: string | null; rawBody?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.project !== null) headers['X-Appwrite-Project'] = options.project ?? sandbox.project
  let body: string | undefined
  if (options.rawBody !== undefined) body = options.rawBody
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body, redirect: 'manual' })
  const text = await response.text()
  let parsed: unknown = text
  if ((response.headers.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text)
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** The session value handed out in X-Fallback-Cookies by a session-creating response. */
export function sessionFromResponse(sandbox: TestSandbox, response: RawResponse): string {
  const header = response.headers.get('x-fallback-cookies')
  if (!header) throw new Error(`no X-Fallback-Cookies (status ${response.status}): ${response.text}`)
  const value = (JSON.parse(header) as Record<string, string>)[`a_session_${sandbox.project}`]
  if (!value) throw new Error(`X-Fallback-Cookies without a session: ${header}`)
  return value
}

let counter = 0
/** A unique, valid e-mail for this test run. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.com`
}

export const PASSWORD = 'correct-horse-42'

/** Sign up over raw HTTP; returns the created user's id. */
export async function signUp(sandbox: TestSandbox, email: string, password = PASSWORD, name = ''): Promise<string> {
  const response = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email, password, ...(name ? { name } : {}) } })
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`)
  return (response.body as { $id: string }).$id
}

/** Sign in with e-mail and password over raw HTTP; returns the session value. */
export async function signIn(sandbox: TestSandbox, email: string, password = PASSWORD): Promise<string> {
  const response = await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password } })
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${response.text}`)
  return sessionFromResponse(sandbox, response)
}

/** Sign up and sign in; returns user id and session value. */
export async function newUserSession(sandbox: TestSandbox, name = ''): Promise<{ userId: string; email: string; session: string }> {
  const email = uniqueEmail()
  const userId = await signUp(sandbox, email, PASSWORD, name)
  const session = await signIn(sandbox, email)
  return { userId, email, session }
}

/** Poll `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met before the deadline')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Catch an SDK call's AppwriteException (fails the test if it resolves). */
export async function sdkError(promise: Promise<unknown>): Promise<{ code: number; type: string; message: string }> {
  try {
    await promise
  } catch (error) {
    const e = error as { code?: unknown; type?: unknown; message?: unknown }
    if (typeof e.code === 'number' && typeof e.type === 'string') return { code: e.code, type: e.type, message: String(e.message) }
    throw error
  }
  throw new Error('expected the call to fail')
}

/** The latest outbox message to `to`, polled (messages are written before the response, but stay tolerant). */
export async function latestMessage(sandbox: TestSandbox, to: string): Promise<OutboxMessage> {
  return eventually(async () => (await sandbox.outbox()).find((message) => message.to === to))
}

/** `userId` and `secret` from the first link in a message body. */
export function linkParams(body: string): { url: URL; userId: string; secret: string; expire: string; project: string } {
  const match = /\b([a-z][a-z0-9+.-]*:\/\/[^\s]+)/i.exec(body)
  if (!match) throw new Error(`no link in: ${body}`)
  const url = new URL(match[1] as string)
  return {
    url,
    userId: url.searchParams.get('userId') ?? '',
    secret: url.searchParams.get('secret') ?? '',
    expire: url.searchParams.get('expire') ?? '',
    project: url.searchParams.get('project') ?? '',
  }
}

/** The 6-digit code in a message body. */
export function codeIn(body: string): string {
  const match = /\b(\d{6})\b/.exec(body)
  if (!match) throw new Error(`no code in: ${body}`)
  return match[1] as string
}

/** A second connection to the sandbox's database, for arranging state no route can create. */
export function openSandboxDb(sandbox: TestSandbox): Database {
  return openDatabase(sandbox.dataDir)
}

/** Arrange state no route can create over a second connection, closed again when `arrange` returns. */
export function inSandboxDb<T>(sandbox: TestSandbox, arrange: (db: Database) => T): T {
  const db = openSandboxDb(sandbox)
  try {
    return arrange(db)
  } finally {
    db.close()
  }
}
