/**
 * Audit logs (events, order, paging, total), identities (queries, cursor, delete rules) and push
 * targets (bound to the session, name from the device, ownership).
 */
import { describe, expect, it } from 'vitest'
import { Query } from 'appwrite'
import { upsertIdentity } from '../../src-server/domain/identities'
import { call, newUserSession, openSandboxDb, sdkAccount, sdkError, signIn, useSandbox } from './support/sandbox'

const sandbox = useSandbox()

describe('GET /account/logs', () => {
  it('records Appwrite event names, newest first, with device and country fields', async () => {
    const { session, email, userId } = await newUserSession(sandbox, 'Logger')
    const account = sdkAccount(sandbox, session)
    await account.updateName({ name: 'Renamed' })
    await account.updatePrefs({ prefs: { a: 1 } })
    const logs = await account.listLogs()
    expect(logs.logs.map((l) => l.event)).toEqual(['user.update', 'user.update', 'session.create', 'user.create'])
    expect(logs.total).toBe(4)
    const latest = logs.logs[0]
    expect(latest).toMatchObject({ userId, userEmail: email, userName: 'Renamed', mode: 'default', ip: '127.0.0.1', countryCode: '--', countryName: 'Unknown' })
    expect(Object.keys(latest ?? {}).sort()).toEqual(
      [
        'clientCode',
        'clientEngine',
        'clientEngineVersion',
        'clientName',
        'clientType',
        'clientVersion',
        'countryCode',
        'countryName',
        'deviceBrand',
        'deviceModel',
        'deviceName',
        'event',
        'ip',
        'mode',
        'osCode',
        'osName',
        'osVersion',
        'time',
        'userEmail',
        'userId',
        'userName',
      ].sort(),
    )
  })

  it('pages with limit/offset, honours total=false, and refuses other query methods', async () => {
    const { session } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    for (let i = 0; i < 3; i++) await account.updateName({ name: `n${i}` })
    const all = await account.listLogs()
    const page = await account.listLogs({ queries: [Query.limit(2), Query.offset(1)] })
    expect(page.logs.map((l) => l.userName)).toEqual(all.logs.slice(1, 3).map((l) => l.userName))
    expect(page.total).toBe(all.total)
    const uncounted = await account.listLogs({ queries: [Query.limit(1)], total: false })
    expect(uncounted).toMatchObject({ total: 0 })
    expect(uncounted.logs).toHaveLength(1)
    const equal = await sdkError(account.listLogs({ queries: [Query.equal('event', 'user.update')] }))
    expect(equal).toMatchObject({ code: 400, type: 'general_query_invalid', message: 'Invalid query method: equal' })
    const syntax = await sdkError(account.listLogs({ queries: ['limit(25)'] }))
    expect(syntax).toMatchObject({ code: 400, type: 'general_query_invalid', message: 'Invalid query: Syntax error' })
    const tooBig = await sdkError(account.listLogs({ queries: [Query.limit(5001)] }))
    expect(tooBig.code).toBe(400)
  })
})

describe('identities', () => {
  it('lists with filters, order, limit and cursor, and deletes only your own', async () => {
    const { session, userId } = await newUserSession(sandbox)
    const other = await newUserSession(sandbox)
    const db = openSandboxDb(sandbox)
    let foreignId = ''
    const ids: string[] = []
    try {
      for (const [provider, uid] of [
        ['github', 'g1'],
        ['oidc', 'o1'],
        ['google', 'x1'],
      ] as const) {
        ids.push(
          upsertIdentity(db, {
            userId,
            provider,
            providerUid: `${uid}-${userId}`,
            providerEmail: `${uid}@example.com`,
            providerAccessToken: 'at',
            providerAccessTokenExpiry: null,
            providerRefreshToken: '',
          }).id,
        )
      }
      foreignId = upsertIdentity(db, {
        userId: other.userId,
        provider: 'github',
        providerUid: `g-${other.userId}`,
        providerEmail: 'f@example.com',
        providerAccessToken: '',
        providerAccessTokenExpiry: null,
        providerRefreshToken: '',
      }).id
    } finally {
      db.close()
    }
    const account = sdkAccount(sandbox, session)
    const all = await account.listIdentities()
    expect(all.total).toBe(3)
    expect(all.identities[0]).toMatchObject({ userId, provider: 'github', providerAccessToken: 'at', providerAccessTokenExpiry: '' })
    const github = await account.listIdentities({ queries: [Query.equal('provider', 'github')] })
    expect(github.identities.map((i) => i.provider)).toEqual(['github'])
    const ordered = await account.listIdentities({ queries: [Query.orderDesc('provider'), Query.limit(2)] })
    expect(ordered.identities.map((i) => i.provider)).toEqual(['oidc', 'google'])
    expect(ordered.total).toBe(3)
    const after = await account.listIdentities({ queries: [Query.cursorAfter(ids[0] as string)] })
    expect(after.identities.map((i) => i.$id)).toEqual(ids.slice(1))
    const starts = await account.listIdentities({ queries: [Query.startsWith('providerEmail', 'o1@')] })
    expect(starts.identities).toHaveLength(1)
    expect(await sdkError(account.listIdentities({ queries: [Query.equal('secret', 'x')] }))).toMatchObject({ code: 400, type: 'general_query_invalid' })
    expect(await sdkError(account.listIdentities({ queries: [Query.cursorAfter('missing')] }))).toMatchObject({ code: 400, type: 'general_cursor_not_found' })
    expect(await sdkError(account.deleteIdentity({ identityId: foreignId }))).toMatchObject({ code: 401, type: 'user_unauthorized' })
    expect(await sdkError(account.deleteIdentity({ identityId: 'missing' }))).toMatchObject({ code: 404, type: 'user_identity_not_found' })
    await account.deleteIdentity({ identityId: ids[0] as string })
    expect((await account.listIdentities()).total).toBe(2)
    expect((await account.listLogs()).logs[0]?.event).toBe('identity.delete')
  })
})

describe('push targets', () => {
  it('creates, updates and deletes a push target bound to the session', async () => {
    const { session, email, userId } = await newUserSession(sandbox)
    const account = sdkAccount(sandbox, session)
    const target = await account.createPushTarget({ targetId: 'unique()', identifier: 'fcm-1', providerId: 'fcm' })
    expect(target).toMatchObject({ userId, providerType: 'push', identifier: 'fcm-1', providerId: 'fcm', expired: false, name: ' ' })
    expect((await account.get()).targets.map((t) => t.$id)).toContain(target.$id)
    const updated = await account.updatePushTarget({ targetId: target.$id, identifier: 'fcm-2' })
    expect(updated.identifier).toBe('fcm-2')
    const duplicate = await sdkError(account.createPushTarget({ targetId: target.$id, identifier: 'fcm-3' }))
    expect(duplicate).toMatchObject({ code: 409, type: 'user_target_already_exists' })
    const stranger = await newUserSession(sandbox)
    expect(await sdkError(sdkAccount(sandbox, stranger.session).deletePushTarget({ targetId: target.$id }))).toMatchObject({
      code: 404,
      type: 'user_target_not_found',
    })
    await account.deletePushTarget({ targetId: target.$id })
    expect((await account.get()).targets.map((t) => t.$id)).not.toContain(target.$id)
    // Push targets die with their session.
    const second = await signIn(sandbox, email)
    const bound = await sdkAccount(sandbox, second).createPushTarget({ targetId: 'unique()', identifier: 'apns-9' })
    await sdkAccount(sandbox, second).deleteSession({ sessionId: 'current' })
    expect((await account.get()).targets.map((t) => t.$id)).not.toContain(bound.$id)
  })

  it('needs a signed-in caller', async () => {
    const response = await call(sandbox, 'POST', '/account/targets/push', { body: { targetId: 'unique()', identifier: 'x' } })
    expect(response.body).toMatchObject({ code: 401, type: 'general_unauthorized_scope', message: 'User (role: guests) missing scopes (["targets.write"])' })
  })
})
