import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Target } from '../../src-shared/appwrite'
import type { ApiError } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileList } from '../composables/active-profile-list'

export type TargetKind = Target['providerType']
/** Push first: it is what this screen manages; e-mail and SMS targets follow the profile. */
export const TARGET_KINDS: readonly TargetKind[] = ['push', 'email', 'sms']

/**
 * The account's messaging targets (Appwrite's `targets` on the Account model): push targets can
 * be added, changed and deleted here; e-mail and SMS targets follow the account's e-mail and phone.
 */
export const useTargetsStore = defineStore('targets', () => {
  const { items: targets, status, error, load, accept } = useActiveProfileList((profileId) => window.api.targets.list({ profileId }))
  /** `add`, or the id of the target being changed or deleted. */
  const { busy, run } = useActiveProfileAction<string>()

  const groups = computed(() =>
    TARGET_KINDS.map((kind) => ({ kind, targets: targets.value.filter((target) => target.providerType === kind) })),
  )

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
