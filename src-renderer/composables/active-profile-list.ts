import { ref, shallowRef } from 'vue'
import type { ApiError, Result } from '../../src-shared/ipc'
import { settle } from '../stores/api-result'
import { useAppStore } from '../stores/app'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/**
 * A list of the active profile's account (its linked identities, its targets…), for a setup store:
 * `load` fetches it with `list`, `accept` takes the list a change answered with. Only the newest
 * answer counts: a load that a reload or an accepted change overtook is dropped, so a slow answer
 * never puts back what a later one replaced.
 */
export function useActiveProfileList<T>(list: (profileId: string) => Promise<Result<readonly T[]>>) {
  const app = useAppStore()
  const items = shallowRef<readonly T[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  let generation = 0

  async function load(): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    const result = await settle(() => list(profileId))
    if (mine !== generation) return false
    if (!result.ok) {
      status.value = 'error'
      error.value = result.error
      return false
    }
    items.value = result.data
    status.value = 'ready'
    return true
  }

  function accept(next: readonly T[]): void {
    generation++
    items.value = next
    status.value = 'ready'
  }

  return { items, status, error, load, accept }
}
