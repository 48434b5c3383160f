import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { MfaFactor } from '../../src-shared/appwrite'
import type { AccountDTO, ApiError, AuthState, Result } from '../../src-shared/ipc'
import { phaseOf } from '../auth-phase'
import { NO_PROFILE, PROFILE_CHANGED, callForActiveProfile, failed } from './active-profile'
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

  /**
   * "Keep me signed in": an explicit choice on the sign-in screens, on by default. Off (or no
   * keychain) means main keeps the session in memory only, so it ends when the app quits.
   */
  const remember = ref(true)

  /**
   * Why the active profile was just signed out by something done elsewhere (main's
   * `session-ended` notice): shown until the person signs in again or dismisses it.
   */
  const sessionEnded = ref<string | null>(null)

  const status = computed(() => state.value?.status ?? 'signed-out')
  const account = computed(() => state.value?.account ?? null)
  const phase = computed(() => phaseOf(state.value))
  /** Offline with a cached account counts as signed in: the session is kept, only the server is away. */
  const isSignedIn = computed(() => phase.value === 'signed-in')
  const isOffline = computed(() => state.value?.status === 'offline')
  const isMfaRequired = computed(() => phase.value === 'mfa')
  /** The second factors Appwrite will accept, when a sign-in waits for one. */
  const mfaFactors = computed(() => (isMfaRequired.value ? (state.value?.mfaFactors ?? null) : null))
  /** The state belongs to a profile that is no longer active (a switch is being loaded). */
  const isStale = computed(() => state.value !== null && state.value.profileId !== app.activeProfileId)

  function accept(next: AuthState): void {
    state.value = next
    if (next.status === 'signed-in') sessionEnded.value = null
  }

  /**
   * Takes an AuthState that another store got from main (a code, a recovery, a completed link),
   * unless it belongs to a profile that is no longer active.
   */
  function acceptFor(next: AuthState): void {
    if (next.profileId === app.activeProfileId) accept(next)
  }

  /**
   * An account screen changed the account (name, e-mail, prefs…): take the new one, keeping the
   * rest of the state as it is, so every screen that reads the account here shows it at once.
   */
  function acceptAccount(account: AccountDTO): void {
    const current = state.value
    if (current === null || current.account === null || current.account.$id !== account.$id) return
    acceptFor({ ...current, account })
  }

  /** Main may report a change at any time (session expired, signed out from another window…). */
  const unsubscribe = window.api.events.onAuthChanged((next) => {
    if (next.profileId === app.activeProfileId) accept(next)
  })
  onScopeDispose(unsubscribe)

  /**
   * The active-profile rule (`stores/active-profile.ts`) for the one state this store holds: an
   * answer for a profile that is no longer active is dropped. The error is kept for the screens.
   */
  async function run(action: (profileId: string) => Promise<Result<AuthState>>): Promise<Result<AuthState>> {
    const profileId = app.activeProfileId
    if (profileId === null) {
      error.value = NO_PROFILE
      return failed(NO_PROFILE)
    }
    const result = await settle(() => action(profileId))
    if (profileId !== app.activeProfileId) return failed(PROFILE_CHANGED)
    if (!result.ok) {
      error.value = result.error
      return result
    }
    error.value = null
    accept(result.data)
    return result
  }

  async function load(): Promise<Result<AuthState>> {
    checking.value = true
    try {
      const loaded = await run((profileId) => window.api.auth.getState({ profileId }))
      // Never show one profile's account under another profile's name.
      if (!loaded.ok && isStale.value) state.value = null
      return loaded
    } finally {
      checking.value = false
      settled.value = true
    }
  }

  async function busy(action: (profileId: string) => Promise<Result<AuthState>>): Promise<Result<AuthState>> {
    loading.value = true
    try {
      return await run(action)
    } finally {
      loading.value = false
    }
  }

  function signUp(input: { name: string; email: string; password: string }): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.auth.signUp({ profileId, ...input, remember: remember.value }))
  }

  function signIn(input: { email: string; password: string }): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.auth.signInWithPassword({ profileId, ...input, remember: remember.value }))
  }

  /** "Continue as guest": an anonymous account that can be made permanent later (appwrite-behaviour §3.2). */
  function signInAnonymously(): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.auth.signInAnonymously({ profileId, remember: remember.value }))
  }

  function signOut(): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.auth.signOut({ profileId }))
  }

  /** Ends every session of the account, on every device, then this one. */
  function signOutEverywhere(): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.auth.signOutEverywhere({ profileId }))
  }

  /** MFA at sign-in: asks Appwrite for a challenge (e-mail and phone send a code). */
  async function createChallenge(factor: MfaFactor): Promise<Result<{ readonly challengeId: string }>> {
    const result = await callForActiveProfile((profileId) => window.api.mfa.createChallenge({ profileId, factor }))
    return result.ok ? { ok: true, data: { challengeId: result.data.$id } } : result
  }

  /** MFA at sign-in: answers the challenge; on success main reports the signed-in state. */
  function completeChallenge(input: { challengeId: string; otp: string }): Promise<Result<AuthState>> {
    return busy((profileId) => window.api.mfa.completeChallenge({ profileId, ...input }))
  }

  let starting: Promise<void> | null = null

  /**
   * Start-up: learn the app status (profiles, keychain) and the active profile's checked session,
   * in one answer (`app.start`, usually already asked for by the preload); once the status is
   * known, a new start only checks the session again. Concurrent callers share one run. Always
   * ends with `settled` true, even on failure, so the window never waits forever; failures stay
   * in `app.error` / `error` for the screens.
   */
  function start(): Promise<void> {
    starting ??= startOnce().finally(() => {
      starting = null
    })
    return starting
  }

  async function startOnce(): Promise<void> {
    try {
      if (app.status !== null) {
        await load()
        return
      }
      checking.value = true
      const auth = await app.start()
      if (auth === null) return
      if (auth.ok) {
        error.value = null
        acceptFor(auth.data)
      } else {
        error.value = auth.error
      }
    } finally {
      checking.value = false
      settled.value = true
    }
  }

  function explainSignOut(message: string | null): void {
    sessionEnded.value = message
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
    remember,
    sessionEnded,
    explainSignOut,
    status,
    account,
    phase,
    isSignedIn,
    isOffline,
    isMfaRequired,
    mfaFactors,
    isStale,
    acceptFor,
    acceptAccount,
    load,
    signUp,
    signIn,
    signInAnonymously,
    signOut,
    signOutEverywhere,
    createChallenge,
    completeChallenge,
    clearError,
    start,
  }
})
