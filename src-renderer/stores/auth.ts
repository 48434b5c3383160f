import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { ApiError, AuthState, Result } from '../../src-shared/ipc'
import { settle } from './api-result'
import { useAppStore } from './app'

/**
 * Who is signed in on the active profile. The main process owns the session; this store only
 * mirrors the `AuthState` it reports (by answer or by `onAuthChanged`), so the screens and the
 * router agree on one state.
 */
export const useAuthStore = defineStore('auth', () => {
  const app = useAppStore()

  const state = shallowRef<AuthState | null>(null)
  /** A sign-in, sign-up or sign-out is running. */
  const loading = ref(false)
  /** The profile's stored session is being checked against the server. */
  const checking = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** Set once the first check has finished, whatever its answer; it is what start-up waits for. */
  const settled = ref(false)

  const status = computed(() => state.value?.status ?? 'signed-out')
  const account = computed(() => state.value?.account ?? null)
  /** Offline with a cached account counts as signed in: the session is kept, only the server is away. */
  const isSignedIn = computed(() => state.value !== null && state.value.status !== 'signed-out' && state.value.account !== null)
  const isOffline = computed(() => state.value?.status === 'offline')
  /** The state belongs to a profile that is no longer active (a switch is being loaded). */
  const isStale = computed(() => state.value !== null && state.value.profileId !== app.activeProfileId)

  function accept(next: AuthState): void {
    state.value = next
  }

  /** Main may report a change at any time (session expired, signed out from another window…). */
  const unsubscribe = window.api.events.onAuthChanged((next) => {
    if (next.profileId === app.activeProfileId) accept(next)
  })
  onScopeDispose(unsubscribe)

  async function run(action: (profileId: string) => Promise<Result<AuthState>>): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) {
      error.value = { type: 'no_profile', code: 0, message: 'No profile is selected.' }
      return false
    }
    const result = await settle(() => action(profileId))
    // A profile switch while the request ran makes its answer stale.
    if (profileId !== app.activeProfileId) return false
    if (!result.ok) {
      error.value = result.error
      return false
    }
    error.value = null
    accept(result.data)
    return true
  }

  async function load(): Promise<boolean> {
    checking.value = true
    try {
      const loaded = await run((profileId) => window.api.auth.getState({ profileId }))
      // Never show one profile's account under another profile's name.
      if (!loaded && isStale.value) state.value = null
      return loaded
    } finally {
      checking.value = false
      settled.value = true
    }
  }

  async function busy(action: (profileId: string) => Promise<Result<AuthState>>): Promise<boolean> {
    loading.value = true
    try {
      return await run(action)
    } finally {
      loading.value = false
    }
  }

  function signUp(input: { name: string; email: string; password: string }): Promise<boolean> {
    return busy((profileId) => window.api.auth.signUp({ profileId, ...input }))
  }

  function signIn(input: { email: string; password: string }): Promise<boolean> {
    return busy((profileId) => window.api.auth.signInWithPassword({ profileId, ...input }))
  }

  function signOut(): Promise<boolean> {
    return busy((profileId) => window.api.auth.signOut({ profileId }))
  }

  let starting: Promise<void> | null = null

  /**
   * Start-up: learn the app status (profiles, keychain), then check the active profile's stored
   * session. Concurrent callers share one run. Always ends with `settled` true, even on failure,
   * so the window never waits forever; failures stay in `app.error` / `error` for the screens.
   */
  function start(): Promise<void> {
    starting ??= startOnce().finally(() => {
      starting = null
    })
    return starting
  }

  async function startOnce(): Promise<void> {
    try {
      if (app.status === null && !(await app.load())) return
      await load()
    } finally {
      settled.value = true
    }
  }

  function clearError(): void {
    error.value = null
  }

  return {
    state,
    loading,
    checking,
    error,
    settled,
    status,
    account,
    isSignedIn,
    isOffline,
    isStale,
    load,
    signUp,
    signIn,
    signOut,
    clearError,
    start,
  }
})
