/**
 * Profiles (add, edit, remove, switch) and the session lifecycle (keep me signed in, sign out
 * everywhere, two profiles at once, offline at start-up, near-expiry extension, blocked account,
 * no keychain), through `invoke` against the real sandbox.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStatus, AuthState, ProfileDTO } from '../../../src-shared/ipc'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { startServer, type SandboxServer } from '../../../src-server'
import { appwrite, otherDevice, CoreWorld, type CoreWorldOptions } from './core-world'

const sandbox = SANDBOX_PROFILE_ID
const email = 'ada@example.com'
const password = 'correct horse battery'

let world: CoreWorld
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await world?.close()
})

async function newWorld(options?: CoreWorldOptions): Promise<CoreWorld> {
  world = await CoreWorld.start(options)
  return world
}

/** A second Appwrite-compatible server with its own project: "another endpoint". */
async function secondServer(projectId = 'other'): Promise<SandboxServer & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ac-second-'))
  const server = await startServer({ dataDir, port: 0, projectId, rateLimits: false })
  cleanups.push(async () => {
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return Object.assign(server, { dataDir })
}

const remote = (endpoint: string, extra: Partial<ProfileDTO> = {}) => ({
  label: 'Staging',
  endpoint,
  projectId: 'other',
  redirectStrategy: 'scheme',
  oauthProviders: [],
  ...extra,
})

describe('profiles', () => {
  it('adds a profile with the endpoint normalized to …/v1 and saves it without secrets', async () => {
    await newWorld()
    const status = await world.call<AppStatus>('profiles.add', remote(' https://appwrite.example.com/ ', { oauthProviders: ['github', 'github', 'oidc'] }))
    const added = status.profiles.find((p) => p.label === 'Staging')
    expect(added).toMatchObject({ endpoint: 'https://appwrite.example.com/v1', projectId: 'other', kind: 'remote', oauthProviders: ['github', 'oidc'] })
    expect(status.profiles[0]?.label).toBe('Local sandbox')
    const file = JSON.parse(await readFile(join(world.dataDir, 'profiles.json'), 'utf8')) as { profiles: ProfileDTO[] }
    expect(file.profiles.map((p) => p.label)).toEqual(['Local sandbox', 'Staging'])

    await world.restart()
    expect((await world.status()).profiles.find((p) => p.id === added?.id)).toMatchObject({ endpoint: 'https://appwrite.example.com/v1' })
  })

  it.each([
    ['an endpoint that is not a URL', { endpoint: 'appwrite dot example' }, /not a valid URL/],
    ['a non-http endpoint', { endpoint: 'ftp://example.com/v1' }, /https:\/\//],
    ['an endpoint with credentials', { endpoint: 'https://u:p@example.com/v1' }, /user name or password/],
    ['an endpoint with a query', { endpoint: 'https://example.com/v1?x=1' }, /query/],
    ['an empty label', { label: '  ' }, /name for the profile/],
    ['a bad project id', { projectId: '-nope' }, /project ID/],
    ['an unknown redirect strategy', { redirectStrategy: 'carrier-pigeon' }, /redirectStrategy/],
    ['a provider that is not a name', { oauthProviders: ['git hub'] }, /OAuth provider/],
  ])('refuses %s with a sentence', async (_label, change, message) => {
    await newWorld()
    const error = await world.fail('profiles.add', { ...remote('https://example.com/v1'), ...change })
    expect(error.type).toBe('invalid_argument')
    expect(error.message).toMatch(message)
  })

  it('refuses a second profile for the same endpoint and project', async () => {
    await newWorld()
    await world.call('profiles.add', remote('https://example.com'))
    const error = await world.fail('profiles.add', remote('https://example.com/v1/', { label: 'Again' }))
    expect(error).toMatchObject({ type: 'invalid_argument', message: expect.stringContaining('Staging') })
  })

  it('keeps the Local sandbox: it cannot be removed, and only its strategy and providers change', async () => {
    await newWorld()
    const before = (await world.status()).profiles[0]!
    expect(await world.fail('profiles.remove', { profileId: sandbox })).toMatchObject({ type: 'invalid_argument' })
    const status = await world.call<AppStatus>('profiles.update', {
      profileId: sandbox,
      ...remote('https://elsewhere.example.com', { label: 'Renamed', projectId: 'nope', redirectStrategy: 'loopback', oauthProviders: ['oidc'] }),
    })
    expect(status.profiles[0]).toEqual({ ...before, redirectStrategy: 'loopback', oauthProviders: ['oidc'] })
    await world.restart()
    expect((await world.status()).profiles[0]).toMatchObject({ label: 'Local sandbox', redirectStrategy: 'loopback', oauthProviders: ['oidc'] })
  })

  it('switches the active profile, and removing the active one falls back to the sandbox', async () => {
    await newWorld()
    const added = (await world.call<AppStatus>('profiles.add', remote('https://example.com'))).profiles[1]!
    expect((await world.call<AppStatus>('profiles.select', { profileId: added.id })).activeProfileId).toBe(added.id)
    const after = await world.call<AppStatus>('profiles.remove', { profileId: added.id })
    expect(after.activeProfileId).toBe(sandbox)
    expect(after.profiles.map((p) => p.id)).toEqual([sandbox])
    expect(await world.fail('profiles.remove', { profileId: added.id })).toMatchObject({ type: 'no_profile' })
  })

  it('removing a profile signs it out on this device: the keychain entry is gone', async () => {
    await newWorld()
    const server = await secondServer()
    const added = (await world.call<AppStatus>('profiles.add', remote(server.url))).profiles[1]!
    const state = await world.call<AuthState>('auth.signUp', { profileId: added.id, name: 'Ada', email, password })
    const stored = world.storedSession(state.account!.$id)
    expect(stored?.key).toBe(`${server.url}|other|${state.account!.$id}`)
    await world.call('profiles.remove', { profileId: added.id })
    expect(world.storedSession(state.account!.$id)).toBeNull()
    expect((await appwrite(server.url, 'GET', '/account', { project: 'other', session: stored!.value })).status).toBe(401)
  })

  it('pointing a profile at another project signs it out there first', async () => {
    await newWorld()
    const server = await secondServer()
    const added = (await world.call<AppStatus>('profiles.add', remote(server.url))).profiles[1]!
    const state = await world.call<AuthState>('auth.signUp', { profileId: added.id, name: '', email, password })
    await world.call('profiles.update', { profileId: added.id, ...remote(server.url, { label: 'Renamed only' }) })
    expect((await world.call<AuthState>('auth.getState', { profileId: added.id })).status).toBe('signed-in')
    await world.call('profiles.update', { profileId: added.id, ...remote(server.url, { projectId: 'third' }) })
    expect(world.storedSession(state.account!.$id)).toBeNull()
    expect((await world.call<AuthState>('auth.getState', { profileId: added.id })).status).toBe('signed-out')
  })
})

describe('sessions', () => {
  it('signs in anonymously, remembered in the keychain by default', async () => {
    await newWorld()
    const state = await world.call<AuthState>('auth.signInAnonymously', { profileId: sandbox })
    expect(state).toMatchObject({ status: 'signed-in', remembered: true, account: { email: '', name: '' } })
    expect(world.storedSession(state.account!.$id)).not.toBeNull()
    expect(world.eventsNamed('authChanged').at(-1)).toEqual(state)
    await world.restart()
    expect(await world.call<AuthState>('auth.getState', { profileId: sandbox })).toMatchObject({ status: 'signed-in', account: { $id: state.account!.$id } })
  })

  it('keep me signed in off: the session is never written to the keychain and ends with the app', async () => {
    await newWorld()
    const state = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password, remember: false })
    expect(state).toMatchObject({ status: 'signed-in', remembered: false })
    expect(world.keychain.values.size).toBe(0)
    expect(await readFile(join(world.dataDir, 'profiles.json'), 'utf8')).not.toContain(state.account!.$id)
    expect((await world.call<AuthState>('auth.getState', { profileId: sandbox })).status).toBe('signed-in')
    await world.restart()
    expect((await world.call<AuthState>('auth.getState', { profileId: sandbox })).status).toBe('signed-out')
  })

  it('signing in again with keep-me-signed-in replaces the earlier session and ends it on the server', async () => {
    await newWorld()
    const first = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password, remember: false })
    const other = await otherDevice(world.sandbox.url, email, password)
    const sessions = await appwrite(world.sandbox.url, 'GET', '/account/sessions', { session: other })
    expect(sessions.body.total).toBe(2)
    const second = await world.call<AuthState>('auth.signInWithPassword', { profileId: sandbox, email, password, remember: true })
    expect(second).toMatchObject({ status: 'signed-in', remembered: true, account: { $id: first.account!.$id } })
    expect((await appwrite(world.sandbox.url, 'GET', '/account/sessions', { session: other })).body.total).toBe(2)
  })

  it('signs out everywhere: the other device is signed out too', async () => {
    await newWorld()
    await world.call('auth.signUp', { profileId: sandbox, name: '', email, password })
    const other = await otherDevice(world.sandbox.url, email, password)
    expect((await appwrite(world.sandbox.url, 'GET', '/account', { session: other })).status).toBe(200)
    const state = await world.call<AuthState>('auth.signOutEverywhere', { profileId: sandbox })
    expect(state.status).toBe('signed-out')
    expect(world.keychain.values.size).toBe(0)
    expect((await appwrite(world.sandbox.url, 'GET', '/account', { session: other })).status).toBe(401)
    expect(world.eventsNamed('authChanged').at(-1)).toMatchObject({ status: 'signed-out' })
    expect(await world.fail('auth.signOutEverywhere', { profileId: sandbox })).toMatchObject({ type: 'not_signed_in' })
  })

  it('keeps two profiles signed in at once, across switching and a restart', async () => {
    await newWorld()
    const server = await secondServer()
    const second = (await world.call<AppStatus>('profiles.add', remote(server.url))).profiles[1]!
    const a = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: 'A', email: 'a@example.com', password })
    const b = await world.call<AuthState>('auth.signUp', { profileId: second.id, name: 'B', email: 'b@example.com', password })
    await world.call('profiles.select', { profileId: second.id })
    await world.call('profiles.select', { profileId: sandbox })
    await world.restart()
    expect(await world.call<AuthState>('auth.getState', { profileId: sandbox })).toMatchObject({ status: 'signed-in', account: { $id: a.account!.$id } })
    expect(await world.call<AuthState>('auth.getState', { profileId: second.id })).toMatchObject({ status: 'signed-in', account: { $id: b.account!.$id } })
    await world.call('auth.signOut', { profileId: second.id })
    expect((await world.call<AuthState>('auth.getState', { profileId: sandbox })).status).toBe('signed-in')
  })

  it('offline at start-up keeps the session, and it works again when the server is back', async () => {
    await newWorld()
    const server = await secondServer()
    const port = server.port
    const profile = (await world.call<AppStatus>('profiles.add', remote(server.url))).profiles[1]!
    const state = await world.call<AuthState>('auth.signUp', { profileId: profile.id, name: '', email, password })
    await world.core.dispose()
    await server.close()
    await world.boot()
    const offline = await world.call<AuthState>('auth.getState', { profileId: profile.id })
    expect(offline).toMatchObject({ status: 'offline', remembered: true })
    expect(world.storedSession(state.account!.$id)).not.toBeNull()
    // The same server comes back on the same port with its data.
    const back = await startServer({ dataDir: server.dataDir, port, projectId: 'other', rateLimits: false })
    cleanups.push(() => back.close())
    expect(await world.call<AuthState>('auth.getState', { profileId: profile.id })).toMatchObject({ status: 'signed-in', account: { $id: state.account!.$id } })
  })

  it('extends a session that is near its end, and leaves a fresh one alone', async () => {
    await newWorld({ sandbox: { config: { sessionDuration: 3600 } } })
    const state = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password })
    const value = world.storedSession(state.account!.$id)!.value
    const before = String((await appwrite(world.sandbox.url, 'GET', '/account/sessions/current', { session: value })).body.expire)
    await world.restart()
    await world.call('auth.getState', { profileId: sandbox })
    const after = String((await appwrite(world.sandbox.url, 'GET', '/account/sessions/current', { session: value })).body.expire)
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before))
    const logs = await appwrite(world.sandbox.url, 'GET', '/account/logs', { session: value })
    expect((logs.body.logs as Array<{ event: string }>).map((l) => l.event)).toContain('session.update')
  })

  it('does not extend a session with most of its year left', async () => {
    await newWorld()
    const state = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password })
    const value = world.storedSession(state.account!.$id)!.value
    await world.restart()
    await world.call('auth.getState', { profileId: sandbox })
    const logs = await appwrite(world.sandbox.url, 'GET', '/account/logs', { session: value })
    expect((logs.body.logs as Array<{ event: string }>).map((l) => l.event)).not.toContain('session.update')
  })

  it('a blocked account gets a clear notice and is signed out here', async () => {
    await newWorld()
    const state = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password })
    const other = await otherDevice(world.sandbox.url, email, password)
    expect((await appwrite(world.sandbox.url, 'PATCH', '/account/status', { session: other })).status).toBe(200)
    const after = await world.call<AuthState>('auth.getState', { profileId: sandbox })
    expect(after.status).toBe('signed-out')
    expect(world.storedSession(state.account!.$id)).toBeNull()
    expect(world.eventsNamed('notice').at(-1)).toMatchObject({ level: 'error', message: expect.stringContaining('blocked') })
  })

  it('works memory-only when the keychain cannot be opened, and says why', async () => {
    await newWorld({ openSecretStore: async () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')) })
    const status = await world.status()
    expect(status.keychain).toEqual({ kind: 'memory', reason: expect.stringContaining('No keychain service') })
    const state = await world.call<AuthState>('auth.signUp', { profileId: sandbox, name: '', email, password })
    expect(state).toMatchObject({ status: 'signed-in', remembered: false })
    expect(world.keychain.values.size).toBe(0)
    await world.restart()
    expect((await world.call<AuthState>('auth.getState', { profileId: sandbox })).status).toBe('signed-out')
  })
})
