/**
 * `identities.*` through the real core against the sandbox, with an identity linked by a real
 * OpenID Connect sign-in: the list carries no provider token, unlinking removes it, and
 * Appwrite's refusals come back as values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdentityDTO } from '../../../src-shared/ipc'
import { startOidcIdentityProvider, type OidcIdentityProvider } from '../../server/support/oidc-identity'
import { expectOk, profileId, rawCall, signUpUser, CoreWorld, uniqueEmail } from './core-world'

let idp: OidcIdentityProvider
let t: CoreWorld

beforeAll(async () => {
  idp = await startOidcIdentityProvider()
  t = await CoreWorld.start({ sandbox: { config: idp.sandboxConfig } })
  idp.attach(await t.endpoint())
})

afterAll(async () => {
  await t.close()
  await idp.close()
})

describe('identities', () => {
  it("lists a linked identity without the provider's tokens, then unlinks it", async () => {
    const email = uniqueEmail('linked')
    const userId = await signUpUser(t, email)
    expect(expectOk<IdentityDTO[]>(await t.core.invoke('identities.list', { profileId }))).toEqual([])

    await idp.linkIdentity(email)
    const raw = await rawCall(t, userId, 'GET', '/account/identities')
    const rawIdentity = (raw.body as { identities: Array<{ providerAccessToken: string; providerRefreshToken: string }> }).identities[0]!
    expect(rawIdentity.providerAccessToken).not.toBe('') // Appwrite does send it (appwrite-behaviour §11.23)…

    const list = expectOk<IdentityDTO[]>(await t.core.invoke('identities.list', { profileId }))
    expect(list).toHaveLength(1)
    const identity = list[0]!
    expect(identity).toMatchObject({ provider: 'oidc', providerEmail: email, userId })
    expect(Date.parse(identity.providerAccessTokenExpiry)).toBeGreaterThan(Date.now())
    // …but it never reaches the renderer.
    expect(Object.keys(identity)).not.toContain('providerAccessToken')
    expect(Object.keys(identity)).not.toContain('providerRefreshToken')
    expect(JSON.stringify(list)).not.toContain(rawIdentity.providerAccessToken)

    const after = expectOk<IdentityDTO[]>(await t.core.invoke('identities.remove', { profileId, identityId: identity.$id }))
    expect(after).toEqual([])
    expect(expectOk<IdentityDTO[]>(await t.core.invoke('identities.list', { profileId }))).toEqual([])
  })

  it('treats an identity that does not exist as removed (a retried remove whose first answer was lost) and lists what is left', async () => {
    await signUpUser(t)
    expect(await t.core.invoke('identities.remove', { profileId, identityId: 'does-not-exist' })).toEqual({ ok: true, data: [] })
  })

  it('validates the identity id', async () => {
    for (const identityId of ['', '../x', '_starts', 'x'.repeat(37), 42]) {
      expect(await t.core.invoke('identities.remove', { profileId, identityId })).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    }
    expect(await t.core.invoke('identities.list', { profileId, limit: 5 })).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
  })
})
