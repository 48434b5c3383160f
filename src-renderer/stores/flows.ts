import { defineStore } from 'pinia'
import { onScopeDispose, shallowRef } from 'vue'
import type { AccountDTO, AuthState, FlowDTO, FlowKind, Result } from '../../src-shared/ipc'
import { NO_PROFILE, failed } from './active-profile'
import { settle } from './api-result'
import { useAppStore } from './app'
import { useAuthStore } from './auth'
import { assertNever } from '../../src-shared/assert-never'

/** Flows that end in a session on this profile (as opposed to verifying an address). */
export const SIGN_IN_FLOW_KINDS: readonly FlowKind[] = ['magic-url', 'oauth', 'recovery', 'recovery-code', 'email-otp', 'phone-otp']

/** A flow still waits for something from outside (a code, a link, a new password). */
export function isOpen(flow: FlowDTO): boolean {
  return flow.status === 'pending' || flow.status === 'needs-password'
}

/**
 * Sign-in and verification flows that leave the app (an e-mail, an SMS, the system browser) and
 * come back by a code or a link. Main owns each flow and its one-time nonce; this store keeps the
 * renderer's view of them (`FlowDTO`, which holds no secret), updated by answers and by
 * `onFlowUpdated`, so a "check your e-mail" screen moves on by itself when the link arrives.
 */
export const useFlowStore = defineStore('flows', () => {
  const app = useAppStore()
  const auth = useAuthStore()

  const flows = shallowRef<Readonly<Record<string, FlowDTO>>>({})

  function remember(flow: FlowDTO): void {
    flows.value = { ...flows.value, [flow.flowId]: flow }
  }

  const unsubscribe = window.api.events.onFlowUpdated(remember)
  onScopeDispose(unsubscribe)

  function byId(flowId: string): FlowDTO | null {
    return flows.value[flowId] ?? null
  }

  /**
   * The newest flow of one of `kinds` on the profile that still waits: a screen that was left
   * (for the Dev Mailbox, say) picks up the code it asked for when it comes back.
   */
  function latestOpen(profileId: string, kinds: readonly FlowKind[]): FlowDTO | null {
    const open = Object.values(flows.value).filter((flow) => flow.profileId === profileId && kinds.includes(flow.kind) && isOpen(flow))
    return open.at(-1) ?? null
  }

  async function track(call: () => Promise<Result<FlowDTO>>): Promise<Result<FlowDTO>> {
    const result = await settle(call)
    if (result.ok) remember(result.data)
    return result
  }

  function withProfile(call: (profileId: string) => Promise<Result<FlowDTO>>): Promise<Result<FlowDTO>> {
    const profileId = app.activeProfileId
    if (profileId === null) return Promise.resolve(failed(NO_PROFILE))
    return track(() => call(profileId))
  }

  function sendEmailCode(input: { email: string; phrase: boolean }): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.auth.sendEmailCode({ profileId, ...input, remember: auth.remember }))
  }

  function sendPhoneCode(input: { phone: string }): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.auth.sendPhoneCode({ profileId, ...input, remember: auth.remember }))
  }

  function sendMagicLink(input: { email: string; phrase: boolean }): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.auth.sendMagicLink({ profileId, ...input, remember: auth.remember }))
  }

  function startOAuth(provider: string): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.auth.startOAuth({ profileId, provider, remember: auth.remember }))
  }

  /** Main mails a code when the server offers recovery by code (flow `recovery-code`), else a link. */
  function requestRecovery(input: { email: string; phrase: boolean }): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.auth.requestRecovery({ profileId, ...input }))
  }

  /** Verification mails and texts, for a signed-in account (the account screens start these too). */
  function sendEmailVerification(): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.account.sendEmailVerification({ profileId }))
  }

  /** The code path, where the server's capabilities offer `verificationByCode`. */
  function sendEmailVerificationCode(input: { phrase: boolean }): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.account.sendEmailVerificationCode({ profileId, ...input }))
  }

  function sendPhoneVerification(): Promise<Result<FlowDTO>> {
    return withProfile((profileId) => window.api.account.sendPhoneVerification({ profileId }))
  }

  /**
   * "Send a new one": the same request again, to the same place, on the flow's own profile. The
   * answer is a new flow; the old one is cancelled in main, so only the newest link works.
   */
  async function resend(flow: FlowDTO): Promise<Result<FlowDTO>> {
    const result = await request(flow)
    if (result.ok && isOpen(flow)) await cancel(flow.flowId)
    return result
  }

  function request(flow: FlowDTO): Promise<Result<FlowDTO>> {
    const profileId = flow.profileId
    const destination = flow.destination ?? ''
    const remember = auth.remember
    const phrase = Boolean(flow.phrase)
    switch (flow.kind) {
      case 'email-otp':
        return track(() => window.api.auth.sendEmailCode({ profileId, email: destination, phrase, remember }))
      case 'magic-url':
        return track(() => window.api.auth.sendMagicLink({ profileId, email: destination, phrase, remember }))
      case 'phone-otp':
        return track(() => window.api.auth.sendPhoneCode({ profileId, phone: destination, remember }))
      case 'recovery':
      case 'recovery-code':
        return track(() => window.api.auth.requestRecovery({ profileId, email: destination, phrase }))
      case 'verify-email':
        return track(() => window.api.account.sendEmailVerification({ profileId }))
      case 'verify-email-code':
        return track(() => window.api.account.sendEmailVerificationCode({ profileId, phrase }))
      case 'verify-phone':
        return track(() => window.api.account.sendPhoneVerification({ profileId }))
      case 'oauth':
        // The browser page is the thing to retry; a new OAuth flow starts from the sign-in screen.
        return Promise.resolve({ ok: false, error: { type: 'invalid_argument', code: 0, message: 'Start the browser sign-in again from the sign-in screen.' } })
      default:
        return assertNever(flow.kind)
    }
  }

  /** Asks main for the flow's current state (a screen opened on a flow it has not seen yet). */
  function refresh(flowId: string): Promise<Result<FlowDTO>> {
    return track(() => window.api.auth.getFlow({ flowId }))
  }

  /** Main copies the browser URL: it carries the return link's nonce, which the window never holds. */
  function copyBrowserUrl(flowId: string): Promise<Result<null>> {
    return settle(() => window.api.auth.copyFlowUrl({ flowId }))
  }

  function cancel(flowId: string): Promise<Result<FlowDTO>> {
    return track(() => window.api.auth.cancelFlow({ flowId }))
  }

  /** The "paste the link" fallback: the same entry as a deep link, answered with the outcome. */
  function completeFromLink(url: string): Promise<Result<FlowDTO>> {
    return track(() => window.api.auth.completeFromLink({ url }))
  }

  async function signedIn(call: () => Promise<Result<AuthState>>): Promise<Result<AuthState>> {
    const result = await settle(call)
    if (result.ok) auth.acceptFor(result.data)
    return result
  }

  /** E-mail or phone code: on success main answers with (and reports) the new auth state. */
  function verifyCode(flowId: string, code: string): Promise<Result<AuthState>> {
    return signedIn(() => window.api.auth.verifyCode({ flowId, code }))
  }

  /**
   * Sets the new password (and signs in when Appwrite allows): after the recovery link arrived, or
   * with the mailed `code` on the code path.
   */
  function completeRecovery(flowId: string, password: string, code?: string): Promise<Result<AuthState>> {
    return signedIn(() => window.api.auth.completeRecovery(code === undefined ? { flowId, password } : { flowId, password, code }))
  }

  /** Phone verification (not a sign-in): the code from the SMS confirms the number; the account takes it. */
  function confirmPhoneVerification(flowId: string, code: string): Promise<Result<AccountDTO>> {
    return verified(flowId, () => window.api.account.confirmPhoneVerification({ flowId, code }))
  }

  /** E-mail verification by code (not a sign-in): the mailed code confirms the address. */
  function confirmEmailVerification(flowId: string, code: string): Promise<Result<AccountDTO>> {
    return verified(flowId, () => window.api.account.confirmEmailVerification({ flowId, code }))
  }

  async function verified(flowId: string, call: () => Promise<Result<AccountDTO>>): Promise<Result<AccountDTO>> {
    const result = await settle(call)
    if (result.ok) {
      const current = byId(flowId)
      if (current) remember({ ...current, status: 'completed' })
      auth.acceptAccount(result.data)
    }
    return result
  }

  return {
    flows,
    byId,
    latestOpen,
    sendEmailCode,
    sendPhoneCode,
    sendMagicLink,
    startOAuth,
    requestRecovery,
    sendEmailVerification,
    sendEmailVerificationCode,
    sendPhoneVerification,
    resend,
    refresh,
    cancel,
    copyBrowserUrl,
    completeFromLink,
    verifyCode,
    completeRecovery,
    confirmPhoneVerification,
    confirmEmailVerification,
  }
})
