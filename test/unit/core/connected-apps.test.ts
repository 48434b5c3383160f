/**
 * `consents.*` against the real sandbox (2.x line): connected apps listed with their token
 * families, nothing token-like passed on, authorization details made readable, one family
 * revoked, the whole consent revoked, another user's consent answering as missing; and the
 * DTO builders on their own against a model carrying more than Appwrite documents.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Oauth2Consent } from '../../../src-shared/appwrite'
import type { AuthState, ConsentDTO, ConsentTokenDTO } from '../../../src-shared/ipc'
import { readAuthorizationDetails, toConsentDTO, toConsentTokenDTO } from '../../../src-main/core/account/connected-apps'
import { expectError, expectOk, profileId, sandboxFetch, signInElsewhere, signUp, CoreWorld } from './core-world'

const DEV_KEY = 'connected-apps-test-dev-key'
let h: CoreWorld
beforeEach(async () => {
  h = await CoreWorld.start({ sandbox: { devKey: DEV_KEY } })
})
afterEach(async () => {
  await h.close()
})

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)

async function createConsent(userId: string, body: Record<string, unknown>): Promise<{ $id: string }> {
  const response = await fetch(`${h.sandbox.url}/dev/consents`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': 'local', 'Content-Type': 'application/json', 'X-Sandbox-Dev-Key': DEV_KEY },
    body: JSON.stringify({ userId, ...body }),
  })
  if (response.status !== 201) throw new Error(`dev consent: ${response.status} ${await response.text()}`)
  return (await response.json()) as { $id: string }
}

describe('consents.* through core', () => {
  it('lists consents and their families without tokens, revokes one family, then the whole consent', async () => {
    const state: AuthState = await signUp(h)
    const userId = state.account!.$id
    const soon = new Date(Date.now() + 3_600_000).toISOString()
    const reports = await createConsent(userId, {
      appId: 'reports-app',
      scopes: ['openid', 'email', 'projects.read'],
      resources: ['https://api.example.com'],
      authorizationDetails: [{ type: 'project', projects: ['alpha', 'beta'], access_token: 'must-not-show' }],
      tokenFamilies: [{ expire: soon }, {}],
    })
    await createConsent(userId, { appId: 'https://client.example.org/meta.json', scopes: ['openid'] })

    const consents = expectOk<ConsentDTO[]>(await invoke('consents.list', { profileId }))
    expect(consents).toHaveLength(2)
    const listed = consents.find((c) => c.$id === reports.$id)!
    expect(listed).toMatchObject({ appId: 'reports-app', cimdUrl: '', scopes: ['openid', 'email', 'projects.read'], resources: ['https://api.example.com'] })
    expect(listed.authorizationDetails).toEqual([{ type: 'project', fields: [{ name: 'projects', value: 'alpha, beta' }] }])
    expect(JSON.stringify(consents)).not.toContain('must-not-show')
    expect(Object.keys(listed).sort()).toEqual(['$createdAt', '$id', '$updatedAt', 'appId', 'authorizationDetails', 'cimdUrl', 'expire', 'resources', 'scopes'])
    expect(consents.find((c) => c.$id !== reports.$id)).toMatchObject({ appId: '', cimdUrl: 'https://client.example.org/meta.json', authorizationDetails: [] })

    const families = expectOk<ConsentTokenDTO[]>(await invoke('consents.listTokens', { profileId, consentId: reports.$id }))
    expect(families).toHaveLength(2)
    expect(families.map((f) => f.consentId)).toEqual([reports.$id, reports.$id])
    expect(families.some((f) => f.expire !== '')).toBe(true)
    expect(Object.keys(families[0]!).sort()).toEqual(['$createdAt', '$id', '$updatedAt', 'consentId', 'expire', 'resources', 'scopes'])

    const left = expectOk<ConsentTokenDTO[]>(await invoke('consents.removeToken', { profileId, consentId: reports.$id, tokenId: families[0]!.$id }))
    expect(left.map((f) => f.$id)).toEqual([families[1]!.$id])
    // Already signed out (elsewhere, or a retry whose first answer was lost): done, not an error.
    const again = expectOk<ConsentTokenDTO[]>(await invoke('consents.removeToken', { profileId, consentId: reports.$id, tokenId: families[0]!.$id }))
    expect(again.map((f) => f.$id)).toEqual([families[1]!.$id])
    // The consent itself stays.
    expect(expectOk<ConsentDTO[]>(await invoke('consents.list', { profileId }))).toHaveLength(2)

    const remaining = expectOk<ConsentDTO[]>(await invoke('consents.remove', { profileId, consentId: reports.$id }))
    expect(remaining.map((c) => c.$id)).not.toContain(reports.$id)
    expect(remaining).toHaveLength(1)
    expect(expectOk<ConsentDTO[]>(await invoke('consents.remove', { profileId, consentId: reports.$id })).map((c) => c.$id)).toEqual(
      remaining.map((c) => c.$id),
    )
    // Its families went with it.
    expect(expectError(await invoke('consents.listTokens', { profileId, consentId: reports.$id })).code).toBe(404)
  })

  it("another account's consent answers as missing; arguments are checked; a session is needed", async () => {
    const other = await signUp(h)
    const foreign = await createConsent(other.account!.$id, { appId: 'theirs', scopes: ['openid'] })
    expectOk(await invoke('auth.signOut', { profileId }))
    expect(expectError(await invoke('consents.list', { profileId })).type).toBe('not_signed_in')

    await signUp(h)
    expect(expectOk<ConsentDTO[]>(await invoke('consents.list', { profileId }))).toEqual([])
    // Another account's consent answers as missing here, and removing it leaves it with its owner.
    expect(expectError(await invoke('consents.listTokens', { profileId, consentId: foreign.$id })).type).toBe('consent_not_found')
    await invoke('consents.remove', { profileId, consentId: foreign.$id })
    const owner = await signInElsewhere(h, other.account!.email)
    const theirs = await sandboxFetch(h, 'GET', '/account/consents', { session: owner })
    expect(theirs.body).toMatchObject({ total: 1, consents: [{ $id: foreign.$id }] })
    expect(expectError(await invoke('consents.listTokens', { profileId, consentId: '../account' })).type).toBe('invalid_argument')
    expect(expectError(await invoke('consents.removeToken', { profileId, consentId: foreign.$id })).type).toBe('invalid_argument')
    expect(expectError(await invoke('consents.list', { profileId, extra: true })).type).toBe('invalid_argument')
  })
})

describe('consents on a 1.9 server', () => {
  it("keeps Appwrite's route-not-found (the screen says the server has no connected apps)", async () => {
    await h.close()
    h = await CoreWorld.start({ sandbox: { appwriteVersion: '1.9' } })
    await signUp(h)
    expect(expectError(await invoke('consents.list', { profileId }))).toMatchObject({ type: 'general_route_not_found', code: 404 })
  })
})

describe('connected-app DTOs', () => {
  const base: Oauth2Consent = {
    $id: 'c1',
    $createdAt: '2026-01-01T00:00:00.000+00:00',
    $updatedAt: '2026-01-02T00:00:00.000+00:00',
    userId: 'u1',
    appId: 'a1',
    cimdUrl: '',
    scopes: ['openid'],
    resources: [],
    authorizationDetails: '[]',
    expire: '',
  }

  it('pass on only the documented, non-secret fields, whatever else a server adds', () => {
    const withExtras = { ...base, secret: 's3cret', accessToken: 'at', refreshToken: 'rt', userId: 'u1' } as Oauth2Consent
    const dto = toConsentDTO(withExtras)
    expect(JSON.stringify(dto)).not.toMatch(/s3cret|"at"|"rt"|userId/)
    const token = toConsentTokenDTO({ ...base, consentId: 'c1', secret: 'x', refreshToken: 'y' } as unknown as Parameters<typeof toConsentTokenDTO>[0])
    expect(Object.keys(token).sort()).toEqual(['$createdAt', '$id', '$updatedAt', 'consentId', 'expire', 'resources', 'scopes'])
  })

  it('read authorization details readably, drop secret-like fields, and survive text that is not JSON', () => {
    expect(readAuthorizationDetails('not json')).toEqual([])
    expect(readAuthorizationDetails('"a string"')).toEqual([])
    expect(
      readAuthorizationDetails(
        '{"type":"payment","amount":{"currency":"EUR","value":"10"},"client_secret":"x","apiKey":"y","locations":["https://a.example"]}',
      ),
    ).toEqual([
      {
        type: 'payment',
        fields: [
          { name: 'amount', value: '{"currency":"EUR","value":"10"}' },
          { name: 'locations', value: 'https://a.example' },
        ],
      },
    ])
    expect(readAuthorizationDetails('[{"projects":["p"]}, 3, null]')).toEqual([{ type: 'unnamed', fields: [{ name: 'projects', value: 'p' }] }])
    expect(readAuthorizationDetails(JSON.stringify([{ type: 't', note: 'x'.repeat(2000) }]))[0]!.fields[0]!.value).toHaveLength(500)
  })
})
