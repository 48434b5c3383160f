import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Target } from '../../src-shared/appwrite'
import type { Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'

export type TargetKind = Target['providerType']
/** Push first: it is what this screen manages; e-mail and SMS targets follow the profile. */
export const TARGET_KINDS: readonly TargetKind[] = ['push', 'email', 'sms']

/**
 * The account's messaging targets (Appwrite's `targets` on the Account model): push targets can
 * be added, changed and deleted here; e-mail and SMS targets follow the account's e-mail and phone.
 */
export const useTargetsStore = defineStore('targets', () => {
  const { data, status, error, load, accept, refresh } = useActiveProfileData((profileId) => window.api.targets.list({ profileId }))
  const targets = computed<readonly Target[]>(() => data.value ?? [])
  /** `add`, or the id of the target being changed or deleted. */
  const { busy, run } = useActiveProfileAction<string>()

  const groups = computed(() => TARGET_KINDS.map((kind) => ({ kind, targets: targets.value.filter((target) => target.providerType === kind) })))

  async function add(identifier: string, providerId: string): Promise<Result<Target>> {
    const trimmed = providerId.trim()
    const result = await run('add', (profileId) =>
      window.api.targets.createPush({ profileId, identifier: identifier.trim(), ...(trimmed ? { providerId: trimmed } : {}) }),
    )
    if (result.ok) accept([...targets.value, result.data])
    return result
  }

  async function update(targetId: string, identifier: string): Promise<Result<Target>> {
    const result = await run(targetId, (profileId) => window.api.targets.updatePush({ profileId, targetId, identifier: identifier.trim() }))
    if (result.ok) accept(targets.value.map((target) => (target.$id === targetId ? result.data : target)))
    return result
  }

  async function remove(targetId: string): Promise<Result<readonly Target[]>> {
    const result = await run(targetId, (profileId) => window.api.targets.removePush({ profileId, targetId }))
    if (result.ok) accept(result.data)
    return result
  }

  return { targets, status, error, busy, groups, load: () => load(), refresh: () => refresh(), add, update, remove }
})
