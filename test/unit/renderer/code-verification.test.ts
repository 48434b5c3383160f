// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApiError, FlowDTO, Result } from '../../../src-shared/ipc'
import { useCodeVerification } from '../../../src-renderer/composables/code-verification'
import { useFlowStore } from '../../../src-renderer/stores/flows'
import { createFakeApi, installApi } from './fake-api'

const WRONG_CODE: ApiError = { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' }
const TOO_MANY: ApiError = { type: 'general_rate_limit_exceeded', code: 429, message: 'Rate limit for the current endpoint has been exceeded.' }

function pendingFlow(flowId: string): FlowDTO {
  return { flowId, profileId: 'local', kind: 'verify-phone', status: 'pending', expiresAt: '2030-01-01T00:00:00.000Z', destination: '+14155550123' }
}

/** A send that main answers with a new pending flow, which the flow store then knows. */
function sendsFlow(flowId: string): () => Promise<Result<FlowDTO>> {
  return async () => {
    const flows = useFlowStore()
    const flow = pendingFlow(flowId)
    flows.flows = { ...flows.flows, [flowId]: flow }
    return { ok: true, data: flow }
  }
}

const refusedWith = (error: ApiError) => async (): Promise<Result<never>> => ({ ok: false, error })

describe('useCodeVerification', () => {
  beforeEach(() => {
    installApi(createFakeApi().api)
    setActivePinia(createPinia())
  })

  it('waits for the sent code, refuses a short one without asking main, and reports an accepted one', async () => {
    const confirm = vi.fn(async (): Promise<Result<null>> => ({ ok: true, data: null }))
    const confirmed = vi.fn()
    const verification = useCodeVerification({ confirm, confirmed })
    expect(verification.waiting.value).toBe(false)

    expect(await verification.send(sendsFlow('flow-1'))).toBe(true)
    expect(verification.waiting.value).toBe(true)
    expect(verification.flow.value?.flowId).toBe('flow-1')

    verification.code.value = '123'
    await verification.confirmCode()
    expect(verification.codeProblem.value).toBe('Enter all 6 digits of the code.')
    expect(confirm).not.toHaveBeenCalled()

    verification.code.value = '123456'
    await verification.confirmCode()
    expect(confirm).toHaveBeenCalledWith('flow-1', '123456')
    expect(verification.codeProblem.value).toBe('')
    expect(confirmed).toHaveBeenCalledOnce()
  })

  it('says why a code was refused, empties the field and puts the cursor back in it', async () => {
    const verification = useCodeVerification({ confirm: refusedWith(WRONG_CODE) })
    const focus = vi.fn()
    verification.codeField.value = { focus }
    await verification.send(sendsFlow('flow-1'))

    verification.code.value = '999999'
    await verification.confirmCode()

    expect(verification.codeProblem.value).not.toBe('')
    expect(verification.code.value).toBe('')
    expect(focus).toHaveBeenCalled()
    expect(verification.waiting.value).toBe(true)
  })

  it('shows a failed first send as the send error, and a failed new code under the code field', async () => {
    const verification = useCodeVerification({ confirm: refusedWith(WRONG_CODE) })

    expect(await verification.send(refusedWith(TOO_MANY))).toBe(false)
    expect(verification.sendError.value).toEqual(TOO_MANY)
    expect(verification.waiting.value).toBe(false)

    await verification.send(sendsFlow('flow-1'))
    expect(verification.sendError.value).toBeNull()
    verification.codeField.value = { focus: () => undefined }
    expect(await verification.send(refusedWith(TOO_MANY))).toBe(false)
    expect(verification.sendError.value).toBeNull()
    expect(verification.codeProblem.value).not.toBe('')
    expect(verification.flow.value?.flowId).toBe('flow-1')
  })

  it('cancels the waiting flow in main when the person cancels, and stops waiting', async () => {
    const fake = createFakeApi()
    installApi(fake.api)
    setActivePinia(createPinia())
    const verification = useCodeVerification({ confirm: refusedWith(WRONG_CODE) })
    await verification.send(sendsFlow('flow-1'))

    await verification.cancel()

    expect(fake.calls.some((call) => call.method === 'auth.cancelFlow')).toBe(true)
    expect(verification.flowId.value).toBeNull()
    expect(verification.waiting.value).toBe(false)
  })

  it('picks up a flow asked for before, so coming back to the screen still waits for its code', async () => {
    const flows = useFlowStore()
    flows.flows = { 'flow-7': pendingFlow('flow-7') }
    const verification = useCodeVerification({ flowId: 'flow-7', confirm: refusedWith(WRONG_CODE) })
    expect(verification.waiting.value).toBe(true)
  })
})
