/** `targets.*` through the real core against the sandbox: list, add, update, delete, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Target } from '../../../src-shared/appwrite'
import { expectOk, profileId, signUpUser, CoreWorld, uniqueEmail } from './core-world'

let t: CoreWorld

beforeAll(async () => {
  t = await CoreWorld.start()
})

afterAll(async () => {
  await t.close()
})

describe('push targets', () => {
  it('lists every target of the account (the e-mail one from sign-up included)', async () => {
    const email = uniqueEmail('targets')
    await signUpUser(t, email)
    const targets = expectOk<Target[]>(await t.core.invoke('targets.list', { profileId }))
    expect(targets).toEqual([expect.objectContaining({ providerType: 'email', identifier: email })])
  })

  it('adds, renames and deletes a push target', async () => {
    await signUpUser(t)
    const created = expectOk<Target>(await t.core.invoke('targets.createPush', { profileId, identifier: 'fcm-token-1', providerId: 'fcm-provider' }))
    expect(created).toMatchObject({ providerType: 'push', identifier: 'fcm-token-1', providerId: 'fcm-provider', expired: false })
    expect(created.$id).toMatch(/^[a-z0-9]{20}$/)

    const updated = expectOk<Target>(await t.core.invoke('targets.updatePush', { profileId, targetId: created.$id, identifier: 'fcm-token-2' }))
    expect(updated).toMatchObject({ $id: created.$id, identifier: 'fcm-token-2' })
    const listed = expectOk<Target[]>(await t.core.invoke('targets.list', { profileId }))
    expect(listed.filter((x) => x.providerType === 'push')).toEqual([expect.objectContaining({ $id: created.$id, identifier: 'fcm-token-2' })])

    const after = expectOk<Target[]>(await t.core.invoke('targets.removePush', { profileId, targetId: created.$id }))
    expect(after.some((x) => x.$id === created.$id)).toBe(false)
  })

  it('adds a push target without a provider id', async () => {
    await signUpUser(t)
    const created = expectOk<Target>(await t.core.invoke('targets.createPush', { profileId, identifier: 'apns-token' }))
    expect(created.providerId).toBeNull()
  })

  it("returns Appwrite's errors as values", async () => {
    await signUpUser(t)
    expect(await t.core.invoke('targets.updatePush', { profileId, targetId: 'nope', identifier: 'x' })).toMatchObject({
      ok: false,
      error: { type: 'user_target_not_found', code: 404 },
    })
    // Removing one that is already gone is done (a retried remove whose first answer was lost).
    expect(await t.core.invoke('targets.removePush', { profileId, targetId: 'nope' })).toMatchObject({ ok: true, data: expect.any(Array) })
    expectOk(await t.core.invoke('targets.createPush', { profileId, identifier: 'shared-token' }))
    // Identifiers are unique across targets (appwrite-behaviour §2, user_target_already_exists).
    const duplicate = await t.core.invoke('targets.createPush', { profileId, identifier: 'shared-token' })
    expect(duplicate.ok).toBe(false)
  })

  it('validates arguments', async () => {
    for (const arg of [
      { profileId, identifier: '' },
      { profileId, identifier: '   ' },
      { profileId, identifier: 'x'.repeat(256) },
      { profileId, identifier: 'ok', providerId: '-bad' },
      { profileId, identifier: 'ok', targetId: 'chosen' },
    ]) {
      expect(await t.core.invoke('targets.createPush', arg), JSON.stringify(arg)).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    }
    expect(await t.core.invoke('targets.updatePush', { profileId, targetId: 'a/b', identifier: 'x' })).toMatchObject({
      ok: false,
      error: { type: 'invalid_argument' },
    })
    expect(await t.core.invoke('targets.removePush', { profileId })).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
  })
})
