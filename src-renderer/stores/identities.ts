import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { IdentityDTO, Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'

/** The OAuth sign-ins linked to the account (Appwrite identities), without the provider's tokens. */
export const useIdentitiesStore = defineStore('identities', () => {
  const { data, status, error, load, accept, refresh } = useActiveProfileData((profileId) => window.api.identities.list({ profileId }))
  const identities = computed<readonly IdentityDTO[]>(() => data.value ?? [])
  /** The identity being unlinked, if any. */
  const { busy: removingId, run } = useActiveProfileAction<string>()

  /** Unlinks one identity; answers with the identities left. */
  async function remove(identityId: string): Promise<Result<readonly IdentityDTO[]>> {
    const result = await run(identityId, (profileId) => window.api.identities.remove({ profileId, identityId }))
    if (result.ok) accept(result.data)
    return result
  }

  return { identities, status, error, removingId, load: () => load(), refresh: () => refresh(), remove }
})
