import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { MfaFactor, MfaFactors, MfaType } from '../../src-shared/appwrite'
import type { ApiError, Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import type { LoadStatus } from '../composables/active-profile-list'
import { settle } from './api-result'
import { useAppStore } from './app'
import { useAuthStore } from './auth'

export type MfaAction = 'enrol' | 'verify' | 'remove' | 'create-codes' | 'regenerate-codes' | 'save-codes' | 'toggle' | 'challenge'

/**
 * Second factors of the account (appwrite-behaviour §6): which exist, enrolling and removing an
 * authenticator app, recovery codes, and MFA on or off. Recovery codes are held here only from
 * the moment Appwrite hands them out until the person dismisses them: they are shown once.
 */
export const useMfaStore = defineStore('mfa', () => {
  const app = useAppStore()
  const auth = useAuthStore()

  const factors = shallowRef<MfaFactors | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  /** A TOTP enrolment waiting for its first code: the secret and otpauth URI to show. */
  const enrolment = shallowRef<MfaType | null>(null)
  /** Fresh recovery codes, shown once. */
  const recoveryCodes = shallowRef<readonly string[] | null>(null)
  const { busy, run } = useActiveProfileAction<MfaAction>()
  let generation = 0

  /** `quiet`: refresh what is on screen without showing the loading state again. */
  async function load(options: { quiet?: boolean } = {}): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    const mine = ++generation
    if (!options.quiet || status.value !== 'ready') status.value = 'loading'
    error.value = null
    const result = await settle(() => window.api.mfa.getFactors({ profileId }))
    if (mine !== generation) return false
    if (!result.ok) {
      if (options.quiet && status.value === 'ready') return false
      status.value = 'error'
      error.value = result.error
      return false
    }
    factors.value = result.data
    status.value = 'ready'
    return true
  }

  function patchFactors(change: Partial<MfaFactors>): void {
    if (factors.value) factors.value = { ...factors.value, ...change }
  }

  async function startEnrolment(): Promise<ApiError | null> {
    const result = await run('enrol', (profileId) => window.api.mfa.createAuthenticator({ profileId }))
    if (!result.ok) return result.error
    enrolment.value = result.data
    return null
  }

  function cancelEnrolment(): void {
    enrolment.value = null
  }

  async function verifyEnrolment(otp: string): Promise<ApiError | null> {
    const result = await run('verify', (profileId) => window.api.mfa.verifyAuthenticator({ profileId, otp }))
    if (!result.ok) return result.error
    enrolment.value = null
    patchFactors({ totp: true })
    await auth.load()
    return null
  }

  /** Appwrite asks for a recent challenge first (`user_challenge_required`); the screen handles that. */
  async function removeAuthenticator(): Promise<ApiError | null> {
    const result = await run('remove', (profileId) => window.api.mfa.removeAuthenticator({ profileId }))
    if (!result.ok) return result.error
    factors.value = result.data
    await auth.load()
    return null
  }

  async function createRecoveryCodes(): Promise<ApiError | null> {
    const result = await run('create-codes', (profileId) => window.api.mfa.createRecoveryCodes({ profileId }))
    if (!result.ok) return result.error
    recoveryCodes.value = result.data.recoveryCodes
    patchFactors({ recoveryCode: true })
    return null
  }

  async function regenerateRecoveryCodes(): Promise<ApiError | null> {
    const result = await run('regenerate-codes', (profileId) => window.api.mfa.regenerateRecoveryCodes({ profileId }))
    if (!result.ok) return result.error
    recoveryCodes.value = result.data.recoveryCodes
    patchFactors({ recoveryCode: true })
    return null
  }

  async function saveRecoveryCodes(): Promise<Result<string | null>> {
    const codes = recoveryCodes.value
    if (!codes) return { ok: false, error: { type: 'invalid_argument', code: 0, message: 'There are no recovery codes to save.' } }
    const result = await run('save-codes', (profileId) => window.api.mfa.saveRecoveryCodes({ profileId, codes }))
    return result.ok ? { ok: true, data: result.data.path } : result
  }

  function dismissRecoveryCodes(): void {
    recoveryCodes.value = null
  }

  async function setEnabled(enabled: boolean): Promise<ApiError | null> {
    const result = await run('toggle', (profileId) => window.api.mfa.setEnabled({ profileId, enabled }))
    if (!result.ok) return result.error
    // The account (and with it `mfa`) lives in the auth store; refresh it from main.
    await auth.load()
    return null
  }

  /** A fresh challenge for a protected action: create it (sends a code for e-mail and phone). */
  async function createChallenge(factor: MfaFactor): Promise<Result<string>> {
    const result = await run('challenge', (profileId) => window.api.mfa.createChallenge({ profileId, factor }))
    return result.ok ? { ok: true, data: result.data.$id } : result
  }

  async function completeChallenge(challengeId: string, otp: string): Promise<ApiError | null> {
    const result = await run('challenge', (profileId) => window.api.mfa.completeChallenge({ profileId, challengeId, otp }))
    if (!result.ok) return result.error
    // A recovery code is spent by the challenge; the factor list may change.
    await load({ quiet: true })
    return null
  }

  function reset(): void {
    generation++
    factors.value = null
    status.value = 'idle'
    error.value = null
    enrolment.value = null
    recoveryCodes.value = null
    busy.value = null
  }

  return {
    factors,
    status,
    error,
    enrolment,
    recoveryCodes,
    busy,
    load,
    startEnrolment,
    cancelEnrolment,
    verifyEnrolment,
    removeAuthenticator,
    createRecoveryCodes,
    regenerateRecoveryCodes,
    saveRecoveryCodes,
    dismissRecoveryCodes,
    setEnabled,
    createChallenge,
    completeChallenge,
    reset,
  }
})
