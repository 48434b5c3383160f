/**
 * The pending-flow registry on its own: a controllable clock, profiles as plain data, loopback
 * listeners as fakes. Every branch of start, claim, expiry, cancel and the code-flow helpers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayloads, FlowDTO, FlowKind, ProfileDTO, RedirectStrategy } from '../../../src-shared/ipc'
import { parseDeepLink, type DeepLinkAction } from '../../../src-main/core/auth/deep-link'
import { FINISHED_FLOW_RETENTION_MS, FLOW_LIFETIME_MS, FlowRegistry } from '../../../src-main/core/auth/flows'
import type { LoopbackListener } from '../../../src-main/core/auth/loopback'

const MINUTE = 60_000

class World {
  now = Date.parse('2026-03-01T10:00:00.000Z')
  readonly flowEvents: FlowDTO[] = []
  readonly listeners: Array<LoopbackListener & { closed: boolean }> = []
  readonly profiles = new Map<string, ProfileDTO>()
  readonly registry: FlowRegistry
  #nextPort = 40000

  constructor() {
    this.addProfile('sandbox', 'local', 'scheme')
    this.registry = new FlowRegistry({
      host: {
        now: () => this.now,
        log: () => undefined,
        emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => {
          if (name === 'flowUpdated') this.flowEvents.push(payload as FlowDTO)
        },
      },
      profile: (id) => this.profiles.get(id) ?? null,
      openLoopback: async () => {
        const listener = { port: this.#nextPort++, closed: false, close: async () => void (listener.closed = true) }
        this.listeners.push(listener)
        return listener
      },
    })
  }

  addProfile(id: string, projectId: string, redirectStrategy: RedirectStrategy): void {
    this.profiles.set(id, {
      id,
      label: id,
      endpoint: 'https://example.com/v1',
      projectId,
      kind: id === 'sandbox' ? 'sandbox' : 'remote',
      redirectStrategy,
      oauthProviders: [],
    })
  }

  /** Parses a link the way the link entry does (known projects, open loopback ports). */
  link(url: string): Extract<DeepLinkAction, { kind: 'continue-flow' }> {
    const action = parseDeepLink(url, {
      appwriteCallbackProjects: [...this.profiles.values()].map((p) => p.projectId),
      loopbackPorts: this.registry.loopbackPorts(),
    })
    if (action.kind !== 'continue-flow') throw new Error(`link did not parse: ${action.reason}`)
    return action
  }
}

let world: World
afterEach(async () => {
  await world?.registry.dispose()
})

function fresh(): World {
  world = new World()
  return world
}

/** Appwrite's link: our redirect URL plus userId, secret, expire and project. */
function appwriteLink(redirectUrl: string, params: Record<string, string> = {}): string {
  const url = new URL(redirectUrl)
  const merged = { userId: 'user1', secret: 'a'.repeat(64), expire: '2026-03-01T11:00:00.000+00:00', project: 'local', ...params }
  for (const [k, v] of Object.entries(merged)) url.searchParams.set(k, v)
  return url.toString()
}

async function startLink(kind: FlowKind = 'magic-url', profileId = 'sandbox') {
  const started = await world.registry.start({ profileId, kind })
  if (!started.redirectUrl) throw new Error('expected a redirect URL')
  return { flowId: started.flow.flowId, redirectUrl: started.redirectUrl, flow: started.flow }
}

describe('starting a flow', () => {
  it('gives link flows a one-time nonce of at least 128 bits, URL-safe, never in the DTO', async () => {
    fresh()
    const a = await startLink()
    const b = await startLink()
    const nonceA = new URL(a.redirectUrl).searchParams.get('flow')!
    expect(nonceA).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(nonceA, 'base64url')).toHaveLength(32)
    expect(new URL(b.redirectUrl).searchParams.get('flow')).not.toBe(nonceA)
    expect(JSON.stringify(a.flow)).not.toContain(nonceA)
    expect(a.flow.flowId).not.toBe(nonceA)
    expect(a.flow).toEqual({
      flowId: a.flowId,
      profileId: 'sandbox',
      kind: 'magic-url',
      status: 'pending',
      expiresAt: new Date(world.now + 60 * MINUTE).toISOString(),
    })
  })

  it.each([
    ['scheme', /^account-console:\/\/recovery\?flow=[\w-]{43}$/],
    ['appwrite-callback', /^appwrite-callback-proj1:\/\/recovery\?flow=[\w-]{43}$/],
    ['loopback', /^http:\/\/127\.0\.0\.1:40000\/recovery\?flow=[\w-]{43}$/],
  ] as const)('builds the %s redirect URL of the profile', async (strategy, shape) => {
    fresh().addProfile('p', 'Proj1', strategy)
    const { redirectUrl } = await startLink('recovery', 'p')
    expect(redirectUrl).toMatch(shape)
    expect(world.listeners).toHaveLength(strategy === 'loopback' ? 1 : 0)
  })

  it('gives code flows no redirect URL and no listener, even on a loopback profile', async () => {
    fresh().addProfile('p', 'proj', 'loopback')
    for (const kind of ['email-otp', 'phone-otp', 'verify-phone'] as const) {
      const started = await world.registry.start({ profileId: 'p', kind })
      expect(started.redirectUrl).toBeNull()
    }
    expect(world.listeners).toHaveLength(0)
  })

  it('follows Appwrite’s token lifetimes, and an earlier expiry from Appwrite wins', async () => {
    fresh()
    for (const [kind, minutes] of [
      ['magic-url', 60],
      ['oauth', 10],
      ['recovery', 60],
      ['recovery-code', 15],
      ['verify-email', 60],
      ['email-otp', 15],
      ['phone-otp', 15],
    ] as const) {
      const { flow } = await world.registry.start({ profileId: 'sandbox', kind })
      expect(Date.parse(flow.expiresAt) - world.now, kind).toBe(minutes * MINUTE)
      expect(FLOW_LIFETIME_MS[kind]).toBe(minutes * MINUTE)
    }
    const { flow } = await world.registry.start({ profileId: 'sandbox', kind: 'email-otp', destination: 'a@example.com' })
    const later = world.registry.noteToken(flow.flowId, { userId: 'u1', expire: new Date(world.now + 30 * MINUTE).toISOString(), phrase: 'Brave zebra' })
    expect(later).toMatchObject({ expiresAt: flow.expiresAt, phrase: 'Brave zebra', destination: 'a@example.com' })
    const earlier = world.registry.noteToken(flow.flowId, { userId: 'u1', expire: new Date(world.now + 5 * MINUTE).toISOString() })
    expect(Date.parse(earlier.expiresAt) - world.now).toBe(5 * MINUTE)
  })

  it('refuses an unknown profile', async () => {
    fresh()
    await expect(world.registry.start({ profileId: 'nope', kind: 'magic-url' })).rejects.toMatchObject({ type: 'no_profile' })
  })

  it('refuses a link flow on appwrite-callback when the project id makes no URL scheme (a profile stored before the rule)', async () => {
    fresh().addProfile('odd', 'my_project', 'appwrite-callback')
    await expect(world.registry.start({ profileId: 'odd', kind: 'magic-url' })).rejects.toMatchObject({
      type: 'invalid_argument',
      message: expect.stringContaining('appwrite-callback-my_project://'),
    })
    // Code flows need no scheme.
    expect((await world.registry.start({ profileId: 'odd', kind: 'email-otp' })).redirectUrl).toBeNull()
  })
})

describe('claiming a returning link', () => {
  it('accepts the matching link once and consumes it: the replay is refused', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    const claim = world.registry.claim(world.link(appwriteLink(redirectUrl)))
    expect(claim).toMatchObject({ ok: true, flow: { flowId, kind: 'magic-url', remember: true }, params: { userId: 'user1', secret: 'a'.repeat(64) } })
    const replay = world.registry.claim(world.link(appwriteLink(redirectUrl)))
    expect(replay).toMatchObject({ ok: false, error: { type: 'flow_not_found', message: 'That link has already been used.' } })
    world.registry.finish(flowId, 'completed')
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl)))).toMatchObject({ ok: false, error: { message: 'That link has already been used.' } })
  })

  it('refuses a nonce no flow has', async () => {
    fresh()
    await startLink()
    const forged = world.registry.claim(world.link(appwriteLink(`account-console://magic-url?flow=${'x'.repeat(43)}`)))
    expect(forged).toMatchObject({ ok: false, error: { type: 'flow_not_found', message: expect.stringContaining('No sign-in') } })
  })

  it('refuses the right nonce with the wrong kind and leaves the flow waiting', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink('magic-url')
    const nonce = new URL(redirectUrl).searchParams.get('flow')!
    const wrongKind = world.registry.claim(world.link(appwriteLink(`account-console://recovery?flow=${nonce}`)))
    expect(wrongKind).toMatchObject({ ok: false, error: { type: 'flow_not_found', message: expect.stringContaining('does not belong') } })
    expect(world.registry.get(flowId).status).toBe('pending')
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl))).ok).toBe(true)
  })

  it('refuses a link for another profile’s project (project param or appwrite-callback scheme)', async () => {
    fresh().addProfile('other', 'proj2', 'appwrite-callback')
    const own = await startLink('magic-url')
    expect(world.registry.claim(world.link(appwriteLink(own.redirectUrl, { project: 'proj2' })))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('does not belong') },
    })
    const cb = await startLink('oauth', 'other')
    const nonce = new URL(cb.redirectUrl).searchParams.get('flow')!
    // Same nonce, delivered on the sandbox's channel instead of appwrite-callback-proj2.
    expect(world.registry.claim(world.link(appwriteLink(`account-console://oauth?flow=${nonce}`, { project: 'proj2' })))).toMatchObject({ ok: false })
    expect(world.registry.claim(world.link(appwriteLink(`appwrite-callback-local://oauth?flow=${nonce}`, { project: 'proj2' })))).toMatchObject({ ok: false })
    expect(world.registry.claim(world.link(appwriteLink(cb.redirectUrl, { project: 'proj2' })))).toMatchObject({ ok: true })
  })

  it('refuses a loopback link on another listener’s port', async () => {
    fresh().addProfile('lb', 'local', 'loopback')
    const a = await startLink('oauth', 'lb')
    const b = await startLink('oauth', 'lb')
    const nonceA = new URL(a.redirectUrl).searchParams.get('flow')!
    const onB = `http://127.0.0.1:${new URL(b.redirectUrl).port}/oauth?flow=${nonceA}`
    expect(world.registry.claim(world.link(appwriteLink(onB)))).toMatchObject({ ok: false, error: { message: expect.stringContaining('does not belong') } })
    expect(world.registry.loopbackPorts().sort()).toEqual([40000, 40001])
    expect(world.registry.claim(world.link(appwriteLink(a.redirectUrl))).ok).toBe(true)
    // The listener of a claimed flow is closed and no longer offered to the parser.
    expect(world.listeners[0]?.closed).toBe(true)
    expect(world.registry.loopbackPorts()).toEqual([40001])
  })

  it('explains an expired link, marks the flow expired and tells the window', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    world.now += 60 * MINUTE
    const claim = world.registry.claim(world.link(appwriteLink(redirectUrl)))
    expect(claim).toMatchObject({
      ok: false,
      error: { type: 'flow_expired', message: 'That link has expired. Start again to get a new one.' },
      flow: { flowId, status: 'expired' },
    })
    expect(world.flowEvents.at(-1)).toMatchObject({ flowId, status: 'expired' })
  })

  it('refuses the link of a cancelled flow', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    expect(world.registry.cancel(flowId)).toMatchObject({ status: 'cancelled' })
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl)))).toMatchObject({ ok: false, error: { message: expect.stringContaining('cancelled') } })
  })

  it.each([
    ['no secret', { secret: '' }],
    ['no user', { userId: '' }],
    ['a secret with markup', { secret: '<script>' }],
    ['a user id that is not an Appwrite id', { userId: '../../etc' }],
  ])('refuses a link with %s and changes nothing', async (_label, params) => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl, params)))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('incomplete') },
    })
    expect(world.registry.get(flowId).status).toBe('pending')
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl))).ok).toBe(true)
  })

  it('refuses a link whose secret was too long to be kept by the parser', async () => {
    fresh()
    const { redirectUrl } = await startLink()
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl, { secret: 'a'.repeat(1500) })))).toMatchObject({ ok: false })
  })

  it('refuses a link for another user than the one Appwrite issued the token to', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    world.registry.noteToken(flowId, { userId: 'user1', expire: '' })
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl, { userId: 'user2' })))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('does not belong') },
    })
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl, { userId: 'user1' }))).ok).toBe(true)
  })

  it('accepts an OAuth failure link (error, no secret) so the flow can end as failed', async () => {
    fresh()
    const { redirectUrl } = await startLink('oauth')
    const failure = `${redirectUrl}&error=${encodeURIComponent(JSON.stringify({ message: 'denied', type: 'user_oauth2_unauthorized', code: 401 }))}`
    expect(world.registry.claim(world.link(failure))).toMatchObject({ ok: true, params: { error: expect.stringContaining('denied') } })
  })

  it('does not expire a flow whose link is being completed', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl))).ok).toBe(true)
    world.now += 2 * 60 * MINUTE
    world.registry.sweep()
    expect(world.registry.finish(flowId, 'completed').status).toBe('completed')
  })

  it('forgets finished flows after a while; their links stay refused', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    world.registry.claim(world.link(appwriteLink(redirectUrl)))
    world.registry.finish(flowId, 'completed')
    world.now += FINISHED_FLOW_RETENTION_MS + 60 * MINUTE
    world.registry.sweep()
    expect(() => world.registry.get(flowId)).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl)))).toMatchObject({ ok: false, error: { message: expect.stringContaining('No sign-in') } })
  })
})

describe('statuses and events', () => {
  it('expires waiting flows on the sweep, closes their listener and tells the window', async () => {
    fresh().addProfile('lb', 'local', 'loopback')
    const { flowId } = await startLink('oauth', 'lb')
    world.now += 10 * MINUTE - 1
    world.registry.sweep()
    expect(world.flowEvents).toHaveLength(0)
    world.now += 1
    world.registry.sweep()
    expect(world.flowEvents).toEqual([expect.objectContaining({ flowId, status: 'expired', message: expect.stringContaining('too long') })])
    expect(world.listeners[0]?.closed).toBe(true)
    expect(world.registry.loopbackPorts()).toEqual([])
  })

  it('cancels one flow, or every waiting flow of a profile, with events; finished flows stay', async () => {
    fresh().addProfile('other', 'proj2', 'scheme')
    const a = await startLink()
    const b = await startLink()
    const c = await startLink('magic-url', 'other')
    world.registry.finish(b.flowId, 'completed')
    expect(world.registry.cancel(b.flowId).status).toBe('completed')
    world.registry.cancelProfile('sandbox')
    expect(world.registry.get(a.flowId).status).toBe('cancelled')
    expect(world.registry.get(b.flowId).status).toBe('completed')
    expect(world.registry.get(c.flowId).status).toBe('pending')
    expect(world.flowEvents.map((f) => [f.flowId, f.status])).toEqual([
      [b.flowId, 'completed'],
      [a.flowId, 'cancelled'],
    ])
    expect(() => world.registry.cancel('unknown')).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
  })

  it('recovery: awaits the password after the link, keeping its token in main only', async () => {
    fresh()
    const { flowId } = await world.registry
      .start({ profileId: 'sandbox', kind: 'recovery', email: 'a@example.com', destination: 'a@example.com' })
      .then((s) => ({ flowId: s.flow.flowId }))
    const dto = world.registry.awaitPassword(flowId, { userId: 'user1', secret: 's'.repeat(64) })
    expect(dto.status).toBe('needs-password')
    expect(JSON.stringify(dto)).not.toContain('s'.repeat(64))
    expect(JSON.stringify(world.flowEvents)).not.toContain('s'.repeat(64))
    const view = world.registry.requireWaiting(flowId, ['recovery'], 'needs-password')
    expect(view).toMatchObject({ email: 'a@example.com', linkToken: { userId: 'user1', secret: 's'.repeat(64) } })
    world.registry.finish(flowId, 'completed')
    expect(() => world.registry.requireWaiting(flowId, ['recovery'], 'needs-password')).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
  })

  it('requireWaiting: wrong kind, wrong step, unknown and expired flows are refused', async () => {
    fresh()
    const { flow } = await world.registry.start({ profileId: 'sandbox', kind: 'email-otp' })
    expect(world.registry.requireWaiting(flow.flowId, ['email-otp', 'phone-otp'])).toMatchObject({ kind: 'email-otp', status: 'pending' })
    expect(() => world.registry.requireWaiting(flow.flowId, ['recovery'])).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
    expect(() => world.registry.requireWaiting(flow.flowId, ['email-otp'], 'needs-password')).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
    expect(() => world.registry.requireWaiting('nope', ['email-otp'])).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
    world.now += 15 * MINUTE
    expect(() => world.registry.requireWaiting(flow.flowId, ['email-otp'])).toThrow(
      expect.objectContaining({ type: 'flow_expired', message: 'The code has expired. Send a new one.' }),
    )
  })

  it('discards a flow whose first step failed, silently', async () => {
    fresh()
    const { flowId, redirectUrl } = await startLink()
    world.registry.discard(flowId)
    expect(world.flowEvents).toHaveLength(0)
    expect(() => world.registry.get(flowId)).toThrow(expect.objectContaining({ type: 'flow_not_found' }))
    expect(world.registry.claim(world.link(appwriteLink(redirectUrl))).ok).toBe(false)
  })

  it('closes every listener on dispose', async () => {
    fresh().addProfile('lb', 'local', 'loopback')
    await startLink('oauth', 'lb')
    await startLink('magic-url', 'lb')
    await world.registry.dispose()
    expect(world.listeners.map((l) => l.closed)).toEqual([true, true])
  })
})
