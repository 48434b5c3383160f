import { defineStore } from 'pinia'
import { computed, onScopeDispose, shallowRef } from 'vue'
import type { LiveChange, LiveEventDTO, LiveStatusDTO } from '../../src-shared/ipc'
import { callForActiveProfile } from './active-profile'
import { useAppStore } from './app'
import { useAuthStore } from './auth'
import { useIdentitiesStore } from './identities'
import { useMfaStore } from './mfa'
import { usePreferencesStore } from './preferences'
import { useSecurityStore } from './security'
import { useSessionsStore } from './sessions'
import { useTargetsStore } from './targets'

/**
 * The window's one subscription to the live account (Appwrite Realtime, held by main: see
 * src-main/core/live/live-feeds.ts). Each event of the active profile goes to the stores that
 * hold what it changed, which update in place — no reload. Events of other profiles are dropped:
 * their screens read afresh when the person switches to them. Created once by App.vue; its two
 * listeners go when its scope does.
 */
export const useLiveStore = defineStore('live', () => {
  const app = useAppStore()
  const auth = useAuthStore()
  const sessions = useSessionsStore()
  const preferences = usePreferencesStore()
  const mfa = useMfaStore()
  const identities = useIdentitiesStore()
  const targets = useTargetsStore()
  const security = useSecurityStore()

  /** The live connection of each profile, as main last reported it. */
  const statuses = shallowRef<Readonly<Record<string, LiveStatusDTO>>>({})
  const status = computed<LiveStatusDTO['state']>(() => (app.activeProfileId ? (statuses.value[app.activeProfileId]?.state ?? 'stopped') : 'stopped'))

  /** An event said the account changed but did not carry it (e.g. after a verification): read it. */
  async function readAccount(): Promise<void> {
    const result = await callForActiveProfile((profileId) => window.api.account.get({ profileId }))
    if (result.ok) auth.acceptAccount(result.data)
  }

  function apply(change: LiveChange): void {
    switch (change.kind) {
      case 'session':
        sessions.applyLive(change.action, change.session)
        break
      case 'account':
        if (change.account) auth.acceptAccount(change.account)
        else void readAccount()
        if (change.field === 'prefs' && change.account) preferences.applyLive(change.account.prefs)
        if (change.field === 'mfa') void mfa.refresh()
        break
      case 'resource':
        switch (change.resource) {
          case 'identities':
            void identities.refresh()
            break
          case 'targets':
            void targets.refresh()
            break
          case 'challenges':
          case 'recovery':
            void mfa.refresh()
            break
          case 'verification':
            void readAccount()
            break
          case 'tokens':
            break
          default:
            change.resource satisfies never
        }
        break
      case 'account-deleted':
        // Main confirms with the server and signs out, explaining it (live-feeds.ts).
        return
      default:
        change satisfies never
    }
    // The overview is computed from all of the above.
    void security.refresh()
  }

  const stopEvents = window.api.events.onLiveEvent((event: LiveEventDTO) => {
    if (event.profileId === app.activeProfileId && auth.isSignedIn) apply(event.change)
  })
  const stopStatus = window.api.events.onLiveStatus((next) => {
    statuses.value = { ...statuses.value, [next.profileId]: next }
  })
  onScopeDispose(() => {
    stopEvents()
    stopStatus()
  })

  return { status, statuses }
})
