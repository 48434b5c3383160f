import { ref } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import type { AuthState, FlowDTO } from '../../../src-shared/ipc'
import { useToasts } from '../../composables/toasts'
import { describeError } from '../../errors'
import { ROUTE_NAMES } from '../../route-names'
import { useFlowStore } from '../../stores/flows'

/**
 * What every step of a waiting flow (browser, mail, code, recovery) can do besides its own form:
 * ask again for a new code or link, cancel, and move on once a new password is set. `problem`
 * holds why the last of these failed, in words.
 */
export function useFlowStep(flow: () => FlowDTO) {
  const flows = useFlowStore()
  const router = useRouter()
  const { show } = useToasts()
  const problem = ref('')
  const resending = ref(false)
  const cancelling = ref(false)

  /** A new code or link (the old one stops working), shown on its own flow screen marked as resent. True when sent. */
  async function resend(): Promise<boolean> {
    if (resending.value) return false
    resending.value = true
    problem.value = ''
    try {
      const result = await flows.resend(flow())
      if (!result.ok) {
        problem.value = describeError(result.error)
        return false
      }
      await router.replace({ name: ROUTE_NAMES.flow, params: { flowId: result.data.flowId }, query: { resent: '1' } })
      return true
    } finally {
      resending.value = false
    }
  }

  /** Cancelled in main first, so a link that arrives later is refused; then on to `to`. A flow already gone is no failure. */
  async function cancel(to: RouteLocationRaw): Promise<void> {
    if (cancelling.value) return
    cancelling.value = true
    try {
      const result = await flows.cancel(flow().flowId)
      if (!result.ok && result.error.type !== 'flow_not_found') {
        problem.value = describeError(result.error)
        return
      }
      await router.replace(to)
    } finally {
      cancelling.value = false
    }
  }

  /**
   * The new password is set. Appwrite then either lets main sign in with it, or not (signed out):
   * then back to sign-in with the e-mail filled in. Signed in (or on to the second step), the flow
   * screen follows the new auth state by itself.
   */
  async function passwordChanged(state: AuthState): Promise<void> {
    if (state.status === 'signed-out') {
      show('Your password is changed. Sign in with your new password.')
      const email = flow().destination
      await router.replace({ name: ROUTE_NAMES.signIn, query: email ? { email } : {} })
    } else {
      show('Your password is changed.')
    }
  }

  return { problem, resending, cancelling, resend, cancel, passwordChanged }
}
