import { defineStore } from 'pinia'
import { useActiveProfileData } from '../composables/active-profile-data'

/** The Security overview, computed in main from the account, its factors, sessions and logs. */
export const useSecurityStore = defineStore('security', () => {
  const { data: overview, loading, error, load, refresh } = useActiveProfileData((profileId) => window.api.security.getOverview({ profileId }))

  return { overview, loading, error, load: () => load(), refresh: () => refresh() }
})
