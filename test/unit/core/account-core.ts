/**
 * Shared set-up for the account-area core tests: createCore with a memory secret store and the
 * real sandbox (rate limits off, as Appwrite's own suite runs), driven through `invoke` exactly as
 * the IPC layer drives it, with the host's events and clipboard recorded.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiError, AuthState, EventName, EventPayloads, Result } from '../../../src-shared/ipc'
import { createCore, type Core, type DesktopNotification, type Host } from '../../../src-main/core'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { startServer, type AppwriteVersionOption, type SandboxServer } from '../../../src-server'
import type { FaultProxy } from '../../support/fault-proxy'

export const profileId = SANDBOX_PROFILE_ID
export const PASSWORD = 'correct horse battery'

/**
 * The OS keychain, kept in memory: it answers like a working keychain (`kind: 'keychain'`), so
 * core keeps remembered sessions in it and a test can read them back as another device would.
 */
/** The shared keychain stand-in, under the name these tests use. */
export { FakeKeychain as InMemoryKeychain } from './fake-keychain'
import { FakeKeychain as InMemoryKeychain } from './fake-keychain'

export interface RecordedEvent {
  readonly name: EventName
  readonly payload: unknown
}

export interface AccountCore {
  core: Core
  sandbox: SandboxServer
  readonly dataDir: string
  readonly secrets: InMemoryKeychain
  readonly events: RecordedEvent[]
  readonly clipboard: string[]
  /** Desktop notifications core asked for, with their click. */
  readonly notifications: DesktopNotification[]
  /** Added to the real clock, to move the core's time forward. */
  clockOffsetMs: number
  /** Restarts the core on the same data folder and secret store. */
  restart(): Promise<void>
  dispose(): Promise<void>
}

export interface AccountCoreOptions {
  /** The API line the sandbox speaks (default `both`, as the app's own). */
  readonly appwriteVersion?: AppwriteVersionOption
  /** Core reaches the sandbox through this proxy (the Local sandbox profile's endpoint is the proxy's). */
  readonly faultProxy?: FaultProxy
  /** Core's per-request deadline (CoreDeps.requestTimeoutMs). */
  readonly requestTimeoutMs?: number
  /** Opens the sandbox's `/v1/dev/*` routes with this `X-Sandbox-Dev-Key` (the app's own has none). */
  readonly devKey?: string
}

export async function startAccountCore(options: AccountCoreOptions = {}): Promise<AccountCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-account-'))
  const secrets = new InMemoryKeychain()
  const events: RecordedEvent[] = []
  const clipboard: string[] = []
  const notifications: DesktopNotification[] = []
  let sandbox: SandboxServer | null = null
  const state = { clockOffsetMs: 0 }

  const host: Host = {
    dataDir,
    appVersion: 'test',
    openExternal: async () => undefined,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void events.push({ name, payload }),
    saveFile: async () => null,
    notify: (notification) => void notifications.push(notification),
    copyText: async (text) => void clipboard.push(text),
    clearClipboardIf: async (text) => {
      if (clipboard.at(-1) === text) clipboard.push('')
    },
    registerUrlScheme: () => undefined,
    log: () => undefined,
    now: () => Date.now() + state.clockOffsetMs,
  }
  const boot = () =>
    createCore(host, {
      openSecretStore: async () => secrets,
      startSandbox: async (dir) => {
        const server = await startServer({ dataDir: dir, port: 0, rateLimits: false, ...(options.appwriteVersion ? { appwriteVersion: options.appwriteVersion } : {}), ...(options.devKey ? { devKey: options.devKey } : {}) })
        sandbox = server
        const proxy = options.faultProxy
        if (!proxy) return server
        proxy.setTarget(new URL(server.url).origin)
        return { url: `${proxy.origin}${new URL(server.url).pathname}`, outbox: () => server.outbox(), settings: () => server.settings(), updateSettings: (patch) => server.updateSettings(patch), close: () => server.close() }
      },
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    })
  const core = await boot()
  const harness: AccountCore = {
    core,
    sandbox: sandbox!,
    dataDir,
    secrets,
    events,
    clipboard,
    notifications,
    get clockOffsetMs() {
      return state.clockOffsetMs
    },
    set clockOffsetMs(value: number) {
      state.clockOffsetMs = value
    },
    async restart() {
      await harness.core.dispose()
      harness.core = await boot()
      harness.sandbox = sandbox!
    },
    async dispose() {
      await harness.core.dispose()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return harness
}

export function expectOk<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.data as T
}

export function expectError(result: Result<unknown>): ApiError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`)
  return result.error
}

let counter = 0
export function uniqueEmail(tag: string): string {
  counter += 1
  return `${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

/** Signs up a fresh account on the sandbox profile and returns its state. */
export async function signUp(harness: AccountCore, email = uniqueEmail('user'), name = 'Grace Hopper'): Promise<AuthState> {
  return expectOk<AuthState>(await harness.core.invoke('auth.signUp', { profileId, name, email, password: PASSWORD }))
}

/** The session value core keeps for the signed-in user (to act as "another client" in a test). */
export async function storedSession(harness: AccountCore, userId: string): Promise<string> {
  const value = await harness.secrets.get(`${profileId}|local|${userId}`)
  if (!value) throw new Error('no stored session')
  return value
}

/** Calls the sandbox directly, as another device or app would. */
export async function sandboxFetch(
  harness: AccountCore,
  method: string,
  path: string,
  options: { session?: string; jwt?: string; body?: unknown; userAgent?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'X-Appwrite-Project': 'local', 'Content-Type': 'application/json' }
  if (options.session) headers['X-Appwrite-Session'] = options.session
  if (options.jwt) headers['X-Appwrite-JWT'] = options.jwt
  if (options.userAgent) headers['User-Agent'] = options.userAgent
  const response = await fetch(`${harness.sandbox.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers }
}

export const OTHER_DEVICE_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

/** Signs the same account in from "another device"; returns that session's value. */
export async function signInElsewhere(harness: AccountCore, email: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${harness.sandbox.url}/account/sessions/email`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': 'local', 'Content-Type': 'application/json', 'User-Agent': OTHER_DEVICE_UA },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201) throw new Error(`sign-in elsewhere failed: ${response.status} ${await response.text()}`)
  const fallback = response.headers.get('x-fallback-cookies')
  if (!fallback) throw new Error('no X-Fallback-Cookies')
  const value = (JSON.parse(fallback) as Record<string, string>)['a_session_local']
  if (!value) throw new Error('no session in X-Fallback-Cookies')
  return value
}

/**
 * Signs the sandbox profile in to a brand-new anonymous account. Core's own anonymous sign-in
 * belongs to the sign-in area; this puts the session where core keeps sessions (secret store +
 * profile file) and restarts, as a remembered sign-in looks after a restart.
 */
export async function signInAnonymouslyByHand(harness: AccountCore): Promise<string> {
  const response = await fetch(`${harness.sandbox.url}/account/sessions/anonymous`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': 'local', 'Content-Type': 'application/json' },
    body: '{}',
  })
  if (response.status !== 201) throw new Error(`anonymous sign-in failed: ${response.status}`)
  const session = (await response.json()) as { userId: string }
  const value = (JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_local']
  if (!value) throw new Error('no session value')
  await harness.secrets.set(`${profileId}|local|${session.userId}`, value)
  await harness.core.dispose()
  await writeFile(
    join(harness.dataDir, 'profiles.json'),
    JSON.stringify({ version: 1, activeProfileId: profileId, profiles: [], signedIn: { [profileId]: { userId: session.userId } } }),
  )
  await harness.restart()
  return session.userId
}

/** The last SMS the sandbox sent to `phone`: its 6-digit code. */
export async function lastSmsCode(harness: AccountCore, phone: string): Promise<string> {
  const message = (await harness.sandbox.outbox()).find((m) => m.channel === 'sms' && m.to === phone)
  const found = message ? /\b(\d{6})\b/.exec(message.body) : null
  if (!found?.[1]) throw new Error(`no SMS code for ${phone}`)
  return found[1]
}
