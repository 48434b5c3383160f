// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MfaFactors } from '../../../src-shared/appwrite'
import type { Api, IdentityDTO, Result } from '../../../src-shared/ipc'
import { useAppStore } from '../../../src-renderer/stores/app'
import { useAuthStore } from '../../../src-renderer/stores/auth'
import { useIdentitiesStore } from '../../../src-renderer/stores/identities'
import { useMfaStore } from '../../../src-renderer/stores/mfa'
import { useTargetsStore } from '../../../src-renderer/stores/targets'
import { createFakeApi, installApi } from './fake-api'
import { CLOUD_PROFILE, LOCAL_SANDBOX, makeTarget } from './fake-records'

/**
 * The active-profile rule (`stores/active-profile.ts`): a request started for profile A never
 * writes into profile B's state, and A's late answer never cancels B's own load. Each answer here
 * is held until the test releases it, so the switch happens while A's answer is in flight.
 */

interface Pending {
  readonly method: string
  readonly profileId: string
  answer(result: Result<unknown>): void
}

let pending: Pending[]

/** The oldest call still waiting for `method` on `profileId`. */
function waiting(method: string, profileId: string): Pending {
  const found = pending.find((call) => call.method === method && call.profileId === profileId)
  if (!found) throw new Error(`no ${method} waits for ${profileId}`)
  pending = pending.filter((call) => call !== found)
  return found
}

function held(method: string) {
  return (args: { readonly profileId: string }) =>
    new Promise<Result<never>>((resolve) => {
      pending.push({ method, profileId: args.profileId, answer: (result) => resolve(result as Result<never>) })
    })
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

const ok = <T>(data: T): Result<T> => ({ ok: true, data })

beforeEach(async () => {
  pending = []
  const base = createFakeApi({ profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
  const api: Api = {
    ...base.api,
    targets: { ...base.api.targets, list: held('targets.list'), createPush: held('targets.createPush') },
    identities: { ...base.api.identities, list: held('identities.list'), remove: held('identities.remove') },
    mfa: { ...base.api.mfa, getFactors: held('mfa.getFactors'), createRecoveryCodes: held('mfa.createRecoveryCodes') },
  }
  installApi(api)
  setActivePinia(createPinia())
  await useAuthStore().start()
})

async function switchTo(profileId: string): Promise<void> {
  const app = useAppStore()
  await app.selectProfile(profileId)
  expect(app.activeProfileId).toBe(profileId)
}

const A_TARGET = makeTarget({ $id: 'target-a', identifier: 'token-a' })
const B_TARGET = makeTarget({ $id: 'target-b', identifier: 'token-b' })

describe('a profile switch while an answer is in flight', () => {
  it('targets: A’s late add neither shows under B nor cancels B’s own load', async () => {
    const targets = useTargetsStore()
    const loadA = targets.load()
    waiting('targets.list', 'local').answer(ok([A_TARGET]))
    await loadA

    const add = targets.add('token-a2', '')
    await flush()
    await switchTo('cloud')
    expect(targets.targets).toEqual([])
    expect(targets.busy).toBeNull()
    const loadB = targets.load()
    await flush()

    waiting('targets.createPush', 'local').answer(ok(makeTarget({ $id: 'target-a2', identifier: 'token-a2' })))
    const added = await add
    expect(targets.targets).toEqual([])
    expect(targets.status).toBe('loading')
    expect(added).toMatchObject({ ok: false, error: { type: 'cancelled' } })

    waiting('targets.list', 'cloud').answer(ok([B_TARGET]))
    expect((await loadB).ok).toBe(true)
    expect(targets.targets).toEqual([B_TARGET])
    expect(targets.status).toBe('ready')
  })

  it('targets: A’s late list never shows under B, even before B loads', async () => {
    const targets = useTargetsStore()
    const loadA = targets.load()
    await flush()
    await switchTo('cloud')
    waiting('targets.list', 'local').answer(ok([A_TARGET]))
    const answer = await loadA
    expect(targets.targets).toEqual([])
    expect(targets.status).toBe('idle')
    expect(answer).toMatchObject({ ok: false, error: { type: 'cancelled' } })
  })

  it('identities: A’s late unlink answer leaves B’s list and B’s load alone', async () => {
    const identities = useIdentitiesStore()
    const a: IdentityDTO = {
      $id: 'identity-a',
      $createdAt: '',
      $updatedAt: '',
      userId: 'user-a',
      provider: 'github',
      providerUid: 'a',
      providerEmail: 'a@example.com',
      providerAccessTokenExpiry: '',
    }
    const b: IdentityDTO = { ...a, $id: 'identity-b', userId: 'user-b', providerEmail: 'b@example.com' }
    const loadA = identities.load()
    waiting('identities.list', 'local').answer(ok([a]))
    await loadA

    const removal = identities.remove('identity-a')
    await flush()
    await switchTo('cloud')
    const loadB = identities.load()
    await flush()
    waiting('identities.remove', 'local').answer(ok([]))
    const removed = await removal
    expect(identities.removingId).toBeNull()
    expect(identities.status).toBe('loading')
    expect(removed).toMatchObject({ ok: false, error: { type: 'cancelled' } })

    waiting('identities.list', 'cloud').answer(ok([b]))
    await loadB
    expect(identities.identities).toEqual([b])
    expect(identities.status).toBe('ready')
  })

  it('MFA: A’s late recovery codes and factors are not shown under B', async () => {
    const mfa = useMfaStore()
    const none: MfaFactors = { totp: false, phone: false, email: false, recoveryCode: false }
    const loadA = mfa.load()
    waiting('mfa.getFactors', 'local').answer(ok(none))
    await loadA

    const codes = mfa.createRecoveryCodes()
    await flush()
    await switchTo('cloud')
    const loadB = mfa.load()
    await flush()
    waiting('mfa.createRecoveryCodes', 'local').answer(ok({ recoveryCodes: ['a-secret-code'] }))
    const created = await codes
    expect(mfa.recoveryCodes).toBeNull()
    expect(mfa.factors).toBeNull()
    expect(created).toMatchObject({ ok: false, error: { type: 'cancelled' } })

    const bFactors: MfaFactors = { ...none, totp: true }
    waiting('mfa.getFactors', 'cloud').answer(ok(bFactors))
    await loadB
    expect(mfa.factors).toEqual(bFactors)
    expect(mfa.status).toBe('ready')
  })
})
