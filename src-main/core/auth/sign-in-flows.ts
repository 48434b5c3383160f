/**
 * The sign-in methods that leave the app and come back (issue #4 item 1): e-mail and phone OTP
 * (a code typed back in), magic URL and password recovery (a link in a mail), and OAuth2's token
 * flow in the system browser (a link from the browser). Each starts a flow in the registry
 * (flows.ts); codes are finished here, links by the link entry (links.ts).
 *
 * Every request is made without a session, as Appwrite's token and recovery routes expect.
 */
import type { AuthState, FlowDTO, ServerCapabilities } from '../../../src-shared/ipc'
import { AppwriteError, type AccountClient } from '../appwrite'
import type { Host } from '../host'
import type { ProfileStore } from '../profiles/profile-store'
import type { AuthService, ClientFactory } from './auth-service'
import { CoreError } from './errors'
import type { FlowRegistry } from './flows'

export interface SignInFlowDeps {
  readonly host: Host
  readonly auth: AuthService
  readonly flows: FlowRegistry
  readonly profiles: ProfileStore
  readonly clientFor: ClientFactory
  /** What the profile's server offers (server/server-info.ts): recovery by code or by link. */
  readonly capabilities: (profileId: string) => Promise<ServerCapabilities>
  /** OAuth2 providers the embedded sandbox has on (the Local sandbox profile offers them too). */
  readonly sandboxProviders?: () => readonly string[]
}

interface Common {
  readonly profileId: string
  readonly remember?: boolean
}

export class SignInFlows {
  constructor(private readonly deps: SignInFlowDeps) {}

  /** E-mail OTP: Appwrite mails a 6-digit code (`POST /account/tokens/email`). */
  async sendEmailCode(args: Common & { readonly email: string; readonly phrase?: boolean }): Promise<FlowDTO> {
    const { flow } = await this.deps.flows.start({ profileId: args.profileId, kind: 'email-otp', remember: args.remember, destination: args.email })
    return this.#sent(flow, (client) => client.createEmailToken({ userId: 'unique()', email: args.email, phrase: args.phrase === true }))
  }

  /** Phone OTP: Appwrite texts a 6-digit code (`POST /account/tokens/phone`). */
  async sendPhoneCode(args: Common & { readonly phone: string }): Promise<FlowDTO> {
    const { flow } = await this.deps.flows.start({ profileId: args.profileId, kind: 'phone-otp', remember: args.remember, destination: args.phone })
    return this.#sent(flow, (client) => client.createPhoneToken({ userId: 'unique()', phone: args.phone }))
  }

  /**
   * Finishes an OTP flow with the typed code (`POST /account/sessions/token`). A wrong code is
   * Appwrite's `user_invalid_token` and leaves the flow waiting, so the person can try again.
   */
  async verifyCode(flowId: string, code: string): Promise<AuthState> {
    const flow = this.deps.flows.requireWaiting(flowId, ['email-otp', 'phone-otp'])
    if (!flow.userId) throw new CoreError('flow_not_found')
    const state = await this.deps.auth.signInWithToken(flow.profileId, { userId: flow.userId, secret: code }, { remember: flow.remember })
    this.deps.flows.finish(flowId, 'completed')
    return state
  }

  /** Magic URL: the mail's link points back at this app with the flow's nonce (`POST /account/tokens/magic-url`). */
  async sendMagicLink(args: Common & { readonly email: string; readonly phrase?: boolean }): Promise<FlowDTO> {
    const { flow, redirectUrl } = await this.deps.flows.start({
      profileId: args.profileId,
      kind: 'magic-url',
      remember: args.remember,
      destination: args.email,
    })
    return this.#sent(flow, (client) =>
      client.createMagicURLToken({ userId: 'unique()', email: args.email, url: requireUrl(redirectUrl), phrase: args.phrase === true }),
    )
  }

  /**
   * OAuth2 token flow (appwrite-behaviour §7.1) in the system browser (RFC 8252): Appwrite sends the
   * browser back to our redirect URL with `userId` + `secret`, or with `error` on failure, so the
   * same URL serves as success and failure. The provider must be one the profile offers.
   */
  async startOAuth(args: Common & { readonly provider: string; readonly scopes?: readonly string[] }): Promise<FlowDTO> {
    const profile = this.deps.profiles.get(args.profileId)
    if (!profile) throw new CoreError('no_profile')
    const offered =
      profile.oauthProviders.includes(args.provider) || (profile.kind === 'sandbox' && (this.deps.sandboxProviders?.() ?? []).includes(args.provider))
    if (!offered) {
      throw new CoreError('invalid_argument', `${args.provider} is not one of this profile’s OAuth providers. Add it to the profile first.`)
    }
    const { flow, redirectUrl } = await this.deps.flows.start({ profileId: args.profileId, kind: 'oauth', remember: args.remember })
    const client = this.deps.clientFor(args.profileId)
    const url = client.createOAuth2Token({
      provider: args.provider,
      success: requireUrl(redirectUrl),
      failure: requireUrl(redirectUrl),
      ...(args.scopes && args.scopes.length > 0 ? { scopes: args.scopes } : {}),
    })
    // Ask first whether the server would send the browser on (issue 14 item 2): a refusal — the
    // provider turned off (412), unknown, or our redirect URL not accepted — is said in the window
    // and the flow ends, instead of a browser tab with an error page and a screen that waits.
    try {
      await client.checkOAuth2Start(url)
    } catch (error) {
      this.deps.flows.finish(flow.flowId, 'failed', 'The server refused to start the sign-in.')
      throw error
    }
    const dto = this.deps.flows.noteUrl(flow.flowId, url)
    try {
      // Electron scan: the URL is the OAuth start this flow built on the profile's endpoint, and the shell checks it again.
      await this.deps.host.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    } catch (error) {
      // The flow still waits: the screen shows the URL to open by hand, and the pasted link works.
      this.deps.host.log(`opening the browser failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    return dto
  }

  /**
   * Password recovery, step 1. A server that offers it mails a 6-digit code (`POST
   * /account/recovery/otp`, appwrite-behaviour §13.2): no redirect URL or deep link needed, and
   * the code and the new password go in together. Otherwise Appwrite mails a link back to this app
   * (`POST /account/recovery`); a phrase exists only on the code path.
   */
  async requestRecovery(args: { readonly profileId: string; readonly email: string; readonly phrase?: boolean }): Promise<FlowDTO> {
    const { recoveryByCode } = await this.deps.capabilities(args.profileId)
    if (recoveryByCode) {
      const { flow } = await this.deps.flows.start({ profileId: args.profileId, kind: 'recovery-code', destination: args.email, email: args.email })
      return this.#sent(flow, (client) => client.createRecoveryOTP({ email: args.email, phrase: args.phrase === true }))
    }
    const { flow, redirectUrl } = await this.deps.flows.start({ profileId: args.profileId, kind: 'recovery', destination: args.email, email: args.email })
    return this.#sent(flow, (client) => client.createRecovery({ email: args.email, url: requireUrl(redirectUrl) }))
  }

  /**
   * Password recovery, last step: `PUT /account/recovery` with the link's secret (after the link
   * put the flow in `needs-password`), or `PUT /account/recovery/otp` with the typed code; then
   * sign in with the new password, since we know the e-mail it was asked for. If that sign-in
   * fails the password is still changed: the person is back at the sign-in screen with a notice.
   * A refused password (`password_recently_used`…) leaves the flow waiting, and so does a wrong
   * code (the person may retype it or ask for a new one); a dead link (`user_invalid_token`) ends it.
   */
  async completeRecovery(flowId: string, password: string, code?: string): Promise<AuthState> {
    const flow =
      code === undefined ? this.deps.flows.requireWaiting(flowId, ['recovery'], 'needs-password') : this.deps.flows.requireWaiting(flowId, ['recovery-code'])
    const token = code === undefined ? flow.linkToken : flow.userId ? { userId: flow.userId, secret: code } : null
    if (!token) throw new CoreError('flow_not_found')
    try {
      const client = this.#client(flow.profileId)
      if (code === undefined) await client.updateRecovery({ userId: token.userId, secret: token.secret, password })
      else await client.updateRecoveryOTP({ userId: token.userId, secret: token.secret, password })
    } catch (error) {
      const linkDead = code === undefined && error instanceof AppwriteError && error.type === 'user_invalid_token'
      if (linkDead || (error instanceof AppwriteError && error.type === 'user_not_found')) {
        this.deps.flows.finish(flowId, 'failed', 'The recovery link is no longer valid. Ask for a new one.')
      }
      throw error
    }
    this.deps.flows.finish(flowId, 'completed', 'Your password was changed.')
    if (!flow.email) return this.deps.auth.getState(flow.profileId)
    try {
      return await this.deps.auth.signInWithPassword({ profileId: flow.profileId, email: flow.email, password, remember: flow.remember })
    } catch (error) {
      this.deps.host.log(`sign-in after recovery failed: ${error instanceof Error ? error.message : String(error)}`)
      this.deps.host.emit('notice', { level: 'info', message: 'Your password was changed. Sign in with your new password.' })
      return this.deps.auth.getState(flow.profileId)
    }
  }

  /** Sends the first step; if Appwrite refuses, the flow is forgotten (nothing is waiting). */
  async #sent(flow: FlowDTO, send: (client: AccountClient) => Promise<{ userId: string; expire: string; phrase?: string }>): Promise<FlowDTO> {
    try {
      const token = await send(this.#client(flow.profileId))
      return this.deps.flows.noteToken(flow.flowId, token)
    } catch (error) {
      this.deps.flows.discard(flow.flowId)
      throw error
    }
  }

  #client(profileId: string): AccountClient {
    const client = this.deps.clientFor(profileId)
    client.setSession(null)
    return client
  }
}

function requireUrl(url: string | null): string {
  if (url === null) throw new CoreError('internal_error', 'This flow has no redirect URL.')
  return url
}
