import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Preferences } from '../../src-shared/appwrite'
import type { Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'
import { useAuthStore } from './auth'

/**
 * The account's preferences as saved on the server. Saving replaces the whole object (Appwrite's
 * rule, appwrite-behaviour §3.2); the saved object also goes into the account the auth store holds, so the
 * console applies `theme`, `locale` and `timezone` at once.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const auth = useAuthStore()
  const { data: prefs, loading, error, load, accept } = useActiveProfileData((profileId) => window.api.prefs.get({ profileId }))
  const { busy, run } = useActiveProfileAction<'save'>()
  const saving = computed(() => busy.value === 'save')

  async function save(next: Preferences): Promise<Result<Preferences>> {
    const result = await run('save', (profileId) => window.api.prefs.update({ profileId, prefs: next }))
    if (result.ok) {
      accept(result.data)
      const account = auth.account
      if (account) auth.acceptAccount({ ...account, prefs: result.data })
    }
    return result
  }

  /** Saved elsewhere (a live event): held preferences follow; the screen guards a draft (PreferencesView). */
  function applyLive(next: Preferences): void {
    if (prefs.value !== null) accept(next)
  }

  return { prefs, loading, saving, error, load: () => load(), save, applyLive }
})
