/**
 * The one world every core test runs in: the real core (createCore) over the real sandbox (rate
 * limits off, as Appwrite's own suite runs), driven through `invoke` exactly as the IPC layer
 * drives it. The keychain is a stand-in kept in memory, and the host records what core asked of
 * the platform: events, URLs opened, the clipboard, notifications and saved files. The helpers
 * below act as the person (sign up, read the mail) or as another device (raw Appwrite calls).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OutboxMessage } from '../../../src-shared/appwrite'
import type { ApiError, AppStatus, AuthState, EventName, EventPayloads, Result } from '../../../src-shared/ipc'
import type { SaveFileRequest } from '../../../src-main/core/host'
import { createCore, type Core, type DesktopNotification, type Host, type RunningSandbox } from '../../../src-main/core'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import type { SecretStore } from '../../../src-main/core/secrets/secret-store'
import { startServer, type SandboxOptions, type SandboxServer } from '../../../src-server'
import { afterEach, beforeEach } from 'vitest'
import type { FaultProxy } from '../../support/fault-proxy'
import { FakeKeychain } from './fake-keychain'

export { FakeKeychain } from './fake-keychain'

export const profileId = SANDBOX_PROFILE_ID
export const PASSWORD = 'correct horse battery'

export interface EmittedEvent<E extends EventName = EventName> {
  readonly name: E
  readonly payload: EventPayloads[E]
}

export interface CoreWorldOptions {
  /** Options for the Local sandbox profile's server: API line, dev key, project config, OAuth. */
  readonly sandbox?: Partial<SandboxOptions>
  /** Core reaches the sandbox through this proxy (the Local sandbox profile's endpoint is the proxy's). */
  readonly faultProxy?: FaultProxy
  /** Core's per-request deadline (CoreDeps.requestTimeoutMs). */
  readonly requestTimeoutMs?: number
  /** Replaces the keychain stand-in (e.g. a store that cannot be opened). */
  readonly openSecretStore?: () => Promise<SecretStore>
  /** Replaces the clock core sees (flows and session expiry); default Date.now. */
  readonly now?: () => number
}

/** Worlds started and not yet closed, so a test's clean-up can close every one it started. */
const openWorlds = new Set<CoreWorld>()

export class CoreWorld {
  readonly events: EmittedEvent[] = []
  /** Every URL core opened "in the system browser". */
  readonly opened: string[] = []
  /** What core put on the clipboard, in order; a clear of its own text shows as ''. */
  readonly clipboard: string[] = []
  /** Desktop notifications core asked for, with their click. */
  readonly notifications: DesktopNotification[] = []
  /** Files core asked the save dialog to write. */
  readonly saved: SaveFileRequest[] = []
  readonly keychain = new FakeKeychain()
  core!: Core
  sandbox!: SandboxServer
  /** Added to the clock, to move the core's time forward. */
  clockOffsetMs = 0
  /** Called with every URL the core opens "in the system browser". */
  onOpenExternal: (url: string) => void = () => undefined
  #cancelNextSave = false

  private constructor(
    readonly dataDir: string,
    private readonly options: CoreWorldOptions,
  ) {}

  static async start(options: CoreWorldOptions = {}): Promise<CoreWorld> {
    const world = new CoreWorld(await mkdtemp(join(tmpdir(), 'ac-core-')), options)
    await world.boot()
    openWorlds.add(world)
    return world
  }

  host(): Host {
    const now = this.options.now ?? (() => Date.now())
    return {
      dataDir: this.dataDir,
      appVersion: 'test',
      openExternal: async (url) => {
        this.opened.push(url)
        this.onOpenExternal(url)
      },
      emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void this.events.push({ name, payload } as EmittedEvent),
      saveFile: async (request) => {
        if (this.#cancelNextSave) {
          this.#cancelNextSave = false
          return null
        }
        this.saved.push(request)
        return join(this.dataDir, 'saved', request.defaultName)
      },
      notify: (notification) => void this.notifications.push(notification),
      copyText: async (text) => void this.clipboard.push(text),
      clearClipboardIf: async (text) => {
        if (this.clipboard.at(-1) === text) this.clipboard.push('')
      },
      registerUrlScheme: () => undefined,
      log: () => undefined,
      now: () => now() + this.clockOffsetMs,
    }
  }

  /** Starts (or restarts) the app with the same data folder and keychain. */
  async boot(): Promise<void> {
    const { faultProxy, requestTimeoutMs } = this.options
    this.core = await createCore(this.host(), {
      openSecretStore: this.options.openSecretStore ?? (async () => this.keychain),
      startSandbox: async (dir): Promise<RunningSandbox> => {
        const server = await startServer({ port: 0, rateLimits: false, ...this.options.sandbox, dataDir: dir })
        this.sandbox = server
        if (!faultProxy) return server
        faultProxy.setTarget(new URL(server.url).origin)
        return {
          url: `${faultProxy.origin}${new URL(server.url).pathname}`,
          outbox: () => server.outbox(),
          settings: () => server.settings(),
          updateSettings: (patch) => server.updateSettings(patch),
          close: () => server.close(),
        }
      },
      ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    })
  }

  async restart(): Promise<void> {
    await this.core.dispose()
    await this.boot()
  }

  async close(): Promise<void> {
    openWorlds.delete(this)
    await this.core.dispose()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** The save dialog is cancelled once. */
  cancelNextSave(): void {
    this.#cancelNextSave = true
  }

  async call<T>(method: string, arg?: unknown): Promise<T> {
    return expectOk<T>(await this.core.invoke(method, arg))
  }

  async fail(method: string, arg?: unknown): Promise<ApiError> {
    return expectError(await this.core.invoke(method, arg))
  }

  async status(): Promise<AppStatus> {
    return (await this.call<{ status: AppStatus }>('app.start')).status
  }

  /** The Local sandbox profile's endpoint as core reaches it (the proxy's, when there is one). */
  async endpoint(): Promise<string> {
    const sandbox = (await this.status()).profiles.find((p) => p.id === profileId)
    if (!sandbox) throw new Error('no sandbox profile')
    return sandbox.endpoint
  }

  /** The newest outbox message to `to`, read like the person would (the sandbox's outbox, in-process as the Dev Mailbox reads it). */
  async lastMessageTo(to: string): Promise<OutboxMessage> {
    const message = (await this.sandbox.outbox()).find((m) => m.to === to)
    if (!message) throw new Error(`no message to ${to}`)
    return message
  }

  /** The link in the newest message to `to`. */
  async linkSentTo(to: string): Promise<string> {
    const body = (await this.lastMessageTo(to)).body
    const link = /[a-z][a-z0-9+.-]*:\/\/\S+/i.exec(body)?.[0]
    if (!link) throw new Error(`no link in the message to ${to}`)
    return link
  }

  async codeSentTo(to: string): Promise<string> {
    const code = /\b\d{6}\b/.exec((await this.lastMessageTo(to)).body)?.[0]
    if (!code) throw new Error(`no code in the message to ${to}`)
    return code
  }

  /** The last SMS the sandbox sent to `phone`: its 6-digit code. */
  async lastSmsCode(phone: string): Promise<string> {
    const message = (await this.sandbox.outbox()).find((m) => m.channel === 'sms' && m.to === phone)
    const found = message ? /\b(\d{6})\b/.exec(message.body) : null
    if (!found?.[1]) throw new Error(`no SMS code for ${phone}`)
    return found[1]
  }

  eventsNamed<E extends EventName>(name: E): EventPayloads[E][] {
    return this.events.filter((e): e is EmittedEvent<E> => e.name === name).map((e) => e.payload)
  }

  /** The session value core keeps for a user of the sandbox profile (to act as "another client" in a test). */
  async sessionValue(userId: string): Promise<string> {
    const value = await this.keychain.get(`${profileId}|local|${userId}`)
    if (!value) throw new Error('no stored session')
    return value
  }

  /** The session value stored for a user of any profile (keychain stand-in), decoded. */
  storedSession(userId: string): { key: string; value: string; secret: string } | null {
    for (const [key, value] of this.keychain.values) {
      if (key.endsWith(`|${userId}`)) {
        const decoded = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { secret: string }
        return { key, value, secret: decoded.secret }
      }
    }
    return null
  }
}

/**
 * A fresh world before each test of the file, handed to `use`; after the test, every world it
 * started (this one and any it started itself) is closed.
 */
export function worldForEachTest(use: (world: CoreWorld) => void, options: CoreWorldOptions = {}): void {
  beforeEach(async () => use(await CoreWorld.start(options)))
  afterEach(closeOpenWorlds)
}

/** Closes every world started and not yet closed. */
export async function closeOpenWorlds(): Promise<void> {
  for (const world of [...openWorlds]) await world.close()
}

/** Polls `check` until it answers something, with a deadline (for what core does in the background). */
export async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met before the deadline')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
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

/** Signs up a fresh account on the sandbox profile (remembered) and returns its state. */
export async function signUp(world: CoreWorld, email = uniqueEmail('user'), name = 'Grace Hopper'): Promise<AuthState> {
  return world.call<AuthState>('auth.signUp', { profileId, name, email, password: PASSWORD })
}

/** Signs up a fresh account on the sandbox profile; returns its user id. */
export async function signUpUser(world: CoreWorld, email = uniqueEmail('user'), name = 'Grace Hopper'): Promise<string> {
  const state = await signUp(world, email, name)
  if (!state.account) throw new Error('signed up without an account')
  return state.account.$id
}

export const OTHER_DEVICE_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

export interface RawAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
  readonly headers: Headers
  /** The session value from `X-Fallback-Cookies`, when the answer set one. */
  readonly session: string | null
}

/** A raw Appwrite request to `endpoint`, as another device, app or browser would make it. */
export async function appwrite(
  endpoint: string,
  method: string,
  path: string,
  options: { project?: string; session?: string; jwt?: string; body?: unknown; userAgent?: string } = {},
): Promise<RawAnswer> {
  const project = options.project ?? 'local'
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: {
      'X-Appwrite-Project': project,
      'Content-Type': 'application/json',
      ...(options.session ? { 'X-Appwrite-Session': options.session } : {}),
      ...(options.jwt ? { 'X-Appwrite-JWT': options.jwt } : {}),
      ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  const fallback = response.headers.get('x-fallback-cookies')
  const session = fallback?.startsWith('{') ? ((JSON.parse(fallback) as Record<string, string>)[`a_session_${project}`] ?? null) : null
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers, session }
}

/** Calls the world's sandbox directly (not through a fault proxy), as another device or app would. */
export async function sandboxFetch(
  world: CoreWorld,
  method: string,
  path: string,
  options: { session?: string; jwt?: string; body?: unknown; userAgent?: string } = {},
): Promise<RawAnswer> {
  return appwrite(world.sandbox.url, method, path, options)
}

/** A raw Account API call with the session core stored for `userId`, for steps no handler under test covers. */
export async function rawCall(world: CoreWorld, userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return appwrite(await world.endpoint(), method, path, { session: await world.sessionValue(userId), body })
}

/** Signs a user in on "another device"; answers that device's session value. */
export async function otherDevice(endpoint: string, email: string, password: string, project = 'local', userAgent?: string): Promise<string> {
  const created = await appwrite(endpoint, 'POST', '/account/sessions/email', { project, body: { email, password }, ...(userAgent ? { userAgent } : {}) })
  if (!created.session) throw new Error(`no session for the other device (${created.status} ${JSON.stringify(created.body)})`)
  return created.session
}

/** Signs the same account in on the world's sandbox from "another device"; returns that session's value. */
export async function signInElsewhere(world: CoreWorld, email: string, password = PASSWORD): Promise<string> {
  return otherDevice(world.sandbox.url, email, password, 'local', OTHER_DEVICE_UA)
}

/**
 * Signs the sandbox profile in to a brand-new anonymous account. Core's own anonymous sign-in
 * belongs to the sign-in area; this puts the session where core keeps sessions (secret store +
 * profile file) and restarts, as a remembered sign-in looks after a restart.
 */
export async function signInAnonymouslyByHand(world: CoreWorld): Promise<string> {
  const created = await sandboxFetch(world, 'POST', '/account/sessions/anonymous', { body: {} })
  if (created.status !== 201 || !created.session) throw new Error(`anonymous sign-in failed: ${created.status}`)
  const userId = String(created.body['userId'])
  await world.keychain.set(`${profileId}|local|${userId}`, created.session)
  await world.core.dispose()
  await writeFile(
    join(world.dataDir, 'profiles.json'),
    JSON.stringify({ version: 1, activeProfileId: profileId, profiles: [], signedIn: { [profileId]: { userId } } }),
  )
  await world.restart()
  return userId
}
