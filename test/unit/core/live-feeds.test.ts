/**
 * The live account feed in main (issue 15 items 2 and 5), against the real sandbox: one
 * subscription per signed-in profile authenticated from main, typed events to the window with no
 * secret in them, torn down on sign-out, back by itself after the sandbox restarts, and a
 * sentence for every way the session can end elsewhere.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { AuthState, LiveEventDTO, LiveStatusDTO, Notice } from '../../../src-shared/ipc'
import { startServer, type SandboxServer } from '../../../src-server'
import { END_MESSAGES, realtimeUrl } from '../../../src-main/core/live/live-feeds'
import { BLOCKED_MESSAGE } from '../../../src-main/core/auth/auth-service'
import { OTHER_DEVICE_UA, expectOk, profileId, sandboxFetch, signInElsewhere, signUp, CoreWorld, uniqueEmail, until } from './core-world'

let harness: CoreWorld
let restarted: SandboxServer | null = null
beforeEach(async () => {
  harness = await CoreWorld.start()
})
afterEach(async () => {
  await harness.close()
  await restarted?.close()
  restarted = null
})

const liveEvents = () => harness.events.filter((e) => e.name === 'liveEvent').map((e) => e.payload as LiveEventDTO)
const statuses = () => harness.events.filter((e) => e.name === 'liveStatus').map((e) => e.payload as LiveStatusDTO)
const notices = () => harness.events.filter((e) => e.name === 'notice').map((e) => (e.payload as Notice).message)
const authStates = () => harness.events.filter((e) => e.name === 'authChanged').map((e) => e.payload as AuthState)

/** Waits until the feed has gone live `times` times in all. */
const liveCount = () => statuses().filter((s) => s.state === 'live').length
async function live(times = 1): Promise<void> {
  await until(() => (liveCount() >= times ? true : undefined))
}

async function signedUpLive(): Promise<{ email: string; userId: string; session: string }> {
  const email = uniqueEmail('live')
  const state = await signUp(harness, email)
  const userId = state.account?.$id ?? ''
  await live()
  return { email, userId, session: await harness.sessionValue(userId) }
}

/** The id of the session a session value stands for. */
async function sessionIdOf(session: string): Promise<string> {
  const current = await sandboxFetch(harness, 'GET', '/account/sessions/current', { session })
  return String(current.body['$id'])
}

describe('realtime URL', () => {
  it('derives the endpoint as the SDKs do', () => {
    expect(realtimeUrl('https://cloud.appwrite.io/v1', 'p1')).toBe('wss://cloud.appwrite.io/v1/realtime?project=p1&channels%5B%5D=account')
    expect(realtimeUrl('http://127.0.0.1:8787/v1/', 'local')).toBe('ws://127.0.0.1:8787/v1/realtime?project=local&channels%5B%5D=account')
  })
})

describe('live account feed', () => {
  it('tells the window about a sign-in elsewhere and prefs changed elsewhere, with no secret', async () => {
    const { email, userId } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    const otherId = await sessionIdOf(other)
    const created = await until(() => liveEvents().find((e) => e.change.kind === 'session' && e.change.action === 'create'))
    expect(created).toMatchObject({ profileId, event: `users.${userId}.sessions.${otherId}.create` })
    expect(created.change).toMatchObject({
      kind: 'session',
      thisDevice: false,
      session: { $id: otherId, current: false, clientName: 'Chrome', osName: 'Windows' },
    })
    expect(created.change.kind === 'session' && Object.keys(created.change.session)).not.toContain('secret')

    expect((await sandboxFetch(harness, 'PATCH', '/account/prefs', { session: other, body: { prefs: { theme: 'dark' } } })).status).toBe(200)
    const prefs = await until(() => liveEvents().find((e) => e.change.kind === 'account' && e.change.field === 'prefs'))
    expect(prefs.change).toMatchObject({ kind: 'account', field: 'prefs', account: { $id: userId, prefs: { theme: 'dark' } } })

    // Recovery codes made elsewhere arrive as "MFA changed", never with the codes.
    const codes = await sandboxFetch(harness, 'POST', '/account/mfa/recovery-codes', { session: other, body: {} })
    expect(codes.status).toBe(201)
    const mfa = await until(() => liveEvents().find((e) => e.change.kind === 'account' && e.change.field === 'mfa'))
    expect(mfa.change).toEqual({ kind: 'account', field: 'mfa', account: null })
    const everything = JSON.stringify(harness.events)
    for (const code of codes.body['recoveryCodes'] as string[]) expect(everything).not.toContain(code)
    expect(everything).not.toContain(other)
  })

  it('stops on sign-out here without calling it a sign-out from elsewhere', async () => {
    await signedUpLive()
    expectOk(await harness.core.invoke('auth.signOut', { profileId }))
    await until(() => statuses().find((s) => s.state === 'stopped'))
    expect(notices()).toEqual([])
  })

  it('comes back by itself after the sandbox restarts', async () => {
    const { email, userId } = await signedUpLive()
    const port = harness.sandbox.port
    await harness.sandbox.close()
    await until(() => statuses().find((s) => s.state === 'connecting' && s.retryInMs !== undefined))
    restarted = await startServer({ dataDir: join(harness.dataDir, 'sandbox'), port, rateLimits: false })
    await live(2)
    const other = await signInElsewhere({ ...harness, sandbox: restarted } as CoreWorld, email)
    const otherId = String(
      (
        (await fetch(`${restarted.url}/account/sessions/current`, { headers: { 'X-Appwrite-Project': 'local', 'X-Appwrite-Session': other } }).then((r) =>
          r.json(),
        )) as { $id: string }
      ).$id,
    )
    await until(() => liveEvents().find((e) => e.event === `users.${userId}.sessions.${otherId}.create`))
  })

  it('says so when this session is deleted from another device', async () => {
    const { email, session } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    const own = await sessionIdOf(session)
    expect((await sandboxFetch(harness, 'DELETE', `/account/sessions/${own}`, { session: other })).status).toBe(204)
    await until(() => (notices().includes(END_MESSAGES.deleted) ? true : undefined))
    expect(authStates().at(-1)).toMatchObject({ profileId, status: 'signed-out' })
    expect(statuses().at(-1)?.state).toBe('stopped')
  })

  it('says so when a request finds the session gone and no event came (the feed was paused)', async () => {
    const { email, session } = await signedUpLive()
    harness.core.setOnline(false)
    await until(() => (statuses().at(-1)?.state === 'paused' ? true : undefined))
    const other = await signInElsewhere(harness, email)
    const own = await sessionIdOf(session)
    expect((await sandboxFetch(harness, 'DELETE', `/account/sessions/${own}`, { session: other })).status).toBe(204)
    const refused = await harness.core.invoke('account.get', { profileId })
    expect(refused.ok).toBe(false)
    expect(notices()).toEqual([END_MESSAGES.ended])
    const notice = harness.events.find((e) => e.name === 'notice')?.payload as Notice
    expect(notice.topic).toBe('session-ended')
    expect(authStates().at(-1)).toMatchObject({ profileId, status: 'signed-out' })
  })

  it('says so when an eleventh sign-in evicts this session', { timeout: 120_000 }, async () => {
    const { email } = await signedUpLive()
    for (let i = 0; i < 10; i++) await signInElsewhere(harness, email)
    await until(() => (notices().includes(END_MESSAGES.evicted) ? true : undefined), 20_000)
    expect(authStates().at(-1)).toMatchObject({ status: 'signed-out' })
  })

  it('says so when the account is blocked from elsewhere', async () => {
    const { email } = await signedUpLive()
    const other = await signInElsewhere(harness, email)
    expect((await sandboxFetch(harness, 'PATCH', '/account/status', { session: other, body: {}, userAgent: OTHER_DEVICE_UA })).status).toBe(200)
    await until(() => (notices().includes(BLOCKED_MESSAGE) ? true : undefined))
    expect(authStates().at(-1)).toMatchObject({ status: 'signed-out' })
    expect(notices().filter((n) => n === BLOCKED_MESSAGE)).toHaveLength(1)
  })
})
