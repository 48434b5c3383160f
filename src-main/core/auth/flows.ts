/**
 * The pending-flow registry: every sign-in step that leaves the app (a mail, an SMS, the system
 * browser) and comes back by a link or a typed code (issue #4 item 3).
 *
 * - A flow that comes back by link carries a one-time nonce (32 random bytes, base64url) in its
 *   redirect URL. The link is accepted only when the nonce names a flow of the same kind, that
 *   was sent out on the same channel (scheme / appwrite-callback-<project> / loopback port) for
 *   the same project, is still waiting, has not expired and was not used. It is consumed on use.
 *   Anything else is refused with a reason and changes nothing (the caller shows a notice).
 * - Lifetimes follow Appwrite's token lifetimes (appwrite-behaviour §5): magic URL, recovery and
 *   verification 1 h, e-mail and phone OTP, recovery and e-mail verification codes 15 min; the OAuth browser round trip gets 10 min.
 *   When Appwrite answers with an earlier `expire`, that one wins.
 * - Waiting link flows are kept across restarts by the journal (flow-journal.ts); links are
 *   matched by the nonce's SHA-256 hash, so a flow taken back from disk is matched the same way.
 * - `flowUpdated` is emitted on every status change. Secrets from links (userId + secret) stay
 *   in the record, in main; `FlowDTO` carries neither the nonce nor any secret.
 *
 * ## Using it from another module (e.g. `account.sendEmailVerification`)
 *
 * ```ts
 * const { flow, redirectUrl } = await s.flows.start({ profileId, kind: 'verify-email' })
 * try {
 *   const token = await s.auth.withSession(profileId, (c) => c.createEmailVerification({ url: redirectUrl! }))
 *   return s.flows.noteToken(flow.flowId, token)          // records userId + expiry, returns the FlowDTO
 * } catch (error) {
 *   s.flows.discard(flow.flowId)                          // nothing was sent: forget it silently
 *   throw error
 * }
 * ```
 * The returning link is completed by the link entry (`auth/links.ts`): for `verify-email` it
 * calls `PUT /account/verifications/email`, marks the flow `completed` (or `failed`), emits
 * `flowUpdated` and, when the profile is signed in, `authChanged` with the updated account.
 * `redirectUrl` is null for code flows (`email-otp`, `phone-otp`, `verify-phone`, `verify-email-code`, `recovery-code`).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { FlowDTO, FlowKind, FlowStatus, ProfileDTO, RedirectStrategy } from '../../../src-shared/ipc'
import type { Host } from '../host'
import { returnUrl, sameChannel, type DeepLinkAction, type FlowType, type LinkParam, type ReturnChannel, FLOW_TYPES } from './deep-link'
import { assertNever } from '../../../src-shared/assert-never'
import { CoreError } from './errors'
import { hashNonce, type JournalEntry } from './flow-journal'
import { appwriteCallbackProblem } from '../../../src-shared/endpoint-rules'
import { APPWRITE_ID_PATTERN } from '../../../src-shared/appwrite-rules'
import type { LoopbackListener } from './loopback'

const MINUTE = 60 * 1000
export const FLOW_LIFETIME_MS: Readonly<Record<FlowKind, number>> = {
  'magic-url': 60 * MINUTE,
  oauth: 10 * MINUTE,
  recovery: 60 * MINUTE,
  'recovery-code': 15 * MINUTE,
  'verify-email': 60 * MINUTE,
  'verify-email-code': 15 * MINUTE,
  'email-otp': 15 * MINUTE,
  'phone-otp': 15 * MINUTE,
  'verify-phone': 60 * MINUTE,
}
/** Finished flows are kept this long so a replayed link is recognised as "already used". */
export const FINISHED_FLOW_RETENTION_MS = 60 * MINUTE
const SWEEP_INTERVAL_MS = 5000

export const EXPIRED_MESSAGE = 'That link has expired. Start again to get a new one.'
const EXPIRED_CODE_MESSAGE = 'The code has expired. Send a new one.'

export interface StartFlowInput {
  readonly profileId: string
  readonly kind: FlowKind
  /** Keep the session it creates across restarts (default true). */
  readonly remember?: boolean
  /** Where the mail or SMS goes, as the user typed it (shown on the waiting screen). */
  readonly destination?: string
  /** Kept in main only: the e-mail a recovery was asked for, to sign in with the new password. */
  readonly email?: string
  /** Shorter lifetime than the kind's default. */
  readonly lifetimeMs?: number
}

export interface StartedFlow {
  readonly flow: FlowDTO
  /** Where Appwrite must send the link back (with the nonce); null for code flows. */
  readonly redirectUrl: string | null
}

/** What the link entry and the flow modules may read of a flow; never sent to the renderer. */
export interface FlowView {
  readonly flowId: string
  readonly profileId: string
  readonly kind: FlowKind
  readonly status: FlowStatus
  readonly remember: boolean
  /** The Appwrite user the token was issued to, once known. */
  readonly userId: string | null
  readonly email: string | null
  /** userId + secret of a recovery link, between the link and the new password. */
  readonly linkToken: { readonly userId: string; readonly secret: string } | null
}

export type ClaimResult =
  | { readonly ok: true; readonly flow: FlowView; readonly params: Readonly<Partial<Record<LinkParam, string>>> }
  | { readonly ok: false; readonly error: CoreError; readonly flow?: FlowDTO }

export interface FlowRegistryDeps {
  readonly host: Pick<Host, 'now' | 'emit' | 'log'>
  readonly profile: (profileId: string) => ProfileDTO | null
  /** Opens a loopback listener for one flow; its links go to the same entry as deep links. */
  readonly openLoopback: () => Promise<LoopbackListener>
  /**
   * Keeps waiting link flows across restarts (flow-journal.ts): `restored` is what the last run
   * left, `save` is called with every waiting link flow whenever that set changes.
   */
  readonly journal?: { readonly restored: readonly JournalEntry[]; save(entries: readonly JournalEntry[]): void }
}

interface FlowRecord {
  readonly flowId: string
  /** SHA-256 of the link's one-time nonce: links are matched by it (the nonce itself is not kept). */
  readonly nonceHash: string | null
  readonly profileId: string
  readonly projectId: string
  readonly kind: FlowKind
  readonly channel: ReturnChannel | null
  readonly remember: boolean
  readonly destination: string | null
  readonly email: string | null
  status: FlowStatus
  expiresAt: number
  /** Set the moment a link is accepted, before anything async: a second copy is a replay. */
  claimed: boolean
  finishedAt: number | null
  userId: string | null
  phrase: string | null
  url: string | null
  message: string | null
  linkToken: { userId: string; secret: string } | null
  listener: LoopbackListener | null
}

export class FlowRegistry {
  readonly #flows = new Map<string, FlowRecord>()
  readonly #byNonce = new Map<string, FlowRecord>()
  readonly #timer: ReturnType<typeof setInterval>

  constructor(private readonly deps: FlowRegistryDeps) {
    this.#timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS)
    this.#timer.unref?.()
    if (deps.journal) this.#restore(deps.journal.restored)
  }

  /** Starts a flow. Link flows get a nonce and the redirect URL of the profile's strategy. */
  async start(input: StartFlowInput): Promise<StartedFlow> {
    const profile = this.deps.profile(input.profileId)
    if (!profile) throw new CoreError('no_profile')
    const linkKind = isLinkKind(input.kind) ? input.kind : null
    const nonce = linkKind ? randomBytes(32).toString('base64url') : null
    let listener: LoopbackListener | null = null
    let channel: ReturnChannel | null = null
    if (linkKind) {
      const schemeProblem = profile.redirectStrategy === 'appwrite-callback' ? appwriteCallbackProblem(profile.projectId) : null
      if (schemeProblem) throw new CoreError('invalid_argument', schemeProblem)
      if (profile.redirectStrategy === 'loopback') listener = await this.deps.openLoopback()
      channel = channelFor(profile.redirectStrategy, profile.projectId, listener)
    }
    const lifetime = Math.min(input.lifetimeMs ?? Infinity, FLOW_LIFETIME_MS[input.kind])
    const record: FlowRecord = {
      flowId: randomUUID(),
      nonceHash: nonce ? hashNonce(nonce) : null,
      profileId: profile.id,
      projectId: profile.projectId,
      kind: input.kind,
      channel,
      remember: input.remember !== false,
      destination: input.destination ?? null,
      email: input.email ?? null,
      status: 'pending',
      expiresAt: this.deps.host.now() + lifetime,
      claimed: false,
      finishedAt: null,
      userId: null,
      phrase: null,
      url: null,
      message: null,
      linkToken: null,
      listener,
    }
    this.#add(record)
    this.#persist()
    const redirectUrl = linkKind && channel && nonce ? returnUrl(channel, linkKind, nonce) : null
    return { flow: toDTO(record), redirectUrl }
  }

  /**
   * Records what Appwrite answered when it sent the mail/SMS (its `Token`): the user it belongs
   * to, its expiry (if earlier than ours) and the security phrase.
   */
  noteToken(flowId: string, token: { readonly userId: string; readonly expire: string; readonly phrase?: string }): FlowDTO {
    const record = this.#require(flowId)
    record.userId = token.userId || null
    const expire = Date.parse(token.expire)
    if (!Number.isNaN(expire) && expire < record.expiresAt) record.expiresAt = expire
    if (token.phrase) record.phrase = token.phrase
    this.#persist()
    return toDTO(record)
  }

  /**
   * The URL opened in the system browser (OAuth). It carries the return link's nonce, so it stays
   * here: the window sees only its address without the query and copies it through `browserUrl`.
   */
  noteUrl(flowId: string, url: string): FlowDTO {
    const record = this.#require(flowId)
    record.url = url
    return toDTO(record)
  }

  /** The full browser URL of a waiting flow, for main to put on the clipboard. */
  browserUrl(flowId: string): string {
    this.sweep()
    const record = this.#flows.get(flowId)
    if (!record?.url) throw new CoreError('flow_not_found')
    if (!isWaiting(record.status)) throw new CoreError('flow_not_found', `That sign-in is already ${record.status}.`)
    return record.url
  }

  /** True when the flow was cancelled (a link being completed checks this before keeping a session). */
  isCancelled(flowId: string): boolean {
    return this.#flows.get(flowId)?.status === 'cancelled'
  }

  /** Forgets a flow whose first step failed (nothing was sent), without any event. */
  discard(flowId: string): void {
    const record = this.#flows.get(flowId)
    if (!record) return
    this.#drop(record)
  }

  get(flowId: string): FlowDTO {
    this.sweep()
    return toDTO(this.#require(flowId))
  }

  /**
   * Stops waiting for a flow; a link that arrives later is refused. Finished flows stay as they
   * are. A link already claimed and being completed ends signed out (the link entry checks
   * `isCancelled` once its sign-in returns).
   */
  cancel(flowId: string): FlowDTO {
    this.sweep()
    const record = this.#require(flowId)
    if (isWaiting(record.status)) this.#finish(record, 'cancelled', 'Cancelled.')
    return toDTO(record)
  }

  /** Cancels every waiting flow of a profile (it is removed or now points elsewhere). */
  cancelProfile(profileId: string): void {
    for (const record of this.#flows.values()) {
      if (record.profileId === profileId && isWaiting(record.status)) this.#finish(record, 'cancelled', 'The profile changed, so this sign-in was cancelled.')
    }
  }

  /**
   * A flow that the user continues from the app (typing a code, choosing a new password). Fails
   * with `flow_not_found` when there is no such flow of these kinds in this status, and with
   * `flow_expired` (after marking it expired) when it ran out of time.
   */
  requireWaiting(flowId: string, kinds: readonly FlowKind[], status: 'pending' | 'needs-password' = 'pending'): FlowView {
    this.sweep()
    const record = this.#flows.get(flowId)
    if (!record || !kinds.includes(record.kind)) throw new CoreError('flow_not_found')
    if (record.status === 'expired') throw new CoreError('flow_expired', record.message ?? expiredMessage(record.kind))
    if (record.status !== status) {
      throw new CoreError(
        'flow_not_found',
        record.status === 'pending' || record.status === 'needs-password'
          ? 'That step is not the one this sign-in is waiting for.'
          : `That sign-in is already ${record.status}.`,
      )
    }
    return view(record)
  }

  /** Ends a flow with an outcome and tells the window. */
  finish(flowId: string, status: 'completed' | 'failed' | 'cancelled', message?: string): FlowDTO {
    const record = this.#require(flowId)
    if (isWaiting(record.status)) this.#finish(record, status, message ?? null)
    return toDTO(record)
  }

  /** A recovery link arrived: keep its token in main and wait for the new password. */
  awaitPassword(flowId: string, token: { readonly userId: string; readonly secret: string }): FlowDTO {
    const record = this.#require(flowId)
    record.linkToken = { userId: token.userId, secret: token.secret }
    record.userId = token.userId
    this.#setStatus(record, 'needs-password', null)
    return toDTO(record)
  }

  /** Ports of loopback listeners that are open, for the deep-link parser. */
  loopbackPorts(): number[] {
    const ports: number[] = []
    for (const record of this.#flows.values()) if (record.listener && isWaiting(record.status) && !record.claimed) ports.push(record.listener.port)
    return ports
  }

  /**
   * Matches a parsed link against the waiting flows (see the header for the rules). On success
   * the nonce is consumed at once; the caller completes the flow and calls `finish`/`awaitPassword`.
   */
  claim(action: Extract<DeepLinkAction, { kind: 'continue-flow' }>): ClaimResult {
    this.sweep()
    const record = this.#byNonce.get(hashNonce(action.nonce))
    if (!record) return refuse('No sign-in in this app is waiting for that link. Start the sign-in again.')
    const foreign = (): ClaimResult => refuse('That link does not belong to the sign-in waiting in this app.')
    if (record.kind !== action.flowType) return foreign()
    if (!record.channel || !sameChannel(record.channel, action.channel)) return foreign()
    if (action.params.project !== undefined && action.params.project !== record.projectId) return foreign()
    if (record.status === 'expired') return { ok: false, error: new CoreError('flow_expired', EXPIRED_MESSAGE), flow: toDTO(record) }
    if (record.claimed || record.status !== 'pending') {
      return refuse(record.status === 'cancelled' ? 'That sign-in was cancelled in the app.' : 'That link has already been used.')
    }
    const failed = record.kind === 'oauth' && action.params.error !== undefined
    if (!failed) {
      const { userId, secret } = action.params
      if (!userId || !secret || !APPWRITE_ID_PATTERN.test(userId) || !SECRET.test(secret))
        return refuse('That link is incomplete: it carries no valid user and secret.')
      if (record.userId !== null && userId !== record.userId) return foreign()
    }
    record.claimed = true
    this.#closeListener(record)
    this.#persist()
    return { ok: true, flow: view(record), params: action.params }
  }

  /** Marks waiting flows past their time as expired (and tells the window); forgets old ones. */
  sweep(): void {
    const now = this.deps.host.now()
    for (const record of [...this.#flows.values()]) {
      // A link being completed right now is not expired under its feet.
      const completing = record.claimed && record.status === 'pending'
      if (isWaiting(record.status) && !completing && now >= record.expiresAt) {
        this.#finish(record, 'expired', expiredMessage(record.kind))
      } else if (record.finishedAt !== null && now >= Math.max(record.finishedAt + FINISHED_FLOW_RETENTION_MS, record.expiresAt)) {
        this.#drop(record)
      }
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.#timer)
    await Promise.all([...this.#flows.values()].map((r) => r.listener?.close()))
  }

  #require(flowId: string): FlowRecord {
    const record = this.#flows.get(flowId)
    if (!record) throw new CoreError('flow_not_found')
    return record
  }

  #finish(record: FlowRecord, status: FlowStatus, message: string | null): void {
    record.finishedAt = this.deps.host.now()
    this.#closeListener(record)
    this.#setStatus(record, status, message)
    // A finished recovery forgets the link's secret at once.
    record.linkToken = null
  }

  #setStatus(record: FlowRecord, status: FlowStatus, message: string | null): void {
    record.status = status
    record.message = message
    this.#persist()
    this.deps.host.emit('flowUpdated', toDTO(record))
  }

  #closeListener(record: FlowRecord): void {
    const listener = record.listener
    record.listener = null
    if (listener) void listener.close().catch((error: unknown) => this.deps.host.log(`loopback close failed: ${String(error)}`))
  }

  #drop(record: FlowRecord): void {
    this.#closeListener(record)
    this.#flows.delete(record.flowId)
    if (record.nonceHash) this.#byNonce.delete(record.nonceHash)
    this.#persist()
  }

  #add(record: FlowRecord): void {
    this.#flows.set(record.flowId, record)
    if (record.nonceHash) this.#byNonce.set(record.nonceHash, record)
  }

  /** Writes the waiting link flows that a link can still reach after a restart (flow-journal.ts). */
  #persist(): void {
    if (!this.deps.journal) return
    const entries: JournalEntry[] = []
    for (const record of this.#flows.values()) {
      const entry = journalEntry(record)
      if (entry) entries.push(entry)
    }
    this.deps.journal.save(entries)
  }

  /**
   * Takes back the flows the last run left waiting, for profiles that still exist with the same
   * project. Those past their expiry come back as expired (not written again), so their link
   * says "expired, start again" rather than "unknown link".
   */
  #restore(entries: readonly JournalEntry[]): void {
    const now = this.deps.host.now()
    for (const entry of entries) {
      const profile = this.deps.profile(entry.profileId)
      if (!profile || profile.projectId !== entry.projectId || this.#flows.has(entry.flowId) || this.#byNonce.has(entry.nonceHash)) continue
      const expired = now >= entry.expiresAt
      this.#add({
        flowId: entry.flowId,
        nonceHash: entry.nonceHash,
        profileId: entry.profileId,
        projectId: entry.projectId,
        kind: entry.kind,
        channel: entry.channel,
        remember: entry.remember,
        destination: entry.destination,
        email: entry.email,
        status: expired ? 'expired' : 'pending',
        expiresAt: entry.expiresAt,
        claimed: false,
        finishedAt: expired ? now : null,
        userId: entry.userId,
        phrase: null,
        url: null,
        message: expired ? expiredMessage(entry.kind) : null,
        linkToken: null,
        listener: null,
      })
    }
    this.#persist()
  }
}

function journalEntry(record: FlowRecord): JournalEntry | null {
  const { channel, nonceHash } = record
  if (record.status !== 'pending' || record.claimed || !nonceHash || !channel || channel.kind === 'loopback' || !isLinkKind(record.kind)) return null
  return {
    flowId: record.flowId,
    kind: record.kind,
    nonceHash,
    profileId: record.profileId,
    projectId: record.projectId,
    channel,
    remember: record.remember,
    userId: record.userId,
    destination: record.destination,
    email: record.email,
    expiresAt: record.expiresAt,
  }
}

/** Appwrite's UID (appwrite-behaviour §3.2) and token secrets (hex, ≤ 256). */
const SECRET = /^[A-Za-z0-9]{1,256}$/

function expiredMessage(kind: FlowKind): string {
  if (kind === 'oauth') return 'The browser sign-in took too long. Start again.'
  return isLinkKind(kind) ? EXPIRED_MESSAGE : EXPIRED_CODE_MESSAGE
}

function refuse(message: string): ClaimResult {
  return { ok: false, error: new CoreError('flow_not_found', message) }
}

function isWaiting(status: FlowStatus): boolean {
  return status === 'pending' || status === 'needs-password'
}

export function isLinkKind(kind: FlowKind): kind is FlowType {
  return (FLOW_TYPES as readonly string[]).includes(kind)
}

function channelFor(strategy: RedirectStrategy, projectId: string, listener: LoopbackListener | null): ReturnChannel {
  switch (strategy) {
    case 'scheme':
      return { kind: 'scheme' }
    case 'appwrite-callback':
      return { kind: 'appwrite-callback', projectId }
    case 'loopback':
      if (!listener) throw new CoreError('internal_error', 'The loopback listener did not open.')
      return { kind: 'loopback', port: listener.port }
    default:
      return assertNever(strategy)
  }
}

function view(record: FlowRecord): FlowView {
  return {
    flowId: record.flowId,
    profileId: record.profileId,
    kind: record.kind,
    status: record.status,
    remember: record.remember,
    userId: record.userId,
    email: record.email,
    linkToken: record.linkToken ? { ...record.linkToken } : null,
  }
}

/** Origin and path only: the query holds the return URL and its nonce (appwrite-behaviour §7.1). */
function addressOf(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return ''
  }
}

function toDTO(record: FlowRecord): FlowDTO {
  return {
    flowId: record.flowId,
    profileId: record.profileId,
    kind: record.kind,
    status: record.status,
    expiresAt: new Date(record.expiresAt).toISOString(),
    ...(record.phrase ? { phrase: record.phrase } : {}),
    ...(record.destination ? { destination: record.destination } : {}),
    ...(record.url ? { address: addressOf(record.url) } : {}),
    ...(record.message ? { message: record.message } : {}),
  }
}
