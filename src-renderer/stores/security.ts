import { defineStore } from 'pinia'
import { useActiveProfileCall } from '../composables/active-profile-call'

/** The Security overview, computed in main from the account, its factors, sessions and logs. */
export const useSecurityStore = defineStore('security', () => {
  const {
    data: overview,
    running: loading,
    error,
    call: load,
  } = useActiveProfileCall((profileId) => window.api.security.getOverview({ profileId }))

  return { overview, loading, error, load }
})
