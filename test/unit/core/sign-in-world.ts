/**
 * A world for the sign-in tests: the real core (createCore) over the real sandbox, a secret store
 * that plays the OS keychain (kind `keychain`, in memory), every event the core emits, and ways
 * to act as "another device" or "the person reading the mail".
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OutboxMessage } from '../../../src-shared/appwrite'
import type { AppStatus, EventName, EventPayloads, Result } from '../../../src-shared/ipc'
import { createCore, type Core, type DesktopNotification, type Host, type RunningSandbox } from '../../../src-main/core'
import type { SecretStore } from '../../../src-main/core/secrets/secret-store'
import { startServer, type SandboxOptions, type SandboxServer } from '../../../src-server'

/** Stands in for the OS keychain: same contract, kind `keychain`, values in a Map we can inspect. */
export { FakeKeychain } from './fake-keychain'
import { FakeKeychain } from './fake-keychain'

export interface EmittedEvent<E extends EventName = EventName> {
  readonly name: E
  readonly payload: EventPayloads[E]
}

export interface WorldOptions {
  /** Sandbox options for the Local sandbox profile's server (e.g. an OAuth provider). */
  readonly sandbox?: Partial<SandboxOptions>
  readonly openSecretStore?: () => Promise<SecretStore>
  /** Replaces the clock core sees (flows and session expiry); default Date.now. */
  readonly now?: () => number
}

export class SignInWorld {
  readonly events: EmittedEvent[] = []
  readonly opened: string[] = []
  /** What core put on the clipboard, in order. */
  readonly copied: string[] = []
  readonly notified: DesktopNotification[] = []
  readonly keychain = new FakeKeychain()
  core!: Core
  sandbox!: SandboxServer
  /** Called with every URL the core opens "in the system browser". */
  onOpenExternal: (url: string) => void = () => undefined
  private constructor(
    readonly dataDir: string,
    private readonly options: WorldOptions,
  ) {}

  static async create(options: WorldOptions = {}): Promise<SignInWorld> {
    const world = new SignInWorld(await mkdtemp(join(tmpdir(), 'ac-signin-')), options)
    await world.boot()
    return world
  }

  host(): Host {
    return {
      dataDir: this.dataDir,
      appVersion: 'test',
      openExternal: async (url) => {
        this.opened.push(url)
        this.onOpenExternal(url)
      },
      emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void this.events.push({ name, payload } as EmittedEvent),
      saveFile: async () => null,
      notify: (notification) => void this.notified.push(notification),
      copyText: async (text) => void this.copied.push(text),
      clearClipboardIf: async () => undefined,
      registerUrlScheme: () => undefined,
      log: () => undefined,
      now: this.options.now ?? (() => Date.now()),
    }
  }

  /** Starts (or restarts) the app with the same data folder and keychain. */
  async boot(): Promise<void> {
    this.core = await createCore(this.host(), {
      openSecretStore: this.options.openSecretStore ?? (async () => this.keychain),
      startSandbox: async (dir): Promise<RunningSandbox> => {
        this.sandbox = await startServer({ port: 0, rateLimits: false, ...this.options.sandbox, dataDir: dir })
        return this.sandbox
      },
    })
  }

  async restart(): Promise<void> {
    await this.core.dispose()
    await this.boot()
  }

  async close(): Promise<void> {
    await this.core.dispose()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  async call<T>(method: string, arg?: unknown): Promise<T> {
    return ok<T>(await this.core.invoke(method, arg))
  }

  async fail(method: string, arg?: unknown): Promise<{ type: string; code: number; message: string }> {
    const result = await this.core.invoke(method, arg)
    if (result.ok) throw new Error(`${method} was expected to fail, got ${JSON.stringify(result.data)}`)
    return result.error
  }

  async status(): Promise<AppStatus> {
    return this.call<AppStatus>('app.getStatus')
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

  eventsNamed<E extends EventName>(name: E): EventPayloads[E][] {
    return this.events.filter((e): e is EmittedEvent<E> => e.name === name).map((e) => e.payload)
  }

  /** The session value stored for a user of a profile (keychain stand-in), decoded. */
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

export function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.data as T
}

/** A raw Appwrite request, as another device or a browser would make it. */
export async function appwrite(
  endpoint: string,
  method: string,
  path: string,
  options: { project?: string; session?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown>; session: string | null }> {
  const project = options.project ?? 'local'
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: {
      'X-Appwrite-Project': project,
      'Content-Type': 'application/json',
      ...(options.session ? { 'X-Appwrite-Session': options.session } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  const fallback = response.headers.get('x-fallback-cookies')
  let session: string | null = null
  if (fallback && fallback.startsWith('{')) session = (JSON.parse(fallback) as Record<string, string>)[`a_session_${project}`] ?? null
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, session }
}

/** Signs a user up and in on "another device"; answers that device's session value. */
export async function otherDevice(endpoint: string, email: string, password: string, project = 'local'): Promise<string> {
  const created = await appwrite(endpoint, 'POST', '/account/sessions/email', { project, body: { email, password } })
  if (!created.session) throw new Error(`no session for the other device (${created.status} ${JSON.stringify(created.body)})`)
  return created.session
}
