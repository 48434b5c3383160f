/**
 * The one entry for links that come back to the app, whichever way they arrive: the OS
 * (`open-url`, `second-instance`, cold-start argv → core.handleDeepLink), a loopback listener,
 * the "paste the link" fallback (auth.completeFromLink) and the Dev Mailbox (mailbox.openLink).
 *
 * parse (deep-link.ts) → claim (flows.ts: nonce, kind, channel, project, expiry, single use)
 * → complete by kind. A refused link throws a CoreError with a sentence for the person and
 * changes nothing; what a link carries (userId + secret) is used here and never leaves main.
 */
import type { FlowDTO, Notice } from '../../../src-shared/ipc'
import { AppwriteError, NetworkError, type AccountClient } from '../appwrite'
import type { Host } from '../host'
import type { ProfileStore } from '../profiles/profile-store'
import { BLOCKED_SIGN_IN_MESSAGE, type AuthService, type ClientFactory } from './auth-service'
import { describeLinkProblem, parseDeepLink, type DeepLinkAction, type FlowType } from './deep-link'
import { assertNever } from '../../../src-shared/assert-never'
import { CoreError } from './errors'
import type { FlowRegistry, FlowView } from './flows'
import type { LoopbackReply } from './loopback'

export interface LinkEntryDeps {
  readonly host: Host
  readonly auth: AuthService
  readonly flows: FlowRegistry
  readonly profiles: ProfileStore
  readonly clientFor: ClientFactory
}

export class LinkEntry {
  constructor(private readonly deps: LinkEntryDeps) {}

  /**
   * Continues the flow a link belongs to and answers its new state (`completed`,
   * `needs-password` or `failed`). Throws `flow_not_found` / `flow_expired` / `invalid_argument`
   * when the link is refused.
   */
  async receive(raw: unknown): Promise<FlowDTO> {
    return this.#continue(this.#parse(raw))
  }

  #parse(raw: unknown): DeepLinkAction {
    return parseDeepLink(raw, {
      appwriteCallbackProjects: this.deps.profiles.list().map((p) => p.projectId),
      loopbackPorts: this.deps.flows.loopbackPorts(),
    })
  }

  async #continue(action: DeepLinkAction): Promise<FlowDTO> {
    if (action.kind === 'invalid') throw new CoreError('invalid_argument', describeLinkProblem(action.reason))
    const claim = this.deps.flows.claim(action)
    if (!claim.ok) throw claim.error
    const { flow, params } = claim
    switch (action.flowType) {
      case 'magic-url':
        return this.#signIn(flow, params.userId ?? '', params.secret ?? '')
      case 'oauth':
        if (params.error !== undefined) return this.deps.flows.finish(flow.flowId, 'failed', oauthFailure(params.error))
        return this.#signIn(flow, params.userId ?? '', params.secret ?? '')
      case 'recovery':
        return this.deps.flows.awaitPassword(flow.flowId, { userId: params.userId ?? '', secret: params.secret ?? '' })
      case 'verify-email':
        return this.#verifyEmail(flow, params.userId ?? '', params.secret ?? '')
      default:
        return assertNever(action.flowType)
    }
  }

  /**
   * The OS hands us a link: refused links become a visible notice, failures too (the window may
   * be on another screen than the flow's).
   */
  async fromOs(raw: unknown): Promise<void> {
    const action = this.#parse(raw)
    try {
      const flow = await this.#continue(action)
      if (flow.status === 'failed') this.deps.host.emit('notice', { level: 'error', message: flow.message ?? 'The sign-in link could not be used.' })
    } catch (error) {
      // A sign-in link that came too late (the app was closed past its time, or it was used or
      // cancelled) gets the button to start again; a malformed link does not.
      this.#refused(error, action.kind === 'continue-flow' && isSignInLink(action.flowType) ? 'start-sign-in' : undefined)
    }
  }

  /** A loopback listener got a request: same as the OS, plus the sentence for the browser tab. */
  async fromLoopback(url: string): Promise<LoopbackReply> {
    try {
      const flow = await this.receive(url)
      if (flow.status === 'failed') {
        this.deps.host.emit('notice', { level: 'error', message: flow.message ?? 'The sign-in could not be completed.' })
        return { accepted: false, message: flow.message ?? 'The sign-in could not be completed.' }
      }
      return { accepted: true, message: flow.status === 'needs-password' ? 'Choose your new password in Account Console.' : 'Done.' }
    } catch (error) {
      return { accepted: false, message: this.#refused(error) }
    }
  }

  #refused(error: unknown, action?: Notice['action']): string {
    const message = error instanceof CoreError ? error.message : 'The link could not be used.'
    if (!(error instanceof CoreError)) this.deps.host.log(`link failed: ${error instanceof Error ? error.message : String(error)}`)
    this.deps.host.log(`link refused: ${message}`)
    const restartable = action !== undefined && error instanceof CoreError && (error.type === 'flow_not_found' || error.type === 'flow_expired')
    this.deps.host.emit('notice', { level: 'warning', message: `A link was ignored. ${message}`, ...(restartable ? { action } : {}) })
    return message
  }

  /**
   * Magic URL and OAuth token flow: the link's userId + secret become a session. If the person
   * cancelled while the link was being redeemed, the new session is signed out again: cancel
   * means no sign-in, whichever came first.
   */
  async #signIn(flow: FlowView, userId: string, secret: string): Promise<FlowDTO> {
    try {
      await this.deps.auth.signInWithToken(flow.profileId, { userId, secret }, { remember: flow.remember })
    } catch (error) {
      return this.deps.flows.finish(flow.flowId, 'failed', failureMessage(error))
    }
    if (this.deps.flows.isCancelled(flow.flowId)) {
      await this.deps.auth.signOutHere(flow.profileId)
      return this.deps.flows.get(flow.flowId)
    }
    return this.deps.flows.finish(flow.flowId, 'completed')
  }

  /** `PUT /account/verifications/email` needs no session (appwrite-behaviour §3.2); the account is refreshed if signed in. */
  async #verifyEmail(flow: FlowView, userId: string, secret: string): Promise<FlowDTO> {
    try {
      await this.#guest(flow.profileId).updateEmailVerification({ userId, secret })
    } catch (error) {
      return this.deps.flows.finish(flow.flowId, 'failed', failureMessage(error))
    }
    const done = this.deps.flows.finish(flow.flowId, 'completed', 'Your e-mail address is verified.')
    if (this.deps.profiles.signedIn(flow.profileId)) {
      const state = await this.deps.auth.getState(flow.profileId).catch(() => null)
      if (state) this.deps.host.emit('authChanged', state)
    }
    return done
  }

  #guest(profileId: string): AccountClient {
    const client = this.deps.clientFor(profileId)
    client.setSession(null)
    return client
  }
}

/** Links that sign in (or lead to signing in): starting again means the sign-in screen. */
function isSignInLink(kind: FlowType): boolean {
  switch (kind) {
    case 'magic-url':
    case 'oauth':
    case 'recovery':
      return true
    case 'verify-email':
      return false
    default:
      return assertNever(kind)
  }
}

/** Appwrite's failure redirect carries `error` = JSON `{message, type, code}` (appwrite-behaviour §7.1 step 5). */
function oauthFailure(raw: string): string {
  let detail = ''
  try {
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
      detail = (parsed as { message: string }).message
    }
  } catch {
    detail = ''
  }
  const clean = detail
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, 300)
  return clean ? `The sign-in in the browser failed: ${clean}` : 'The sign-in in the browser failed.'
}

function failureMessage(error: unknown): string {
  if (error instanceof AppwriteError) {
    if (error.type === 'user_invalid_token') return 'That link is no longer valid (it expired or was already used). Start again.'
    if (error.type === 'user_blocked') return BLOCKED_SIGN_IN_MESSAGE
    return error.message
  }
  if (error instanceof NetworkError) return 'The server could not be reached, so the link could not be used. Start again when you are online.'
  if (error instanceof CoreError) return error.message
  return 'The link could not be used.'
}
