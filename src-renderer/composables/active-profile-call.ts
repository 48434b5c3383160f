import { ref, shallowRef } from 'vue'
import type { ApiError, Result } from '../../src-shared/ipc'
import { callForActiveProfile } from '../stores/active-profile'

/**
 * One call for the active profile whose last good answer a setup store keeps (the security
 * overview, the preferences, the last JWT): `running` while it runs; a failure sets `error` and
 * leaves `data` as it was, so a screen can show what it had with the reason beside it; an answer
 * clears the error. `call` resolves to whether it worked.
 */
export function useActiveProfileCall<T, A extends unknown[] = []>(request: (profileId: string, ...args: A) => Promise<Result<T>>) {
  const data = shallowRef<T | null>(null)
  const running = ref(false)
  const error = shallowRef<ApiError | null>(null)

  async function call(...args: A): Promise<boolean> {
    running.value = true
    try {
      const result = await callForActiveProfile((profileId) => request(profileId, ...args))
      if (!result.ok) {
        error.value = result.error
        return false
      }
      data.value = result.data
      error.value = null
      return true
    } finally {
      running.value = false
    }
  }

  return { data, running, error, call }
}
