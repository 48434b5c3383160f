/**
 * Pending sign-ins across a restart: the registry writes its waiting link flows to the journal,
 * a new registry over the same data folder takes them back. "Restart" here = dispose the
 * registry, wait for the file, open the journal and a new registry again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProfileDTO, RedirectStrategy } from '../../../src-shared/ipc'
import { parseDeepLink } from '../../../src-main/core/auth/deep-link'
import { FlowJournal, hashNonce } from '../../../src-main/core/auth/flow-journal'
import { EXPIRED_MESSAGE, FINISHED_FLOW_RETENTION_MS, FlowRegistry } from '../../../src-main/core/auth/flows'

const MINUTE = 60_000
const SECRET = 'f'.repeat(64)

let dir: string
let now: number
let profiles: Map<string, ProfileDTO>
let notices: string[]
let logs: string[]
let registry: FlowRegistry | null = null
let journal: FlowJournal | null = null

function addProfile(id: string, projectId: string, redirectStrategy: RedirectStrategy): void {
  profiles.set(id, {
    id,
    label: id,
    endpoint: 'https://example.com/v1',
    projectId,
    kind: id === 'sandbox' ? 'sandbox' : 'remote',
    redirectStrategy,
    oauthProviders: [],
  })
}

/** Starts the app's flow registry over `dir`, as createCore does. */
async function launch(): Promise<FlowRegistry> {
  const opened = await FlowJournal.open(dir, (line) => logs.push(line))
  if (opened.notice) notices.push(opened.notice)
  journal = opened.journal
  const current = opened.journal
  registry = new FlowRegistry({
    host: { now: () => now, log: (line) => logs.push(line), emit: () => undefined },
    profile: (id) => profiles.get(id) ?? null,
    openLoopback: async () => ({ port: 41000, close: async () => undefined }),
    journal: { restored: opened.entries, save: (entries) => current.save(entries) },
  })
  return registry
}

async function quit(): Promise<void> {
  await registry?.dispose()
  await journal?.flushed()
  registry = null
}

async function restart(): Promise<FlowRegistry> {
  await quit()
  return launch()
}

function file(): string {
  return join(dir, 'pending-flows.json')
}

async function saved(): Promise<Array<Record<string, unknown>>> {
  await journal?.flushed()
  return (JSON.parse(readFileSync(file(), 'utf8')) as { flows: Array<Record<string, unknown>> }).flows
}

/** Appwrite's link back: our redirect URL plus userId, secret and project. */
function linkFor(redirectUrl: string, userId = 'user1', project = 'local'): ReturnType<typeof continueAction> {
  const url = new URL(redirectUrl)
  url.searchParams.set('userId', userId)
  url.searchParams.set('secret', SECRET)
  url.searchParams.set('project', project)
  return continueAction(url.toString())
}

function continueAction(url: string) {
  const action = parseDeepLink(url, {
    appwriteCallbackProjects: [...profiles.values()].map((p) => p.projectId),
    loopbackPorts: registry?.loopbackPorts() ?? [],
  })
  if (action.kind !== 'continue-flow') throw new Error(action.reason)
  return action
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ac-flows-'))
  now = Date.parse('2026-03-01T10:00:00.000Z')
  profiles = new Map()
  notices = []
  logs = []
  addProfile('sandbox', 'local', 'scheme')
})

afterEach(async () => {
  await quit()
  rmSync(dir, { recursive: true, force: true })
})

describe('a magic link after a restart', () => {
  it('completes the flow it belongs to: same flow, kind, profile and user', async () => {
    const first = await launch()
    const { flow, redirectUrl } = await first.start({ profileId: 'sandbox', kind: 'magic-url', remember: false, destination: 'ada@example.com' })
    first.noteToken(flow.flowId, { userId: 'user1', expire: new Date(now + 60 * MINUTE).toISOString() })

    now += 20 * MINUTE
    const second = await restart()
    const claim = second.claim(linkFor(redirectUrl!))
    expect(claim).toMatchObject({
      ok: true,
      flow: { flowId: flow.flowId, kind: 'magic-url', profileId: 'sandbox', userId: 'user1', remember: false, status: 'pending' },
    })
    expect(second.finish(flow.flowId, 'completed')).toMatchObject({ status: 'completed', destination: 'ada@example.com' })
    // accepted: gone from the file at once, so the link cannot be replayed after another restart
    expect(await saved()).toEqual([])
    const third = await restart()
    expect(third.claim(linkFor(redirectUrl!))).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
  })

  it('writes no secret: the nonce only as its SHA-256 hash, the file readable by its owner only', async () => {
    const first = await launch()
    const { redirectUrl } = await first.start({ profileId: 'sandbox', kind: 'magic-url' })
    const nonce = new URL(redirectUrl!).searchParams.get('flow')!
    const flows = await saved()
    expect(flows).toHaveLength(1)
    expect(flows[0]).toMatchObject({ kind: 'magic-url', profileId: 'sandbox', projectId: 'local', channel: { kind: 'scheme' }, nonceHash: hashNonce(nonce) })
    expect(readFileSync(file(), 'utf8')).not.toContain(nonce)
    expect(statSync(file()).mode & 0o777).toBe(0o600)
  })

  it('still refuses a link of another user, kind or channel', async () => {
    addProfile('cloud', 'proj-1', 'appwrite-callback')
    const first = await launch()
    const { flow, redirectUrl } = await first.start({ profileId: 'cloud', kind: 'magic-url' })
    first.noteToken(flow.flowId, { userId: 'user1', expire: new Date(now + 60 * MINUTE).toISOString() })
    const second = await restart()
    expect(second.claim(linkFor(redirectUrl!, 'someone-else', 'proj-1'))).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
    const wrongKind = linkFor(redirectUrl!.replace('://magic-url', '://oauth'), 'user1', 'proj-1')
    expect(second.claim(wrongKind)).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
    const wrongChannel = linkFor(redirectUrl!.replace('appwrite-callback-proj-1://', 'account-console://'), 'user1', 'proj-1')
    expect(second.claim(wrongChannel)).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
    expect(second.claim(linkFor(redirectUrl!, 'user1', 'proj-1'))).toMatchObject({ ok: true })
  })
})

describe('what is not carried over', () => {
  it('a flow past its expiry is pruned from the file at start, and its link says it expired', async () => {
    const first = await launch()
    const { redirectUrl } = await first.start({ profileId: 'sandbox', kind: 'magic-url' })
    now += 61 * MINUTE
    const second = await restart()
    expect(await saved()).toEqual([])
    const claim = second.claim(linkFor(redirectUrl!))
    expect(claim).toMatchObject({ ok: false, error: { type: 'flow_expired', message: EXPIRED_MESSAGE }, flow: { status: 'expired' } })
    // and it is forgotten after the retention time, like any finished flow
    now += FINISHED_FLOW_RETENTION_MS
    second.sweep()
    expect(second.claim(linkFor(redirectUrl!))).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
  })

  it('loopback flows (their listener is gone), code flows and cancelled flows are not written', async () => {
    addProfile('loop', 'proj-2', 'loopback')
    const first = await launch()
    await first.start({ profileId: 'loop', kind: 'oauth' })
    await first.start({ profileId: 'sandbox', kind: 'email-otp' })
    const cancelled = await first.start({ profileId: 'sandbox', kind: 'magic-url' })
    first.cancel(cancelled.flow.flowId)
    const kept = await first.start({ profileId: 'sandbox', kind: 'recovery', email: 'ada@example.com' })
    expect((await saved()).map((f) => f.flowId)).toEqual([kept.flow.flowId])
  })

  it('a flow whose profile was removed (or now points at another project) is dropped', async () => {
    addProfile('cloud', 'proj-1', 'appwrite-callback')
    const first = await launch()
    const { redirectUrl } = await first.start({ profileId: 'cloud', kind: 'magic-url' })
    profiles.delete('cloud')
    addProfile('cloud', 'proj-9', 'appwrite-callback')
    const second = await restart()
    expect(await saved()).toEqual([])
    profiles.set('cloud', { ...profiles.get('cloud')!, projectId: 'proj-1' })
    expect(second.claim(linkFor(redirectUrl!, 'user1', 'proj-1'))).toMatchObject({ ok: false, error: { type: 'flow_not_found' } })
  })
})

describe('a damaged file', () => {
  it('is set aside with a notice, nothing deleted, and the app goes on saving new flows', async () => {
    writeFileSync(file(), '{"version":1,"flows":[{"flowId":', { mode: 0o600 })
    const registry = await launch()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/could not be read .*set aside as .*pending-flows\.json\.unreadable-\d+.*start again/)
    const aside = readdirSync(dir).find((name) => name.startsWith('pending-flows.json.unreadable-'))
    expect(aside).toBeDefined()
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"version":1,"flows":[{"flowId":')
    const { flow } = await registry.start({ profileId: 'sandbox', kind: 'magic-url' })
    expect((await saved()).map((f) => f.flowId)).toEqual([flow.flowId])
  })

  it('one that is valid JSON of the wrong shape is set aside too', async () => {
    writeFileSync(file(), JSON.stringify({ version: 1, flows: [{ flowId: 'x', kind: 'magic-url', nonce: 'plain' }] }))
    await launch()
    expect(notices).toHaveLength(1)
    expect(readdirSync(dir).some((name) => name.startsWith('pending-flows.json.unreadable-'))).toBe(true)
  })
})
