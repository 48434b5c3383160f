import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import { alertDeviceName } from '../../src-shared/alert-words'
import type { AlertDTO, AlertHistoryDTO, ApiError, Result } from '../../src-shared/ipc'
import { countryText, deviceText } from '../../src-shared/session-words'
import { useActiveProfileData } from '../composables/active-profile-data'
import { callForActiveProfile, isProfileChange } from './active-profile'
import { settle } from './api-result'

/**
 * Sign-in alerts in the window (issue 15 item 4). Main decides what is an alert (a sign-in on
 * another device, password or e-mail changed elsewhere, two-step sign-in turned off, the account
 * blocked — src-main/core/live/alerts.ts); a muted profile's alerts only join the history.
 *
 * - `banners`: the alerts on screen, newest first, until the person answers them: "This was me"
 *   dismisses; "Sign it out" ends exactly that session through the sessions path and says so.
 *   Clicking the desktop notification (`alertOpened`) brings an answered alert back and focuses it.
 * - `history` and `muted`: the active profile's recent alerts, for the security overview.
 */

export type AlertBannerState = 'open' | 'signing-out' | 'signed-out' | 'failed'

export interface AlertBanner {
  readonly alert: AlertDTO
  readonly state: AlertBannerState
  /** After "Sign it out": what happened, in words. */
  readonly message: string
}

/** How many banners show at once; the rest wait behind a count (the security overview lists all). */
export const VISIBLE_BANNERS = 3

/** "Firefox 128 on Mac 14 (Desktop, IP 203.0.113.9, Germany)" — the session a banner signs out. */
export function signedOutWords(alert: AlertDTO): string {
  const session = alert.session
  if (!session) return alertDeviceName(alert)
  return `${alertDeviceName(alert)} (${deviceText(session)}, IP ${session.ip || 'unknown'}, ${countryText(session)})`
}

export const useAlertsStore = defineStore('alerts', () => {
  const banners = shallowRef<readonly AlertBanner[]>([])
  /** The alert whose notification was clicked: the banner list focuses it. */
  const focused = ref<string | null>(null)
  const visible = computed(() => banners.value.slice(0, VISIBLE_BANNERS))
  const hiddenCount = computed(() => Math.max(0, banners.value.length - VISIBLE_BANNERS))

  const { data: history, loading, error, load, accept, refresh } = useActiveProfileData((profileId) => window.api.alerts.history({ profileId }))
  const savingMute = ref(false)
  const muteError = shallowRef<ApiError | null>(null)
  /** Refused mute changes so far: the mute checkbox is keyed on it, so a refused click is undone. */
  const muteRefusals = ref(0)

  function put(alert: AlertDTO): void {
    const rest = banners.value.filter((banner) => banner.alert.id !== alert.id)
    banners.value = [{ alert, state: 'open', message: '' }, ...rest]
  }

  function update(id: string, change: Partial<Omit<AlertBanner, 'alert'>>): void {
    banners.value = banners.value.map((banner) => (banner.alert.id === id ? { ...banner, ...change } : banner))
  }

  /** "This was me" (or Dismiss): the banner goes; the alert stays in the history. */
  function dismiss(id: string): void {
    banners.value = banners.value.filter((banner) => banner.alert.id !== id)
    if (focused.value === id) focused.value = null
  }

  function dismissAll(): void {
    banners.value = []
    focused.value = null
  }

  /** "Sign it out": deletes exactly the alert's session (Appwrite `DELETE /account/sessions/{id}`). */
  async function signOut(id: string): Promise<Result<unknown> | null> {
    const banner = banners.value.find((item) => item.alert.id === id)
    const sessionId = banner?.alert.session?.$id
    if (!banner || !sessionId || banner.state === 'signing-out') return null
    update(id, { state: 'signing-out', message: '' })
    // The alert's own profile, which may not be the active one: no callForActiveProfile here.
    const result = await settle(() => window.api.sessions.remove({ profileId: banner.alert.profileId, sessionId }))
    if (result.ok) update(id, { state: 'signed-out', message: `Signed out ${signedOutWords(banner.alert)}.` })
    else if (result.error.type === 'user_session_not_found')
      update(id, { state: 'signed-out', message: `${signedOutWords(banner.alert)} was already signed out.` })
    else update(id, { state: 'failed', message: `Could not sign it out: ${result.error.message}` })
    return result
  }

  /** Mutes or unmutes the active profile's alerts. */
  async function setMuted(muted: boolean): Promise<Result<AlertHistoryDTO>> {
    savingMute.value = true
    muteError.value = null
    try {
      const result = await callForActiveProfile((profileId) => window.api.alerts.setMuted({ profileId, muted }))
      if (result.ok) accept(result.data)
      else {
        muteRefusals.value += 1
        if (!isProfileChange(result.error)) muteError.value = result.error
      }
      return result
    } finally {
      savingMute.value = false
    }
  }

  const stopAlert = window.api.events.onAlert((alert) => {
    if (!alert.muted) put(alert)
    void refresh()
  })
  const stopOpened = window.api.events.onAlertOpened((alert) => {
    const shown = banners.value.find((banner) => banner.alert.id === alert.id)
    if (!shown) put(alert)
    else if (banners.value.indexOf(shown) >= VISIBLE_BANNERS) banners.value = [shown, ...banners.value.filter((banner) => banner !== shown)]
    focused.value = alert.id
  })
  onScopeDispose(() => {
    stopAlert()
    stopOpened()
  })

  return {
    banners,
    visible,
    hiddenCount,
    focused,
    history,
    loading,
    error,
    savingMute,
    muteError,
    muteRefusals,
    load: () => load(),
    dismiss,
    dismissAll,
    signOut,
    setMuted,
  }
})
