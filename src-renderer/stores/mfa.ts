import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { MfaFactor, MfaFactors, MfaType } from '../../src-shared/appwrite'
import type { Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'
import { failed, onProfileSwitch } from './active-profile'
import { useAuthStore } from './auth'

export type MfaAction = 'enrol' | 'verify' | 'remove' | 'create-codes' | 'regenerate-codes' | 'save-codes' | 'toggle' | 'challenge'

/**
 * Second factors of the account (appwrite-behaviour §6): which exist, enrolling and removing an
 * authenticator app, recovery codes, and MFA on or off. Recovery codes are held here only from
 * the moment Appwrite hands them out until the person dismisses them (or switches profile): they
 * are shown once.
 */
export const useMfaStore = defineStore('mfa', () => {
  const auth = useAuthStore()

  const { data: factors, status, error, load, accept, refresh } = useActiveProfileData((profileId) => window.api.mfa.getFactors({ profileId }))
  /** A TOTP enrolment waiting for its first code: the secret and otpauth URI to show. */
  const enrolment = shallowRef<MfaType | null>(null)
  /** Fresh recovery codes, shown once. */
  const recoveryCodes = shallowRef<readonly string[] | null>(null)
  const { busy, run } = useActiveProfileAction<MfaAction>()

  function forget(): void {
    enrolment.value = null
    recoveryCodes.value = null
  }
  onProfileSwitch(forget)

  function patchFactors(change: Partial<MfaFactors>): void {
    if (factors.value) accept({ ...factors.value, ...change })
  }

  async function startEnrolment(): Promise<Result<MfaType>> {
    const result = await run('enrol', (profileId) => window.api.mfa.createAuthenticator({ profileId }))
    if (result.ok) enrolment.value = result.data
    return result
  }

  function cancelEnrolment(): void {
    enrolment.value = null
  }

  async function verifyEnrolment(otp: string) {
    const result = await run('verify', (profileId) => window.api.mfa.verifyAuthenticator({ profileId, otp }))
    if (!result.ok) return result
    enrolment.value = null
    patchFactors({ totp: true })
    await auth.load()
    return result
  }

  /** Appwrite asks for a recent challenge first (`user_challenge_required`); the screen handles that. */
  async function removeAuthenticator(): Promise<Result<MfaFactors>> {
    const result = await run('remove', (profileId) => window.api.mfa.removeAuthenticator({ profileId }))
    if (!result.ok) return result
    accept(result.data)
    await auth.load()
    return result
  }

  async function createRecoveryCodes(): Promise<Result<readonly string[]>> {
    return keepCodes(await run('create-codes', (profileId) => window.api.mfa.createRecoveryCodes({ profileId })))
  }

  async function regenerateRecoveryCodes(): Promise<Result<readonly string[]>> {
    return keepCodes(await run('regenerate-codes', (profileId) => window.api.mfa.regenerateRecoveryCodes({ profileId })))
  }

  function keepCodes(result: Result<{ readonly recoveryCodes: readonly string[] }>): Result<readonly string[]> {
    if (!result.ok) return result
    recoveryCodes.value = result.data.recoveryCodes
    patchFactors({ recoveryCode: true })
    return { ok: true, data: result.data.recoveryCodes }
  }

  /** Answers with the path they were saved to, or `null` when the save dialog was cancelled. */
  async function saveRecoveryCodes(): Promise<Result<string | null>> {
    const codes = recoveryCodes.value
    if (!codes) return failed({ type: 'invalid_argument', code: 0, message: 'There are no recovery codes to save.' })
    const result = await run('save-codes', (profileId) => window.api.mfa.saveRecoveryCodes({ profileId, codes }))
    return result.ok ? { ok: true, data: result.data.path } : result
  }

  function dismissRecoveryCodes(): void {
    recoveryCodes.value = null
  }

  async function setEnabled(enabled: boolean) {
    const result = await run('toggle', (profileId) => window.api.mfa.setEnabled({ profileId, enabled }))
    // The account (and with it `mfa`) lives in the auth store; refresh it from main.
    if (result.ok) await auth.load()
    return result
  }

  /** A fresh challenge for a protected action: create it (sends a code for e-mail and phone); answers its id. */
  async function createChallenge(factor: MfaFactor): Promise<Result<string>> {
    const result = await run('challenge', (profileId) => window.api.mfa.createChallenge({ profileId, factor }))
    return result.ok ? { ok: true, data: result.data.$id } : result
  }

  async function completeChallenge(challengeId: string, otp: string) {
    const result = await run('challenge', (profileId) => window.api.mfa.completeChallenge({ profileId, challengeId, otp }))
    // A recovery code is spent by the challenge; the factor list may change.
    if (result.ok) await load({ quiet: true })
    return result
  }

  return {
    factors,
    status,
    error,
    enrolment,
    recoveryCodes,
    busy,
    load: () => load(),
    refresh: () => refresh(),
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
  }
})
