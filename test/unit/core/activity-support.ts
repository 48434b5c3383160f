/**
 * Test support for the activity/identities/MFA/targets handlers: the real core (createCore) over
 * the real sandbox, a memory secret store, and a host that records saved files and events.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuthState, EventName, EventPayloads, Result } from '../../../src-shared/ipc'
import type { SaveFileRequest } from '../../../src-main/core/host'
import { createCore, type Core, type DesktopNotification, type Host } from '../../../src-main/core'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { startServer, type ProjectConfig } from '../../../src-server'

export const profileId = SANDBOX_PROFILE_ID
export const PASSWORD = 'correct horse battery'

/**
 * Stands in for the OS keychain (kind `keychain`), so sessions are "remembered" where a test can
 * read them, as they are in the app with a working keychain.
 */
/** The shared keychain stand-in, under the name these tests use. */
export { FakeKeychain as TestKeychain } from './fake-keychain'
import { FakeKeychain as TestKeychain } from './fake-keychain'

export interface TestCore {
  readonly core: Core
  readonly secrets: TestKeychain
  readonly dataDir: string
  readonly saved: SaveFileRequest[]
  readonly events: Array<{ name: EventName; payload: unknown }>
  /** What the save dialog answers next: a path (the default) or null (cancelled). */
  cancelNextSave(): void
  /** `http://127.0.0.1:<port>/v1` of the sandbox this core started. */
  endpoint(): Promise<string>
  /** The session value the core stored for the signed-in user (for raw calls a test makes itself). */
  sessionValue(userId: string): Promise<string>
  close(): Promise<void>
}

export async function startTestCore(config: Partial<ProjectConfig> = {}): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-activity-'))
  const secrets = new TestKeychain()
  const saved: SaveFileRequest[] = []
  const events: Array<{ name: EventName; payload: unknown }> = []
  const notified: DesktopNotification[] = []
  let cancel = false
  const host: Host = {
    dataDir,
    appVersion: 'test',
    openExternal: async () => undefined,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void events.push({ name, payload }),
    async saveFile(request) {
      if (cancel) {
        cancel = false
        return null
      }
      saved.push(request)
      return join(dataDir, 'saved', request.defaultName)
    },
    notify: (notification) => void notified.push(notification),
    copyText: async () => undefined,
    clearClipboardIf: async () => undefined,
    registerUrlScheme: () => undefined,
    log: () => undefined,
    now: () => Date.now(),
  }
  const core = await createCore(host, {
    openSecretStore: async () => secrets,
    startSandbox: (dir) => startServer({ dataDir: dir, port: 0, rateLimits: false, config }),
  })
  return {
    core,
    secrets,
    dataDir,
    saved,
    events,
    cancelNextSave: () => void (cancel = true),
    async endpoint() {
      const status = expectOk<{ profiles: Array<{ id: string; endpoint: string }> }>(await core.invoke('app.getStatus', undefined))
      const sandbox = status.profiles.find((p) => p.id === profileId)
      if (!sandbox) throw new Error('no sandbox profile')
      return sandbox.endpoint
    },
    async sessionValue(userId) {
      const value = await secrets.get(`${profileId}|local|${userId}`)
      if (!value) throw new Error('no stored session')
      return value
    },
    async close() {
      await core.dispose()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export function expectOk<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.data as T
}

let counter = 0
export function uniqueEmail(tag: string): string {
  counter += 1
  return `${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

/** Signs up a fresh user through the core; returns its id. */
export async function signUp(t: TestCore, email = uniqueEmail('user'), name = 'Test User'): Promise<string> {
  const state = expectOk<AuthState>(await t.core.invoke('auth.signUp', { profileId, name, email, password: PASSWORD, remember: true }))
  if (!state.account) throw new Error('signed up without an account')
  return state.account.$id
}

/** A raw Account API call with the stored session, for steps no handler under test covers. */
export async function rawCall(t: TestCore, userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${await t.endpoint()}${path}`, {
    method,
    headers: {
      'X-Appwrite-Project': 'local',
      'X-Appwrite-Session': await t.sessionValue(userId),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
}
