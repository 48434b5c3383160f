import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Preferences } from '../../src-shared/appwrite'
import type { Result } from '../../src-shared/ipc'
import { useActiveProfileCall } from '../composables/active-profile-call'
import { acceptAccount, callForActiveProfile } from './active-profile'
import { useAuthStore } from './auth'

/**
 * The account's preferences as saved on the server. Saving replaces the whole object (Appwrite's
 * rule, appwrite-behaviour §3.2); the saved object also goes into the account the auth store holds, so the
 * console applies `theme`, `locale` and `timezone` at once.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const auth = useAuthStore()
  const { data: prefs, running: loading, error, call: load } = useActiveProfileCall((profileId) => window.api.prefs.get({ profileId }))
  const saving = ref(false)

  async function save(next: Preferences): Promise<Result<Preferences>> {
    saving.value = true
    try {
      const result = await callForActiveProfile((profileId) => window.api.prefs.update({ profileId, prefs: next }))
      if (result.ok) {
        prefs.value = result.data
        const account = auth.account
        if (account) acceptAccount({ ...account, prefs: result.data })
      }
      return result
    } finally {
      saving.value = false
    }
  }

  return { prefs, loading, saving, error, load, save }
})
