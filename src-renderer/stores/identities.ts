import { defineStore } from 'pinia'
import type { ApiError } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileList } from '../composables/active-profile-list'

/** The OAuth sign-ins linked to the account (Appwrite identities), without the provider's tokens. */
export const useIdentitiesStore = defineStore('identities', () => {
  const { items: identities, status, error, load, accept } = useActiveProfileList((profileId) => window.api.identities.list({ profileId }))
  /** The identity being unlinked, if any. */
  const { busy: removingId, run } = useActiveProfileAction<string>()

  /** Unlinks one identity; resolves to null on success or the error to show. */
  async function remove(identityId: string): Promise<ApiError | null> {
    const result = await run(identityId, (profileId) => window.api.identities.remove({ profileId, identityId }))
    if (!result.ok) return result.error
    accept(result.data)
    return null
  }

  return { identities, status, error, removingId, load, remove }
})
