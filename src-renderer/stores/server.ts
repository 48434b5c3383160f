import { defineStore } from 'pinia'
import { computed, watch } from 'vue'
import type { Result, ServerCapabilities, ServerInfoDTO } from '../../src-shared/ipc'
import { useActiveProfileData } from '../composables/active-profile-data'
import { useAppStore } from './app'
import { useAuthStore } from './auth'

/**
 * What the active profile's server offers (main learns it: server/server-info.ts). Screens ask
 * `capabilities`, never the version; `null` while unknown, and a screen then behaves as on a
 * 1.x server (link flows, no Connected apps), which every supported server understands.
 */
export const useServerStore = defineStore('server', () => {
  const { data, status, error, load } = useActiveProfileData((profileId) => window.api.server.get({ profileId }))
  const info = computed<ServerInfoDTO | null>(() => data.value)
  const capabilities = computed<ServerCapabilities | null>(() => data.value?.capabilities ?? null)
  let pending: Promise<Result<ServerInfoDTO>> | null = null

  function reload(quiet = false): Promise<Result<ServerInfoDTO>> {
    const mine = load({ quiet })
    pending = mine
    return mine
  }

  /** Asks main once per profile (a switch clears it); safe to call from every screen. */
  function ensure(): void {
    if (status.value === 'idle') void reload()
  }

  /** The capabilities once main has answered (null if it could not say), for a screen deciding what to ask. */
  async function known(): Promise<ServerCapabilities | null> {
    if (status.value === 'loading' && pending) await pending
    else if (status.value !== 'ready') await reload()
    return capabilities.value
  }

  // Another profile is another server (the switch has cleared the old answer by now).
  const app = useAppStore()
  watch(
    () => app.activeProfileId,
    () => void reload(),
  )
  // Main asks the server again at every sign-in; the new answer is read here once it is made.
  const auth = useAuthStore()
  watch(
    () => auth.status,
    (now, before) => {
      if (now === 'signed-in' && before !== 'signed-in') void reload(true)
    },
  )

  return { info, capabilities, status, error, load: () => reload(), ensure, known }
})
