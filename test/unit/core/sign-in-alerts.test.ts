/**
 * Sign-in alerts in main (issue 15 item 4): what another device does to the account becomes an
 * alert — event to the window, desktop notification, history — and what this app does itself
 * never does; muting keeps the history; no alert carries a secret.
 * The first part runs the real core against the sandbox; the second feeds typed events to the
 * alert logic directly, for the cases the sandbox cannot stage cheaply.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountDTO, AlertDTO, AlertHistoryDTO, AppStatus, AuthState, LiveEventDTO, SessionDTO } from '../../../src-shared/ipc'
import { ALERT_HISTORY_LIMIT } from '../../../src-shared/ipc'
import type { DesktopNotification, Host } from '../../../src-main/core'
import type { AccountClient, CreatedSession } from '../../../src-main/core/appwrite'
import { AppwriteError } from '../../../src-main/core/appwrite'
import { AlertHistory } from '../../../src-main/core/live/alert-history'
import { SignInAlerts, alertKindOf } from '../../../src-main/core/live/alerts'
import { NOTE_GRACE_MS, OwnWrites } from '../../../src-main/core/live/own-writes'
import { OTHER_DEVICE_UA, PASSWORD, expectOk, profileId, sandboxFetch, signInElsewhere, signUp, CoreWorld, uniqueEmail, until } from './core-world'

describe('sign-in alerts against the sandbox', () => {
  let harness: CoreWorld
  beforeEach(async () => {
    harness = await CoreWorld.start()
  })
  afterEach(async () => {
    await harness.close()
  })

  const alerts = () => harness.events.filter((e) => e.name === 'alert').map((e) => e.payload as AlertDTO)
  const opened = () => harness.events.filter((e) => e.name === 'alertOpened').map((e) => e.payload as AlertDTO)
  const liveEvents = () => harness.events.filter((e) => e.name === 'liveEvent').map((e) => e.payload as LiveEventDTO)
  const history = async () => expectOk<AlertHistoryDTO>(await harness.core.invoke('alerts.history', { profileId }))

  const liveCount = () => harness.events.filter((e) => e.name === 'liveStatus' && (e.payload as { state: string }).state === 'live').length
  /** The session ended elsewhere: wait for core to have signed out here (its last write) before the test ends. */
  async function signedOutHere(): Promise<void> {
    await until(() => (harness.events.some((e) => e.name === 'authChanged' && (e.payload as AuthState).status === 'signed-out') ? true : undefined))
  }

  async function signedUpLive(): Promise<{ email: string; userId: string }> {
    const email = uniqueEmail('alerts')
    const state = await signUp(harness, email)
    await until(() => (liveCount() >= 1 ? true : undefined))
    return { email, userId: state.account?.$id ?? '' }
  }

  it('a sign-in on another device: an alert to the window, a desktop notification and a history entry, with the session’s device and no secret', async () => {
    const { email, userId } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    const alert = await until(() => alerts()[0])
    const otherId = String((await sandboxFetch(harness, 'GET', '/account/sessions/current', { session: other })).body['$id'])

    expect(alert).toMatchObject({
      profileId,
      kind: 'sign-in',
      muted: false,
      session: { $id: otherId, userId, clientName: 'Chrome', osName: 'Windows', current: false },
    })
    expect(alert.session).toHaveProperty('ip')
    expect(alert.session).toHaveProperty('countryName')
    expect(Date.parse(alert.time)).not.toBeNaN()
    // No secret anywhere in what leaves main: not the other device's session, not ours.
    const own = await harness.sessionValue(userId)
    for (const text of [JSON.stringify(alert), JSON.stringify(harness.notifications.map(({ title, body }) => ({ title, body })))]) {
      expect(text).not.toContain(other)
      expect(text).not.toContain(own)
      expect(text).not.toMatch(/"secret"|"providerAccessToken"|"providerRefreshToken"/)
    }

    expect(harness.notifications).toHaveLength(1)
    expect(harness.notifications[0]!.title).toBe('New sign-in on another device')
    expect(harness.notifications[0]!.body).toContain('Chrome')
    expect(harness.notifications[0]!.body).toContain('Windows')
    harness.notifications[0]!.onClick()
    expect(opened()).toEqual([alert])

    expect((await history()).alerts).toEqual([alert])
  })

  it('what this app does itself raises nothing: its own sign-in, password, e-mail and MFA changes', async () => {
    const { email } = await signedUpLive()
    expectOk(await harness.core.invoke('account.updatePassword', { profileId, password: 'a new horse battery', oldPassword: PASSWORD }))
    const newEmail = uniqueEmail('alerts-moved')
    expectOk(await harness.core.invoke('account.updateEmail', { profileId, email: newEmail, password: 'a new horse battery' }))
    expectOk(await harness.core.invoke('mfa.setEnabled', { profileId, enabled: true }))
    expectOk(await harness.core.invoke('mfa.setEnabled', { profileId, enabled: false }))
    await until(() => (liveEvents().filter((e) => e.event.endsWith('.update.mfa')).length >= 2 ? true : undefined))
    expect(liveEvents().some((e) => e.event.endsWith('.update.password'))).toBe(true)
    expect(liveEvents().some((e) => e.event.endsWith('.update.email'))).toBe(true)
    // Signing in again here while the feed is live: the new session is ours.
    const livesBefore = liveCount()
    expectOk<AuthState>(await harness.core.invoke('auth.signInWithPassword', { profileId, email: newEmail, password: 'a new horse battery' }))
    await until(() => (liveCount() > livesBefore ? true : undefined))
    // Something from elsewhere afterwards proves the feed was judging all along.
    const other = await signInElsewhere(harness, newEmail, 'a new horse battery')
    await until(() => alerts()[0])
    expect(alerts().map((a) => a.kind)).toEqual(['sign-in'])
    expect(alerts()[0]!.session?.$id).toBe(String((await sandboxFetch(harness, 'GET', '/account/sessions/current', { session: other })).body['$id']))
    expect(email).not.toBe(newEmail)
  })

  it('e-mail and password changed from another device each raise their alert (the password change then ends this session)', async () => {
    const { email } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    await until(() => alerts()[0])
    const patch = (path: string, body: unknown) => sandboxFetch(harness, 'PATCH', path, { session: other, body, userAgent: OTHER_DEVICE_UA })
    const moved = uniqueEmail('alerts-elsewhere')
    expect((await patch('/account/email', { email: moved, password: PASSWORD })).status).toBe(200)
    await until(() => (alerts().length >= 2 ? true : undefined))
    // Appwrite 1.8 ends every other session on a password change (invalidateSessions), this one too.
    expect((await patch('/account/password', { password: 'someone else’s', oldPassword: PASSWORD })).status).toBe(200)
    await until(() => (alerts().length >= 3 ? true : undefined))

    expect(alerts().map((a) => a.kind)).toEqual(['sign-in', 'email', 'password'])
    expect(alerts()[1]).toMatchObject({ kind: 'email', email: moved })
    expect(harness.notifications.map((n) => n.title)).toEqual([
      'New sign-in on another device',
      'Your e-mail address was changed elsewhere',
      'Your password was changed elsewhere',
    ])
    expect(harness.notifications[1]!.body).toContain(moved)
    expect((await history()).alerts.map((a) => a.kind)).toEqual(['password', 'email', 'sign-in'])
    await signedOutHere()
  })

  it('the account blocked from another device raises an alert', async () => {
    const { email } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    await until(() => alerts()[0])
    expect((await sandboxFetch(harness, 'PATCH', '/account/status', { session: other, body: {}, userAgent: OTHER_DEVICE_UA })).status).toBe(200)
    await until(() => (alerts().length >= 2 ? true : undefined))
    expect(alerts().map((a) => a.kind)).toEqual(['sign-in', 'blocked'])
    expect(harness.notifications.at(-1)?.title).toBe('Your account was blocked')
    await signedOutHere()
  })

  it('a muted profile gets no notification and no banner (the alert goes to the window marked muted), and the history records it — across a restart', async () => {
    const { email } = await signedUpLive()
    expect(expectOk<AlertHistoryDTO>(await harness.core.invoke('alerts.setMuted', { profileId, muted: true }))).toEqual({ muted: true, alerts: [] })
    await signInElsewhere(harness, email)
    // The history is written before the window would be told, so once it lists the alert the rest is decided.
    const entry = await untilAsync(async () => (await history()).alerts[0])
    expect(entry).toMatchObject({ kind: 'sign-in', muted: true })
    expect(alerts()).toEqual([entry])
    expect(harness.notifications).toEqual([])

    await harness.restart()
    expect(await history()).toEqual({ muted: true, alerts: [entry] })
    const profile = JSON.parse(await readFile(join(harness.dataDir, 'profiles.json'), 'utf8')) as { profiles: Array<{ id: string; alertsMuted?: boolean }> }
    expect(profile.profiles.find((p) => p.id === profileId)?.alertsMuted).toBe(true)
    expect(expectOk<AlertHistoryDTO>(await harness.core.invoke('alerts.setMuted', { profileId, muted: false })).muted).toBe(false)
  })

  it('the mute setting is part of the profile: listed with it, and kept when the profile is edited', async () => {
    expectOk(await harness.core.invoke('alerts.setMuted', { profileId, muted: true }))
    const status = expectOk<{ status: AppStatus }>(await harness.core.invoke('app.start', undefined)).status
    const sandbox = status.profiles.find((p) => p.id === profileId)!
    expect(sandbox.alertsMuted).toBe(true)
    const { label, endpoint, projectId, oauthProviders } = sandbox
    expectOk(await harness.core.invoke('profiles.update', { profileId, label, endpoint, projectId, oauthProviders, redirectStrategy: 'loopback' }))
    expect(await history()).toEqual({ muted: true, alerts: [] })
    expectOk(await harness.core.invoke('alerts.setMuted', { profileId, muted: false }))
    const after = expectOk<{ status: AppStatus }>(await harness.core.invoke('app.start', undefined)).status
    // Unmuted profiles carry no field at all, as before alerts existed.
    expect(after.profiles.find((p) => p.id === profileId)).not.toHaveProperty('alertsMuted')
  })

  it('refuses a mute setting that is not a boolean, and an unknown profile', async () => {
    const bad = await harness.core.invoke('alerts.setMuted', { profileId, muted: 'yes' })
    expect(bad.ok ? null : bad.error.type).toBe('invalid_argument')
    const extra = await harness.core.invoke('alerts.setMuted', { profileId, muted: true, also: 1 })
    expect(extra.ok ? null : extra.error.type).toBe('invalid_argument')
    const unknown = await harness.core.invoke('alerts.history', { profileId: 'nope' })
    expect(unknown.ok ? null : unknown.error.type).toBe('no_profile')
  })
})

async function untilAsync<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met before the deadline')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// ---- the alert logic on its own ---------------------------------------------------------------

const USER = 'u1'
function session(id: string): SessionDTO {
  return {
    $id: id,
    $createdAt: '2026-12-05T07:00:00.000+00:00',
    $updatedAt: '2026-12-05T07:00:00.000+00:00',
    userId: USER,
    expire: '2027-12-05T07:00:00.000+00:00',
    provider: 'email',
    providerUid: 'a@example.com',
    providerAccessTokenExpiry: '',
    ip: '203.0.113.9',
    osCode: 'MAC',
    osName: 'Mac',
    osVersion: '14',
    clientType: 'browser',
    clientCode: 'FF',
    clientName: 'Firefox',
    clientVersion: '128',
    clientEngine: 'Gecko',
    clientEngineVersion: '128',
    deviceName: 'desktop',
    deviceBrand: 'Apple',
    deviceModel: '',
    countryCode: 'de',
    countryName: 'Germany',
    current: false,
    factors: ['password'],
    mfaUpdatedAt: '',
  }
}
function account(fields: Partial<AccountDTO>): AccountDTO {
  return { $id: USER, email: 'a@example.com', prefs: {}, mfa: false, status: true, ...fields } as AccountDTO
}
let stamp = 0
function event(change: LiveEventDTO['change']): LiveEventDTO {
  stamp += 1
  return { profileId: 'p1', timestamp: new Date(Date.UTC(2026, 11, 5, 7, 0, stamp)).toISOString(), event: 'users.u1.x', change }
}
/** What a session-creating call answers (the Session model has its secret fields, empty for a client). */
const created = (id: string): CreatedSession => ({ session: { ...session(id), secret: '', providerAccessToken: '', providerRefreshToken: '' }, capture: null })
const signInElsewhereEvent = (id: string) => event({ kind: 'session', action: 'create', session: session(id), thisDevice: false })

describe('which change is which alert', () => {
  it('names sign-ins of other sessions, password, e-mail, blocking, recovery and MFA going from on to off — nothing else', () => {
    expect(alertKindOf({ kind: 'session', action: 'create', session: session('s2'), thisDevice: false }, null)).toBe('sign-in')
    expect(alertKindOf({ kind: 'session', action: 'create', session: session('s1'), thisDevice: true }, null)).toBeNull()
    expect(alertKindOf({ kind: 'session', action: 'delete', session: session('s2'), thisDevice: false }, null)).toBeNull()
    expect(alertKindOf({ kind: 'account', field: 'password', account: account({}) }, null)).toBe('password')
    expect(alertKindOf({ kind: 'account', field: 'email', account: account({}) }, null)).toBe('email')
    expect(alertKindOf({ kind: 'account', field: 'status', account: account({ status: false }) }, null)).toBe('blocked')
    expect(alertKindOf({ kind: 'account', field: 'status', account: account({ status: true }) }, null)).toBeNull()
    expect(alertKindOf({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }, true)).toBe('mfa-off')
    // Adding an authenticator with MFA off all along, or a state we never saw: no alert.
    expect(alertKindOf({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }, false)).toBeNull()
    expect(alertKindOf({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }, null)).toBeNull()
    expect(alertKindOf({ kind: 'account', field: 'mfa', account: null }, true)).toBeNull()
    expect(alertKindOf({ kind: 'resource', resource: 'recovery', action: 'update', id: 't1' }, null)).toBe('password')
    expect(alertKindOf({ kind: 'resource', resource: 'recovery', action: 'create', id: 't1' }, null)).toBeNull()
    expect(alertKindOf({ kind: 'account', field: 'prefs', account: account({}) }, null)).toBeNull()
    expect(alertKindOf({ kind: 'account-deleted' }, null)).toBeNull()
  })
})

describe('SignInAlerts', () => {
  let dir: string
  let now: number
  let muted: boolean
  let emitted: Array<{ name: string; payload: unknown }>
  let notified: DesktopNotification[]
  let ownWrites: OwnWrites
  let alerts: SignInAlerts
  let history: AlertHistory

  const host = (): Host =>
    ({
      dataDir: dir,
      emit: (name: string, payload: unknown) => void emitted.push({ name, payload }),
      notify: (n: DesktopNotification) => void notified.push(n),
      log: () => undefined,
      now: () => now,
    }) as unknown as Host

  async function build(): Promise<void> {
    history = await AlertHistory.open(dir, () => undefined)
    alerts = new SignInAlerts({
      host: host(),
      profiles: {
        get: (id) => (id === 'p1' ? { label: 'Work' } : null),
        alertsMuted: () => muted,
        setAlertsMuted: async (_id, value) => void (muted = value),
      },
      ownWrites,
      history,
    })
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ac-alerts-'))
    now = 1_000_000
    muted = false
    emitted = []
    notified = []
    ownWrites = new OwnWrites(() => now)
    await build()
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('MFA turned off elsewhere: alerted once it was seen on, by the account at sign-in or by an event', async () => {
    alerts.observe(event({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }))
    await alerts.settled()
    expect(notified).toHaveLength(0)
    alerts.accountSeen('p1', account({ mfa: true }))
    alerts.observe(event({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }))
    alerts.observe(event({ kind: 'account', field: 'mfa', account: account({ mfa: true }) }))
    alerts.observe(event({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }))
    await alerts.settled()
    expect(notified.map((n) => n.title)).toEqual(['Two-step sign-in was turned off elsewhere', 'Two-step sign-in was turned off elsewhere'])
    expect(notified[0]!.body).toContain('(Work)')
  })

  it('keeps the last 20 alerts per profile, newest first, and reads them back after a restart', async () => {
    for (let i = 0; i < ALERT_HISTORY_LIMIT + 5; i++) alerts.observe(signInElsewhereEvent(`s${i}`))
    await alerts.settled()
    const kept = alerts.history('p1').alerts
    expect(kept).toHaveLength(ALERT_HISTORY_LIMIT)
    expect(kept[0]!.session?.$id).toBe(`s${ALERT_HISTORY_LIMIT + 4}`)
    expect(kept.at(-1)!.session?.$id).toBe('s5')
    await build()
    expect(alerts.history('p1').alerts).toEqual(kept)
    await alerts.forget('p1')
    await build()
    expect(alerts.history('p1').alerts).toEqual([])
  })

  it('an unreadable history file is set aside, not trusted, and the history starts again', async () => {
    await writeFile(join(dir, 'alerts.json'), '{"version":1,"profiles":{"p1":[{"id":1}]')
    await build()
    expect(alerts.history('p1').alerts).toEqual([])
    alerts.observe(signInElsewhereEvent('s9'))
    await alerts.settled()
    expect(alerts.history('p1').alerts).toHaveLength(1)
  })

  it('muted: recorded and told to the window as muted, no notification; unmuted again, it notifies', async () => {
    expect(await alerts.setMuted('p1', true)).toEqual({ muted: true, alerts: [] })
    alerts.observe(signInElsewhereEvent('s2'))
    await alerts.settled()
    expect(emitted).toMatchObject([{ name: 'alert', payload: { kind: 'sign-in', muted: true } }])
    expect(notified).toEqual([])
    expect(alerts.history('p1')).toMatchObject({ muted: true, alerts: [{ kind: 'sign-in', muted: true }] })
    await alerts.setMuted('p1', false)
    alerts.observe(signInElsewhereEvent('s3'))
    await alerts.settled()
    expect(emitted.map((e) => (e.payload as AlertDTO).muted)).toEqual([true, false])
    expect(notified).toHaveLength(1)
  })

  it('no alert DTO carries a secret, even when the event’s session had one', async () => {
    const leaky = { ...session('s2'), secret: 'top-secret-value', providerAccessToken: 'tok', providerRefreshToken: 'ref' } as unknown as SessionDTO
    alerts.observe(event({ kind: 'session', action: 'create', session: leaky, thisDevice: false }))
    await alerts.settled()
    // live-change.ts strips these before an event exists; the alert strips them again.
    const [alert] = alerts.history('p1').alerts
    expect(alert?.session).toBeDefined()
    expect(alert?.session).not.toHaveProperty('secret')
    expect(alert?.session).not.toHaveProperty('providerAccessToken')
    expect(alert?.session).not.toHaveProperty('providerRefreshToken')
    expect(JSON.stringify(alerts.history('p1'))).not.toContain('top-secret-value')
    expect(JSON.stringify(notified.map(({ title, body }) => ({ title, body })))).not.toContain('top-secret-value')
  })

  it('events of a profile that is gone raise nothing', async () => {
    alerts.observe({ ...signInElsewhereEvent('s2'), profileId: 'gone' })
    await alerts.settled()
    expect(emitted).toEqual([])
    expect(alerts.history('gone').alerts).toEqual([])
  })

  describe('our own writes', () => {
    function fakeClient(overrides: Partial<Record<keyof AccountClient, (params: unknown) => Promise<unknown>>> = {}): AccountClient {
      return {
        updatePassword: async () => account({}),
        updateMFA: async () => account({}),
        updateName: async () => account({}),
        createEmailPasswordSession: async () => created('own-1'),
        ...overrides,
      } as unknown as AccountClient
    }

    it('a change this app made is not alerted — once, and only within the grace period after its answer', async () => {
      const client = ownWrites.watch('p1', fakeClient())
      await client.updatePassword({ password: 'x' })
      await client.updateName({ name: 'not an alert' })
      alerts.observe(event({ kind: 'account', field: 'password', account: account({}) }))
      await alerts.settled()
      expect(notified).toHaveLength(0)
      // The note is used up: the next password change is someone else's.
      alerts.observe(event({ kind: 'account', field: 'password', account: account({}) }))
      await alerts.settled()
      expect(notified).toHaveLength(1)
      // A note past its grace period no longer hides a change.
      await client.updatePassword({ password: 'y' })
      now += NOTE_GRACE_MS + 1
      alerts.observe(event({ kind: 'account', field: 'password', account: account({}) }))
      await alerts.settled()
      expect(notified).toHaveLength(2)
    })

    it('a request Appwrite refused changed nothing, so it hides nothing; turning MFA on is not a note for "off"', async () => {
      const client = ownWrites.watch(
        'p1',
        fakeClient({
          updatePassword: async () => {
            throw new AppwriteError('Invalid credentials', 401, 'user_invalid_credentials')
          },
        }),
      )
      await expect(client.updatePassword({ password: 'x' })).rejects.toBeInstanceOf(AppwriteError)
      await client.updateMFA({ mfa: true })
      alerts.accountSeen('p1', account({ mfa: true }))
      alerts.observe(event({ kind: 'account', field: 'password', account: account({ mfa: true }) }))
      alerts.observe(event({ kind: 'account', field: 'mfa', account: account({ mfa: false }) }))
      await alerts.settled()
      expect(notified.map((n) => n.title)).toEqual(['Your password was changed elsewhere', 'Two-step sign-in was turned off elsewhere'])
    })

    it('a session this app is creating is recognised even when its event arrives before the answer', async () => {
      let answer: (value: CreatedSession) => void = () => undefined
      const client = ownWrites.watch('p1', fakeClient({ createEmailPasswordSession: () => new Promise<CreatedSession>((resolve) => (answer = resolve)) }))
      const signingIn = client.createEmailPasswordSession({ email: 'a@example.com', password: 'x' })
      alerts.observe(signInElsewhereEvent('own-2'))
      alerts.observe(signInElsewhereEvent('someone-else'))
      answer(created('own-2'))
      await signingIn
      await alerts.settled()
      expect(alerts.history('p1').alerts.map((a) => a.session?.$id)).toEqual(['someone-else'])
    })
  })
})
