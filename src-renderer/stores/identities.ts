import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ApiError, IdentityDTO } from '../../src-shared/ipc'
import { settle } from './api-result'
import type { LoadStatus } from './activity'
import { useAppStore } from './app'

/** The OAuth sign-ins linked to the account (Appwrite identities), without the provider's tokens. */
export const useIdentitiesStore = defineStore('identities', () => {
  const app = useAppStore()
  const identities = shallowRef<readonly IdentityDTO[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  /** The identity being unlinked, if any. */
  const removingId = ref<string | null>(null)
  let generation = 0

  async function load(): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    const result = await settle(() => window.api.identities.list({ profileId }))
    if (mine !== generation) return false
    if (!result.ok) {
      status.value = 'error'
      error.value = result.error
      return false
    }
    identities.value = result.data
    status.value = 'ready'
    return true
  }

  /** Unlinks one identity; resolves to null on success or the error to show. */
  async function remove(identityId: string): Promise<ApiError | null> {
    const profileId = app.activeProfileId
    if (profileId === null) return { type: 'no_profile', code: 0, message: 'No profile is selected.' }
    removingId.value = identityId
    try {
      const result = await settle(() => window.api.identities.remove({ profileId, identityId }))
      if (!result.ok) return result.error
      generation++
      identities.value = result.data
      status.value = 'ready'
      return null
    } finally {
      removingId.value = null
    }
  }

  return { identities, status, error, removingId, load, remove }
})
