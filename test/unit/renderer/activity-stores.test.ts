// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { byDevice, byEvent, clientLabel, eventCounts, perDay } from '../../../src-renderer/activity-stats'
import { explainMfa } from '../../../src-renderer/mfa-explanation'
import { LOG_PAGE_SIZE, useActivityStore } from '../../../src-renderer/stores/activity'
import { useAppStore } from '../../../src-renderer/stores/app'
import { useAuthStore } from '../../../src-renderer/stores/auth'
import { useIdentitiesStore } from '../../../src-renderer/stores/identities'
import { useMfaStore } from '../../../src-renderer/stores/mfa'
import { useTargetsStore } from '../../../src-renderer/stores/targets'
import { type FakeApi, installSignedIn } from './fake-api'
import { ERRORS, FAKE_MFA_CODE, makeLog, makeTarget } from './fake-records'

let fake: FakeApi

beforeEach(async () => {
  fake = installSignedIn()
  setActivePinia(createPinia())
  await useAuthStore().start()
})

const NETWORK = { type: 'network_error', code: 0, message: 'connect ECONNREFUSED' }

/** Scrolls to the end: asks for pages until one adds nothing. */
async function loadEveryPage(activity: ReturnType<typeof useActivityStore>): Promise<void> {
  for (;;) {
    const page = await activity.loadMore()
    if (!page.ok || page.data === 0) return
  }
}

describe('activity store', () => {
  it('loads the first page, then the next pages with limit/offset until the total', async () => {
    fake.logs = Array.from({ length: 450 }, (_, i) => makeLog(i))
    const activity = useActivityStore()
    expect((await activity.load()).ok).toBe(true)
    expect(activity.status).toBe('ready')
    expect(activity.logs).toHaveLength(LOG_PAGE_SIZE)
    expect(activity.total).toBe(450)
    expect(activity.hasMore).toBe(true)

    await loadEveryPage(activity)
    expect(activity.logs).toHaveLength(450)
    expect(activity.logs.map((log) => log.time)).toEqual(fake.logs.map((log) => log.time))
    expect(activity.hasMore).toBe(false)
    const pages = fake.calls.filter((c) => c.method === 'logs.list').map((c) => c.args)
    expect(pages).toEqual(
      Array.from({ length: Math.ceil(450 / LOG_PAGE_SIZE) }, (_, i) => ({ profileId: 'local', limit: LOG_PAGE_SIZE, offset: i * LOG_PAGE_SIZE })),
    )
  })

  it('stops at the entries the server will page to, and says older ones exist', async () => {
    fake.logs = Array.from({ length: 450 }, (_, i) => makeLog(i))
    fake.reachableLogs = 3 * LOG_PAGE_SIZE
    const activity = useActivityStore()
    await activity.load()
    await loadEveryPage(activity)
    expect(activity.logs).toHaveLength(3 * LOG_PAGE_SIZE)
    expect(activity.olderUnreachable).toBe(true)
    expect(activity.total).toBe(450)
    expect(activity.hasMore).toBe(false)
    const calls = fake.calls.filter((c) => c.method === 'logs.list').length
    expect(await activity.loadMore()).toEqual({ ok: true, data: 0 })
    expect(fake.calls.filter((c) => c.method === 'logs.list')).toHaveLength(calls)
  })

  it('asks for one page at a time however often the list says "more"', async () => {
    fake.logs = Array.from({ length: 450 }, (_, i) => makeLog(i))
    const activity = useActivityStore()
    await activity.load()
    const held = fake.holdNext('logs.list')
    const first = activity.loadMore()
    // A second ask while the page is on its way shares that page's answer (a scroll and a date jump at once).
    const second = activity.loadMore()
    expect(activity.loadingMore).toBe(true)
    held.release()
    expect(await first).toEqual({ ok: true, data: LOG_PAGE_SIZE })
    expect(await second).toEqual({ ok: true, data: LOG_PAGE_SIZE })
    expect(fake.calls.filter((c) => c.method === 'logs.list')).toHaveLength(2)
  })

  it('reaches back to a date: loads older pages until an entry at or before it is loaded', async () => {
    // makeLog(i) is i hours older than the newest.
    fake.logs = Array.from({ length: 450 }, (_, i) => makeLog(i))
    const activity = useActivityStore()
    await activity.load()
    const newest = Date.parse(fake.logs[0]!.time)
    const target = Date.parse(fake.logs[250]!.time)
    const found = await activity.reachDate(target - 1_800_000, target)
    expect(found).toEqual({ index: 250, exact: true })
    expect(activity.logs.length).toBe(300)
    // Before the oldest entry: everything is loaded and nothing is found.
    expect(await activity.reachDate(0, newest - 500 * 3_600_000)).toEqual({ index: -1, exact: false })
    expect(activity.logs.length).toBe(450)
  })

  it('filters by event within what is loaded, and counts the events', async () => {
    fake.logs = Array.from({ length: 9 }, (_, i) => makeLog(i))
    const activity = useActivityStore()
    await activity.load()
    expect(activity.events).toEqual([
      { event: 'session.create', count: 3 },
      { event: 'session.delete', count: 3 },
      { event: 'user.update', count: 3 },
    ])
    activity.eventFilter = 'user.update'
    expect(activity.filtered.map((log) => log.event)).toEqual(['user.update', 'user.update', 'user.update'])
    activity.eventFilter = ''
    expect(activity.filtered).toHaveLength(9)
  })

  it("keeps Appwrite's error for a failed load, and keeps loaded entries when a later page fails", async () => {
    const activity = useActivityStore()
    fake.failNext('logs.list', NETWORK)
    expect(await activity.load()).toEqual({ ok: false, error: NETWORK })
    expect(activity.status).toBe('error')
    expect(activity.error).toEqual(NETWORK)

    fake.logs = Array.from({ length: 2 * LOG_PAGE_SIZE }, (_, i) => makeLog(i))
    await activity.load()
    fake.failNext('logs.list', { type: 'general_query_invalid', code: 400, message: 'Invalid offset' })
    expect((await activity.loadMore()).ok).toBe(false)
    expect(activity.moreError?.type).toBe('general_query_invalid')
    expect(activity.logs).toHaveLength(LOG_PAGE_SIZE)
    // No retry loop on every scroll: only an explicit retry asks again.
    expect(await activity.loadMore()).toEqual({ ok: true, data: 0 })
    expect(await activity.retryMore()).toEqual({ ok: true, data: LOG_PAGE_SIZE })
    expect(activity.logs).toHaveLength(2 * LOG_PAGE_SIZE)
  })

  it('drops an answer that arrives after a reload started', async () => {
    fake.logs = [makeLog(0)]
    const activity = useActivityStore()
    const held = fake.holdNext('logs.list')
    const stale = activity.load()
    fake.logs = [makeLog(0), makeLog(1)]
    const fresh = activity.load()
    held.release()
    expect(await stale).toMatchObject({ ok: false, error: { type: 'cancelled' } })
    expect((await fresh).ok).toBe(true)
    expect(activity.logs).toHaveLength(2)
  })

  it('exports through main and reports the saved path', async () => {
    fake.logs = [makeLog(0), makeLog(1)]
    const activity = useActivityStore()
    expect(await activity.exportCsv()).toEqual({ ok: true, data: { path: '/home/ada/activity.csv', rows: 2 } })
    fake.failNext('logs.exportCsv', NETWORK)
    expect(await activity.exportCsv()).toEqual({ ok: false, error: NETWORK })
    expect(activity.exporting).toBe(false)
  })
})

describe('identities store', () => {
  it('lists and unlinks, keeping the error of a refused unlink', async () => {
    fake.identities = [
      {
        $id: 'id1',
        $createdAt: '',
        $updatedAt: '',
        userId: 'user1',
        provider: 'github',
        providerUid: '1',
        providerEmail: 'ada@github',
        providerAccessTokenExpiry: '',
      },
    ]
    const store = useIdentitiesStore()
    expect((await store.load()).ok).toBe(true)
    expect(store.identities).toHaveLength(1)
    expect(await store.remove('nope')).toMatchObject({ ok: false, error: { type: 'user_identity_not_found' } })
    expect(store.identities).toHaveLength(1)
    expect(await store.remove('id1')).toMatchObject({ ok: true })
    expect(store.identities).toEqual([])
    expect(store.removingId).toBeNull()
  })

  it('drops a list asked for before an unlink answered, and keeps the unlink’s list', async () => {
    const identity = { $createdAt: '', $updatedAt: '', userId: 'user1', provider: 'github', providerUid: '1', providerEmail: '', providerAccessTokenExpiry: '' }
    fake.identities = [
      { ...identity, $id: 'id1' },
      { ...identity, $id: 'id2' },
    ]
    const store = useIdentitiesStore()
    await store.load()
    const held = fake.holdNext('identities.list')
    const stale = store.load()
    expect(store.status).toBe('loading')
    expect(await store.remove('id1')).toMatchObject({ ok: true })
    expect(store.status).toBe('ready')
    held.release()
    expect(await stale).toMatchObject({ ok: false, error: { type: 'cancelled' } })
    expect(store.identities.map((i) => i.$id)).toEqual(['id2'])
  })
})

describe('targets store', () => {
  it('groups targets by kind, adds, updates and removes push targets', async () => {
    fake.targets = [makeTarget({ $id: 'mail', providerType: 'email', identifier: 'ada@example.com' }), makeTarget({ $id: 'push1', identifier: 'tok-1' })]
    const store = useTargetsStore()
    await store.load()
    expect(store.groups.map((g) => [g.kind, g.targets.map((t) => t.$id)])).toEqual([
      ['push', ['push1']],
      ['email', ['mail']],
      ['sms', []],
    ])
    expect(await store.add('  tok-2  ', ' ')).toMatchObject({ ok: true })
    expect(fake.calls.find((c) => c.method === 'targets.createPush')?.args).toEqual({ profileId: 'local', identifier: 'tok-2' })
    expect(await store.add('tok-2', '')).toMatchObject({ ok: false, error: { type: 'user_target_already_exists' } })
    expect(await store.update('push1', 'tok-1b')).toMatchObject({ ok: true })
    expect(store.targets.find((t) => t.$id === 'push1')?.identifier).toBe('tok-1b')
    expect(await store.remove('push1')).toMatchObject({ ok: true })
    expect(store.targets.map((t) => t.$id)).not.toContain('push1')
    expect(store.busy).toBeNull()
  })
})

describe('mfa store', () => {
  it('enrols an authenticator: secret shown, wrong code refused, right code verifies', async () => {
    const mfa = useMfaStore()
    await mfa.load()
    expect(await mfa.startEnrolment()).toMatchObject({ ok: true })
    expect(mfa.enrolment?.uri).toMatch(/^otpauth:\/\/totp\//)
    expect(await mfa.verifyEnrolment('000000')).toMatchObject({ ok: false, error: { type: 'user_invalid_token' } })
    expect(mfa.enrolment).not.toBeNull()
    expect(await mfa.verifyEnrolment(FAKE_MFA_CODE)).toMatchObject({ ok: true })
    expect(mfa.enrolment).toBeNull()
    expect(mfa.factors?.totp).toBe(true)
  })

  it('passes on "challenge required" for removal, and removes after a challenge', async () => {
    fake.factors = { ...fake.factors, totp: true }
    const mfa = useMfaStore()
    await mfa.load()
    expect(await mfa.removeAuthenticator()).toEqual({ ok: false, error: ERRORS.challengeRequired })
    const challenge = await mfa.createChallenge('totp')
    if (!challenge.ok) throw new Error('no challenge')
    expect(fake.callsOf('mfa.createChallenge')).toEqual([{ profileId: 'local', factor: 'totp' }])
    expect(await mfa.completeChallenge(challenge.data, '999999')).toMatchObject({ ok: false, error: { type: 'user_invalid_token' } })
    expect(await mfa.completeChallenge(challenge.data, FAKE_MFA_CODE)).toMatchObject({ ok: true })
    expect(await mfa.removeAuthenticator()).toMatchObject({ ok: true })
    expect(mfa.factors?.totp).toBe(false)
  })

  it('shows recovery codes once, saves them, and forgets them when dismissed', async () => {
    const mfa = useMfaStore()
    await mfa.load()
    expect(await mfa.createRecoveryCodes()).toMatchObject({ ok: true })
    expect(mfa.recoveryCodes).toHaveLength(6)
    expect(mfa.factors?.recoveryCode).toBe(true)
    expect(await mfa.saveRecoveryCodes()).toEqual({ ok: true, data: '/home/ada/recovery-codes.txt' })
    expect(fake.calls.find((c) => c.method === 'mfa.saveRecoveryCodes')?.args).toEqual({ profileId: 'local', codes: mfa.recoveryCodes })
    mfa.dismissRecoveryCodes()
    expect(mfa.recoveryCodes).toBeNull()
    expect((await mfa.saveRecoveryCodes()).ok).toBe(false)
  })

  it('turns MFA on and refreshes the account', async () => {
    const mfa = useMfaStore()
    const before = fake.calls.filter((c) => c.method === 'auth.getState').length
    expect(await mfa.setEnabled(true)).toMatchObject({ ok: true })
    expect(fake.calls.find((c) => c.method === 'mfa.setEnabled')?.args).toEqual({ profileId: 'local', enabled: true })
    expect(fake.calls.filter((c) => c.method === 'auth.getState').length).toBe(before + 1)
    expect(fake.account.mfa).toBe(true)
  })

  it('reports a failed load as an error state', async () => {
    fake.failNext('mfa.getFactors', NETWORK)
    const mfa = useMfaStore()
    expect(await mfa.load()).toEqual({ ok: false, error: NETWORK })
    expect(mfa.status).toBe('error')
    expect(useAppStore().activeProfileId).toBe('local')
  })
})

describe('activity charts data', () => {
  const logs = [
    makeLog(0, { time: '2025-03-14T10:00:00.000Z', event: 'session.create' }),
    makeLog(1, { time: '2025-03-14T11:00:00.000Z', event: 'session.create' }),
    makeLog(2, { time: '2025-03-17T11:00:00.000Z', event: 'user.update', deviceName: 'smartphone', osName: 'Android' }),
  ]

  it('counts per local day, filling the days between with zero', () => {
    const days = perDay(logs)
    expect(days.labels).toHaveLength(4)
    expect(days.counts).toEqual([2, 0, 0, 1])
    expect(perDay([])).toEqual({ labels: [], counts: [] })
  })

  it('counts by event and by device, largest first, the rest as "Other"', () => {
    expect(byEvent(logs)).toEqual({ labels: ['session.create', 'user.update'], counts: [2, 1] })
    expect(byEvent(logs, 1)).toEqual({ labels: ['session.create', 'Other'], counts: [2, 1] })
    expect(byDevice(logs)).toEqual({ labels: ['Desktop · Linux', 'Smartphone · Android'], counts: [2, 1] })
    expect(eventCounts(logs)[0]).toEqual({ event: 'session.create', count: 2 })
    expect(clientLabel(logs[0]!)).toBe('Chrome 126.0 on Linux')
  })
})

describe('MFA explanation', () => {
  const none = { totp: false, phone: false, email: false, recoveryCode: false }
  const account = { mfa: false, email: 'ada@example.com', emailVerification: false, phone: '', phoneVerification: false }

  it('says MFA on without a second channel changes nothing (appwrite-behaviour §6)', () => {
    const text = explainMfa({ ...account, mfa: true }, { ...none, recoveryCode: true })
    expect(text.enforced).toBe(false)
    expect(text.status).toContain('no effect yet')
  })

  it('names every second step a sign-in will ask for', () => {
    const text = explainMfa({ ...account, mfa: true, emailVerification: true }, { ...none, totp: true })
    expect(text.enforced).toBe(true)
    expect(text.status).toContain('a code from your authenticator app or a code sent to ada@example.com')
    expect(text.status).toContain('Create recovery codes')
    expect(explainMfa(account, { ...none, totp: true }).turnOn).toContain('From your next sign-in')
    expect(explainMfa(account, none).turnOn).toContain('nothing changes')
  })
})
