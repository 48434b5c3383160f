// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type * as VueRouter from 'vue-router'
import type { FlowDTO } from '../../../src-shared/ipc'
import { useFlowStep } from '../../../src-renderer/components/flow/flow-step'
import { ROUTE_NAMES } from '../../../src-renderer/route-names'
import { createFakeApi, type FakeApi, installApi } from './fake-api'
import { makeAccount } from './fake-records'

const replace = vi.fn(async () => undefined)
vi.mock('vue-router', async (importOriginal) => ({ ...(await importOriginal<typeof VueRouter>()), useRouter: () => ({ replace }) }))

function waitingFlow(overrides: Partial<FlowDTO> = {}): FlowDTO {
  return {
    flowId: 'gone-flow',
    profileId: 'local',
    kind: 'recovery',
    status: 'pending',
    expiresAt: '2030-01-01T00:00:00.000Z',
    destination: 'ada@example.com',
    ...overrides,
  }
}

let fake: FakeApi

describe('useFlowStep', () => {
  beforeEach(() => {
    replace.mockClear()
    fake = createFakeApi()
    installApi(fake.api)
    setActivePinia(createPinia())
  })

  it('cancels the flow in main before leaving, and leaves even when main no longer knows it', async () => {
    const step = useFlowStep(() => waitingFlow())
    await step.cancel({ name: ROUTE_NAMES.signIn })
    expect(fake.calls.some((call) => call.method === 'auth.cancelFlow')).toBe(true)
    expect(replace).toHaveBeenCalledWith({ name: ROUTE_NAMES.signIn })
    expect(step.problem.value).toBe('')
    expect(step.cancelling.value).toBe(false)
  })

  it('says why a new code could not be sent, and stays on the screen', async () => {
    // An OAuth flow is never sent again from its step: the store refuses with a sentence.
    const step = useFlowStep(() => waitingFlow({ kind: 'oauth' }))
    expect(await step.resend()).toBe(false)
    expect(step.problem.value).not.toBe('')
    expect(replace).not.toHaveBeenCalled()
    expect(step.resending.value).toBe(false)
  })

  it('after a new password, goes to sign-in with the e-mail filled in when Appwrite did not sign in', async () => {
    const step = useFlowStep(() => waitingFlow())
    await step.passwordChanged({ profileId: 'local', status: 'signed-out', account: null })
    expect(replace).toHaveBeenCalledWith({ name: ROUTE_NAMES.signIn, query: { email: 'ada@example.com' } })
  })

  it('after a new password that signed in, stays for the flow screen to follow the new auth state', async () => {
    const step = useFlowStep(() => waitingFlow())
    await step.passwordChanged({ profileId: 'local', status: 'signed-in', account: makeAccount() })
    expect(replace).not.toHaveBeenCalled()
  })
})
