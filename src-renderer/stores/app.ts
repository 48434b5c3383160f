import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ApiError, AppStatus, AuthState, KeychainStatus, Notice, ProfileDTO, ProfileInput, Result } from '../../src-shared/ipc'
import { settle } from './api-result'

/**
 * What the main process says about the app as a whole: the saved profiles, which one is active,
 * and whether sessions can be kept in the OS keychain or only in memory.
 */
export const useAppStore = defineStore('app', () => {
  const status = shallowRef<AppStatus | null>(null)
  const loading = ref(false)
  const switching = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** Start-up notices from main (profiles restored, …), for the shell to show once. */
  const startupNotices = shallowRef<readonly Notice[]>([])

  const profiles = computed<readonly ProfileDTO[]>(() => status.value?.profiles ?? [])
  const activeProfileId = computed(() => status.value?.activeProfileId ?? null)
  const activeProfile = computed(() => profiles.value.find((profile) => profile.id === activeProfileId.value) ?? null)
  const keychain = computed(() => status.value?.keychain ?? null)

  /** Keeps a status main answered with, or the error it answered instead. */
  function accept(result: Result<AppStatus>): Result<AppStatus> {
    if (!result.ok) {
      error.value = result.error
      return result
    }
    status.value = result.data
    error.value = null
    return result
  }

  /**
   * The window's start-up answer (one round trip): the status is kept here; the active profile's
   * auth state is handed to the caller, the auth store. `null` when main gave no status at all.
   */
  async function start(): Promise<Result<AuthState> | null> {
    loading.value = true
    try {
      const result = await settle(() => window.api.app.start())
      if (!result.ok) {
        accept(result)
        return null
      }
      accept({ ok: true, data: result.data.status })
      startupNotices.value = result.data.notices
      return result.data.auth
    } finally {
      loading.value = false
    }
  }

  /** Makes `profileId` the active profile. The caller then loads that profile's auth state. */
  async function selectProfile(profileId: string): Promise<Result<AppStatus>> {
    switching.value = true
    try {
      return accept(await settle(() => window.api.profiles.select({ profileId })))
    } finally {
      switching.value = false
    }
  }

  /**
   * Adds, changes or removes a saved profile. Main answers with the new app status; the error is
   * returned (not kept in `error`) because it belongs to the form that asked.
   */
  async function saveProfile(call: () => Promise<Result<AppStatus>>): Promise<Result<AppStatus>> {
    const result = await settle(call)
    if (result.ok) status.value = result.data
    return result
  }

  /** Main says the keychain stopped answering, or answers again (the banner follows). */
  function keychainChanged(next: KeychainStatus): void {
    if (status.value) status.value = { ...status.value, keychain: next }
  }

  function addProfile(input: ProfileInput): Promise<Result<AppStatus>> {
    return saveProfile(() => window.api.profiles.add(input))
  }

  function updateProfile(profileId: string, input: ProfileInput): Promise<Result<AppStatus>> {
    return saveProfile(() => window.api.profiles.update({ profileId, ...input }))
  }

  /** Signs the profile out on this device and forgets it; "Local sandbox" cannot be removed. */
  function removeProfile(profileId: string): Promise<Result<AppStatus>> {
    return saveProfile(() => window.api.profiles.remove({ profileId }))
  }

  return {
    status,
    startupNotices,
    loading,
    switching,
    error,
    profiles,
    activeProfileId,
    activeProfile,
    keychain,
    start,
    keychainChanged,
    selectProfile,
    addProfile,
    updateProfile,
    removeProfile,
  }
})
