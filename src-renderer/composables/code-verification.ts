import { computed, nextTick, ref, shallowRef } from 'vue'
import type { ApiError, FlowDTO, Result } from '../../src-shared/ipc'
import { describeChangeError } from '../components/profile/change-errors'
import { isOpen, useFlowStore } from '../stores/flows'

/** What the code field offers the verification: putting the cursor back in it. */
export interface FocusableCodeField {
  focus(): void
}

export interface CodeVerificationOptions {
  /** A verification asked for before (e.g. before a visit to the Dev Mailbox) that still waits. */
  readonly flowId?: string | null
  /** Confirms the typed code for the flow. */
  readonly confirm: (flowId: string, code: string) => Promise<Result<unknown>>
  /** After the code was accepted (the flow is then completed in the flow store). */
  readonly confirmed?: () => void
}

/**
 * Verifying a contact (e-mail address or phone number) with a code sent to it, for a row of the
 * profile screen: the flow the code belongs to, sending (and sending again, which ends the old code),
 * the typed code with its problem, confirming and cancelling. A failed send says why under the code
 * field while that field is shown, and as `sendError` otherwise. The row says what was sent where.
 */
export function useCodeVerification(options: CodeVerificationOptions) {
  const flows = useFlowStore()
  const flowId = ref<string | null>(options.flowId ?? null)
  const flow = computed<FlowDTO | null>(() => (flowId.value ? flows.byId(flowId.value) : null))
  const waiting = computed(() => flow.value !== null && isOpen(flow.value))
  const sending = ref(false)
  const sendError = shallowRef<ApiError | null>(null)
  const code = ref('')
  const codeProblem = ref('')
  const confirming = ref(false)
  const codeField = ref<FocusableCodeField | null>(null)

  async function focusCode(): Promise<void> {
    await nextTick()
    codeField.value?.focus()
  }

  /** Runs `request` (a new code or link); true when it was sent. Does nothing while a send runs. */
  async function send(request: () => Promise<Result<FlowDTO>>): Promise<boolean> {
    if (sending.value) return false
    sending.value = true
    sendError.value = null
    codeProblem.value = ''
    try {
      const result = await request()
      if (!result.ok) {
        if (waiting.value && codeField.value) codeProblem.value = describeChangeError(result.error)
        else sendError.value = result.error
        return false
      }
      flowId.value = result.data.flowId
      code.value = ''
      return true
    } finally {
      sending.value = false
    }
  }

  async function confirmCode(): Promise<void> {
    const id = flowId.value
    if (!id || confirming.value) return
    if (code.value.length < 6) {
      codeProblem.value = 'Enter all 6 digits of the code.'
      return
    }
    confirming.value = true
    codeProblem.value = ''
    try {
      const result = await options.confirm(id, code.value)
      if (!result.ok) {
        codeProblem.value = describeChangeError(result.error)
        code.value = ''
        await focusCode()
        return
      }
      options.confirmed?.()
    } finally {
      confirming.value = false
    }
  }

  /** Stops waiting; the flow is cancelled, so its code no longer works. */
  async function cancel(): Promise<void> {
    codeProblem.value = ''
    if (flowId.value) await flows.cancel(flowId.value)
    flowId.value = null
  }

  /** Forgets the flow without cancelling it (it completed, or a new one is about to start). */
  function forget(): void {
    flowId.value = null
    sendError.value = null
  }

  return { flowId, flow, waiting, sending, sendError, code, codeProblem, confirming, codeField, focusCode, send, confirmCode, cancel, forget }
}
