import { computed, ref, shallowRef } from 'vue'
import type { ApiError, Result } from '../../src-shared/ipc'
import { callForActiveProfile, failed, onProfileSwitch } from '../stores/active-profile'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** A load that a newer load or an accepted change overtook: its answer is not kept. */
export const SUPERSEDED: ApiError = { type: 'cancelled', code: 0, message: 'A newer answer replaced this one.' }

/**
 * What a setup store holds of the active profile's account (its targets, its factors, its
 * preferences…), read with `request`:
 * - `load` fetches it; only the newest answer counts, so a slow answer never puts back what a
 *   later load or an `accept`ed change replaced. `quiet` refreshes what is on screen without
 *   showing the loading state again, and keeps the screen as it was if that refresh fails.
 * - A failure sets `error` and keeps `data`, so a screen can show what it had with the reason.
 * - `accept` takes what a change answered with.
 * - `refresh` re-reads quietly, and only what is held: a live event says the data changed
 *   elsewhere (stores/live.ts); data never loaded is read when its screen opens.
 * - A profile switch clears everything (see `stores/active-profile.ts`).
 */
export function useActiveProfileData<T, A extends unknown[] = []>(request: (profileId: string, ...args: A) => Promise<Result<T>>) {
  const data = shallowRef<T | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  const loading = computed(() => status.value === 'loading')
  let generation = 0

  async function load(options: { readonly quiet?: boolean } = {}, ...args: A): Promise<Result<T>> {
    const mine = ++generation
    const quiet = options.quiet === true && status.value === 'ready'
    if (!quiet) {
      status.value = 'loading'
      error.value = null
    }
    const result = await callForActiveProfile((profileId) => request(profileId, ...args))
    if (mine !== generation) return result.ok ? failed(SUPERSEDED) : result
    if (!result.ok) {
      if (!quiet) {
        status.value = 'error'
        error.value = result.error
      }
      return result
    }
    accept(result.data)
    return result
  }

  function accept(next: T): void {
    generation++
    data.value = next
    status.value = 'ready'
    error.value = null
  }

  function clear(): void {
    generation++
    data.value = null
    status.value = 'idle'
    error.value = null
  }

  function refresh(...args: A): Promise<Result<T> | null> {
    return status.value === 'ready' ? load({ quiet: true }, ...args) : Promise.resolve(null)
  }

  onProfileSwitch(clear)
  return { data, status, error, loading, load, accept, clear, refresh }
}
