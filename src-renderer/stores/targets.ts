import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Target } from '../../src-shared/appwrite'
import type { ApiError, Result } from '../../src-shared/ipc'
import { settle } from './api-result'
import type { LoadStatus } from './activity'
import { useAppStore } from './app'

export type TargetKind = Target['providerType']
/** Push first: it is what this screen manages; e-mail and SMS targets follow the profile. */
export const TARGET_KINDS: readonly TargetKind[] = ['push', 'email', 'sms']

/**
 * The account's messaging targets (Appwrite's `targets` on the Account model): push targets can
 * be added, changed and deleted here; e-mail and SMS targets follow the account's e-mail and phone.
 */
export const useTargetsStore = defineStore('targets', () => {
  const app = useAppStore()
  const targets = shallowRef<readonly Target[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  /** `add`, or the id of the target being changed or deleted. */
  const busy = ref<string | null>(null)
  let generation = 0

  const groups = computed(() =>
    TARGET_KINDS.map((kind) => ({ kind, targets: targets.value.filter((target) => target.providerType === kind) })),
  )

  async function load(): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    const result = await settle(() => window.api.targets.list({ profileId }))
    if (mine !== generation) return false
    if (!result.ok) {
      status.value = 'error'
      error.value = result.error
      return false
    }
    targets.value = result.data
    status.value = 'ready'
    return true
  }

  function accept(list: readonly Target[]): void {
    generation++
    targets.value = list
    status.value = 'ready'
  }

  async function run<T>(label: string, call: (profileId: string) => Promise<Result<T>>): Promise<{ ok: true; data: T } | { ok: false; error: ApiError }> {
    const profileId = app.activeProfileId
    if (profileId === null) return { ok: false, error: { type: 'no_profile', code: 0, message: 'No profile is selected.' } }
    busy.value = label
    try {
      const result = await settle(() => call(profileId))
      return result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error }
    } finally {
      busy.value = null
    }
  }

  async function add(identifier: string, providerId: string): Promise<ApiError | null> {
    const trimmed = providerId.trim()
    const result = await run('add', (profileId) =>
      window.api.targets.createPush({ profileId, identifier: identifier.trim(), ...(trimmed ? { providerId: trimmed } : {}) }),
    )
    if (!result.ok) return result.error
    accept([...targets.value, result.data])
    return null
  }

  async function update(targetId: string, identifier: string): Promise<ApiError | null> {
    const result = await run(targetId, (profileId) => window.api.targets.updatePush({ profileId, targetId, identifier: identifier.trim() }))
    if (!result.ok) return result.error
    accept(targets.value.map((target) => (target.$id === targetId ? result.data : target)))
    return null
  }

  async function remove(targetId: string): Promise<ApiError | null> {
    const result = await run(targetId, (profileId) => window.api.targets.removePush({ profileId, targetId }))
    if (!result.ok) return result.error
    accept(result.data)
    return null
  }

  return { targets, status, error, busy, groups, load, add, update, remove }
})
