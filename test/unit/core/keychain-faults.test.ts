/**
 * The keychain failing after start-up (issue 13 item 4): keytar throwing on read, write and delete
 * (locked collection, Secret Service daemon gone mid-run). The session stays usable from memory,
 * the window is told (banner), the profile's sign-in is never dropped, and what waited is written
 * to the keychain as soon as it answers again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AuthState, KeychainStatus, Startup } from '../../../src-shared/ipc'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { CoreWorld } from './core-world'

const profileId = SANDBOX_PROFILE_ID
const daemonGone = new Error('The name org.freedesktop.secrets was not provided by any .service files')
const locked = new Error('Cannot create an item in a locked collection')

let world: CoreWorld | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

describe('keychain faults after start-up', () => {
  it('daemon gone mid-run: the session keeps working from memory, the banner says so, and it is saved once the keychain is back', async () => {
    world = await CoreWorld.start()
    const first = await world.call<AuthState>('auth.signInAnonymously', { profileId })
    expect(world.storedSession(first.account!.$id)).not.toBeNull()

    world.keychain.failure = daemonGone
    // Read fails: the session seen before is used; nobody is signed out.
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({ status: 'signed-in', account: { $id: first.account!.$id } })
    const down = world.eventsNamed('keychainChanged').at(-1) as KeychainStatus
    expect(down).toMatchObject({ kind: 'memory', retrying: true, reason: expect.stringContaining('kept in memory for now') })
    expect((await world.status()).keychain).toEqual(down)

    // A new sign-in while it is down succeeds (write fails) and replaces the old one (delete fails).
    const second = await world.call<AuthState>('auth.signInAnonymously', { profileId })
    expect(second).toMatchObject({ status: 'signed-in', remembered: true })
    expect(world.storedSession(second.account!.$id)).toBeNull()
    expect(world.storedSession(first.account!.$id)).not.toBeNull()

    // Back: the next keychain use writes the waiting session and removes the replaced one.
    world.keychain.failure = null
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({ status: 'signed-in', account: { $id: second.account!.$id } })
    expect(world.storedSession(second.account!.$id)).not.toBeNull()
    expect(world.storedSession(first.account!.$id)).toBeNull()
    expect(world.eventsNamed('keychainChanged').at(-1)).toEqual({ kind: 'keychain', reason: '' })
    expect((await world.status()).keychain).toEqual({ kind: 'keychain', reason: '' })

    // …and it survives a restart from the keychain.
    await world.restart()
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({ status: 'signed-in', account: { $id: second.account!.$id } })
  })

  it('locked before the first read after a restart: a clear error, the sign-in is kept, and it works once unlocked', async () => {
    world = await CoreWorld.start()
    const state = await world.call<AuthState>('auth.signInAnonymously', { profileId })
    await world.restart()
    world.keychain.failure = locked

    const startup = await world.call<Startup>('app.start')
    expect(startup.auth.ok).toBe(false)
    if (!startup.auth.ok) expect(startup.auth.error.type).toBe('keychain_error')

    world.keychain.failure = null
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({ status: 'signed-in', account: { $id: state.account!.$id } })
  })

  it('signing out while the keychain is locked forgets the session here and deletes the entry once it answers', async () => {
    world = await CoreWorld.start()
    const state = await world.call<AuthState>('auth.signInAnonymously', { profileId })
    world.keychain.failure = locked
    expect(await world.call<AuthState>('auth.signOut', { profileId })).toMatchObject({ status: 'signed-out' })
    expect(world.storedSession(state.account!.$id)).not.toBeNull()

    // The next keychain use (here, the next sign-in) first carries out the waiting delete.
    world.keychain.failure = null
    const next = await world.call<AuthState>('auth.signInAnonymously', { profileId })
    expect(world.storedSession(state.account!.$id)).toBeNull()
    expect(world.storedSession(next.account!.$id)).not.toBeNull()
  })
})
