import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ApiError, SecurityOverview } from '../../src-shared/ipc'
import { callForActiveProfile } from './active-profile'

/** The Security overview, computed in main from the account, its factors, sessions and logs. */
export const useSecurityStore = defineStore('security', () => {
  const overview = shallowRef<SecurityOverview | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)

  async function load(): Promise<boolean> {
    loading.value = true
    try {
      const result = await callForActiveProfile((profileId) => window.api.security.getOverview({ profileId }))
      if (!result.ok) {
        error.value = result.error
        return false
      }
      overview.value = result.data
      error.value = null
      return true
    } finally {
      loading.value = false
    }
  }

  return { overview, loading, error, load }
})
