/**
 * The core end to end without Electron or a browser: createCore with a memory secret store and
 * the real sandbox, driven through `invoke` exactly as the IPC layer drives it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuthState, EventName, EventPayloads, Result, Startup } from '../../../src-shared/ipc'
import { createCore, type Core, type DesktopNotification, type Host } from '../../../src-main/core'
import { MemorySecretStore, type SecretStore } from '../../../src-main/core/secrets/secret-store'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { startServer } from '../../../src-server'

let dataDir: string
let core: Core
let secrets: MemorySecretStore
let events: Array<{ name: EventName; payload: unknown }>
let schemes: string[]
const notified: DesktopNotification[] = []

function host(dir: string): Host {
  return {
    dataDir: dir,
    appVersion: 'test',
    openExternal: async () => undefined,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void events.push({ name, payload }),
    saveFile: async () => null,
    notify: (notification) => void notified.push(notification),
    copyText: async () => undefined,
    clearClipboardIf: async () => undefined,
    registerUrlScheme: (scheme) => void schemes.push(scheme),
    log: () => undefined,
    now: () => Date.now(),
  }
}

async function boot(store: SecretStore = secrets): Promise<Core> {
  return createCore(host(dataDir), {
    openSecretStore: async () => store,
    startSandbox: (dir) => startServer({ dataDir: dir, port: 0, rateLimits: false }),
  })
}

function expectOk<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.data as T
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ac-core-'))
  secrets = new MemorySecretStore()
  events = []
  schemes = []
  core = await boot()
})

afterEach(async () => {
  await core.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

const profileId = SANDBOX_PROFILE_ID
const email = 'grace@example.com'
const password = 'correct horse battery'

describe('core', () => {
  it('starts with the Local sandbox profile selected', async () => {
    const status = expectOk<{ status: { activeProfileId: string; profiles: Array<{ label: string; endpoint: string }> } }>(
      await core.invoke('app.start', undefined),
    ).status
    expect(status.activeProfileId).toBe(profileId)
    expect(status.profiles[0]).toMatchObject({ label: 'Local sandbox', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/) })
  })

  it('answers app.start with the status and the active profile’s checked session, in one call', async () => {
    const first = expectOk<Startup>(await core.invoke('app.start', undefined))
    expect(first.status.activeProfileId).toBe(profileId)
    expect(first.status.profiles[0]?.label).toBe('Local sandbox')
    expect(first.auth).toEqual({ ok: true, data: { profileId, status: 'signed-out', account: null } })

    expectOk(await core.invoke('auth.signUp', { profileId, name: 'Grace', email, password }))
    await core.dispose()
    core = await boot()
    const again = expectOk<Startup>(await core.invoke('app.start', undefined))
    expect(again.auth).toMatchObject({ ok: true, data: { profileId, status: 'signed-in', account: { email } } })

    const refused = await core.invoke('app.start', { profileId })
    expect(refused).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
  })

  it('still gives the status from app.start when the session check fails', async () => {
    expectOk(await core.invoke('auth.signUp', { profileId, name: 'Grace', email, password }))
    await core.dispose()
    // The keychain passes the start-up probe, then refuses to read the stored session.
    let locked = false
    const lockable: SecretStore = {
      kind: secrets.kind,
      get: async (key) => {
        if (locked) throw new Error('The keychain is locked.')
        return secrets.get(key)
      },
      set: (key, value) => secrets.set(key, value),
      delete: (key) => secrets.delete(key),
    }
    core = await boot(lockable)
    locked = true

    const startup = expectOk<Startup>(await core.invoke('app.start', undefined))

    expect(startup.status.activeProfileId).toBe(profileId)
    expect(startup.auth.ok).toBe(false)
  })

  it('signs up, stores the session only in the secret store, and survives a restart', async () => {
    const state = expectOk<AuthState>(await core.invoke('auth.signUp', { profileId, name: 'Grace', email, password }))
    expect(state).toMatchObject({ status: 'signed-in', account: { email, name: 'Grace' } })
    const userId = state.account!.$id
    const key = `local-sandbox|local|${userId}`
    const value = await secrets.get(key)
    expect(value).toBeTruthy()
    const decoded = JSON.parse(Buffer.from(value!, 'base64').toString()) as { id: string; secret: string }
    expect(decoded.id).toBe(userId)
    expect(JSON.stringify(state)).not.toContain(decoded.secret)
    expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(decoded.secret)
    expect(events.some((e) => e.name === 'authChanged')).toBe(true)

    await core.dispose()
    core = await boot()
    const again = expectOk<AuthState>(await core.invoke('auth.getState', { profileId }))
    expect(again).toMatchObject({ status: 'signed-in', account: { $id: userId } })
  })

  it('signs out: the server session ends and the secret is deleted', async () => {
    const state = expectOk<AuthState>(await core.invoke('auth.signUp', { profileId, name: '', email, password }))
    const key = `local-sandbox|local|${state.account!.$id}`
    const value = (await secrets.get(key))!
    expectOk(await core.invoke('auth.signOut', { profileId }))
    expect(await secrets.get(key)).toBeNull()
    // The old session value no longer works on the server.
    const status = expectOk<{ status: { profiles: Array<{ endpoint: string }> } }>(await core.invoke('app.start', undefined)).status
    const res = await fetch(`${status.profiles[0]!.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'local', 'X-Appwrite-Session': value } })
    expect(res.status).toBe(401)
  })

  it('returns Appwrite errors as values with type, code and message', async () => {
    expectOk(await core.invoke('auth.signUp', { profileId, name: '', email, password }))
    expectOk(await core.invoke('auth.signOut', { profileId }))
    const wrong = await core.invoke('auth.signInWithPassword', { profileId, email, password: 'not the password' })
    expect(wrong).toEqual({ ok: false, error: { type: 'user_invalid_credentials', code: 401, message: expect.any(String) } })
    const taken = await core.invoke('auth.signUp', { profileId, name: '', email, password })
    expect(taken).toMatchObject({ ok: false, error: { type: 'user_already_exists', code: 409 } })
  })

  it('validates every argument before anything runs', async () => {
    const cases: Array<[string, unknown]> = [
      ['auth.signInWithPassword', undefined],
      ['auth.signInWithPassword', 'a string'],
      ['auth.signInWithPassword', { profileId, email }],
      ['auth.signInWithPassword', { profileId, email: 42, password }],
      ['auth.signInWithPassword', { profileId, email, password, extra: true }],
      ['auth.signInWithPassword', { profileId, email, password: 'x'.repeat(300) }],
      ['auth.getState', { profileId: '' }],
      ['app.start', { unexpected: 1 }],
    ]
    for (const [key, arg] of cases) {
      const result = await core.invoke(key, arg)
      expect(result, `${key} ${JSON.stringify(arg)}`).toMatchObject({ ok: false, error: { type: 'invalid_argument', code: 0 } })
    }
  })

  it('refuses unknown methods and unknown profiles', async () => {
    expect(await core.invoke('__proto__', {})).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    expect(await core.invoke('auth.deleteEverything', {})).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    expect(await core.invoke('auth.getState', { profileId: 'nope' })).toMatchObject({ ok: false, error: { type: 'no_profile' } })
  })

  it('keeps the session when the server cannot be reached, and reports offline', async () => {
    const state = expectOk<AuthState>(await core.invoke('auth.signUp', { profileId, name: '', email, password }))
    const key = `local-sandbox|local|${state.account!.$id}`
    // Stop the sandbox under the running core: the next check sees no answer at all.
    await core.dispose()
    const offline = expectOk<AuthState>(await core.invoke('auth.getState', { profileId }))
    expect(offline.status).toBe('offline')
    expect(await secrets.get(key)).not.toBeNull()
  })

  it('treats a stored session the server no longer knows as signed out, and forgets it', async () => {
    const state = expectOk<AuthState>(await core.invoke('auth.signUp', { profileId, name: '', email, password }))
    const key = `local-sandbox|local|${state.account!.$id}`
    await secrets.set(key, Buffer.from(JSON.stringify({ id: state.account!.$id, secret: 'f'.repeat(256) })).toString('base64'))
    const after = expectOk<AuthState>(await core.invoke('auth.getState', { profileId }))
    expect(after.status).toBe('signed-out')
    expect(await secrets.get(key)).toBeNull()
  })

  it('sets an unreadable profile file aside instead of losing it, and restores the last good copy', async () => {
    await core.dispose()
    await writeFile(join(dataDir, 'profiles.json'), '{ not json')
    core = await boot()
    // Told at start-up (no window listens yet when main starts): the damaged file is kept aside
    // and the last good copy, written at the first start, comes back (docs/reliability.md §6).
    const startup = expectOk<{ notices: Array<{ level: string; message: string }> }>(await core.invoke('app.start', undefined))
    expect(startup.notices).toEqual([
      { level: 'warning', message: expect.stringMatching(/last good copy .* was restored\. The damaged file was kept as .*profiles\.json\.unreadable-/) },
    ])
    const status = expectOk<{ status: { profiles: unknown[] } }>(await core.invoke('app.start', undefined)).status
    expect(status.profiles).toHaveLength(1)
  })

  it('tells about an unreadable pending sign-ins file through app.start, not as an event no window hears', async () => {
    await core.dispose()
    await writeFile(join(dataDir, 'pending-flows.json'), '{ "version": 1, "flows": [ half')
    events = []
    core = await boot()
    const startup = expectOk<Startup>(await core.invoke('app.start', undefined))
    expect(startup.notices).toEqual([
      {
        level: 'warning',
        message: expect.stringMatching(/waiting when the app last closed could not be read .*pending-flows\.json\.unreadable-\d+.*start again/),
      },
    ])
    expect(events.filter((e) => e.name === 'notice')).toEqual([])
    // nothing lost: the damaged file is kept beside the new one
    const kept = (await readdir(dataDir)).filter((name) => name.startsWith('pending-flows.json.unreadable-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dataDir, kept[0]!), 'utf8')).toBe('{ "version": 1, "flows": [ half')
  })

  it('drops deep links that match no pending flow, with a notice', async () => {
    await core.handleDeepLink('account-console://magic-url?flow=abcdefghijklmnopqrst&userId=u&secret=s')
    await core.handleDeepLink('https://evil.example/')
    const notices = events.filter((e) => e.name === 'notice')
    expect(notices).toHaveLength(2)
  })

  it('asks the OS for the appwrite-callback scheme of profiles that use it, now and after a restart', async () => {
    const input = {
      label: 'Cloud',
      endpoint: 'https://cloud.example.com/v1',
      projectId: 'Demo-Project',
      redirectStrategy: 'appwrite-callback',
      oauthProviders: [],
    }
    expectOk(await core.invoke('profiles.add', input))
    expectOk(await core.invoke('profiles.add', { ...input, label: 'Other', projectId: 'other', redirectStrategy: 'scheme' }))
    expect(schemes).toEqual(['appwrite-callback-demo-project'])
    await core.dispose()
    schemes = []
    core = await boot()
    expect(schemes).toEqual(['appwrite-callback-demo-project'])
  })

  it('refuses, with the reason, an appwrite-callback profile whose project id makes no URL scheme', async () => {
    const input = {
      label: 'Cloud',
      endpoint: 'https://cloud.example.com/v1',
      projectId: 'demo_project',
      redirectStrategy: 'appwrite-callback',
      oauthProviders: [],
    }
    const added = await core.invoke('profiles.add', input)
    expect(added).toMatchObject({ ok: false, error: { type: 'invalid_argument', message: expect.stringContaining('appwrite-callback-demo_project://') } })
    const ok = expectOk<{ profiles: Array<{ id: string }> }>(await core.invoke('profiles.add', { ...input, redirectStrategy: 'scheme' }))
    const updated = await core.invoke('profiles.update', { ...input, profileId: ok.profiles.at(-1)!.id })
    expect(updated).toMatchObject({ ok: false, error: { type: 'invalid_argument', message: expect.stringContaining('Choose "App link" or "Local address"') } })
    expect(schemes).toEqual([])
  })

  it('refuses a remote http:// endpoint with a reason, and keeps loopback http://', async () => {
    const input = { label: 'Plain', endpoint: 'http://appwrite.example.com/v1', projectId: 'demo', redirectStrategy: 'scheme', oauthProviders: [] }
    expect(await core.invoke('profiles.add', input)).toMatchObject({
      ok: false,
      error: { type: 'invalid_argument', message: expect.stringContaining('Use https://') },
    })
    expectOk(await core.invoke('profiles.add', { ...input, endpoint: 'http://localhost:8080/v1' }))
  })
})
