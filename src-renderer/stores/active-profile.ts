import { watch } from 'vue'
import type { ApiError, Result } from '../../src-shared/ipc'
import { settle } from './api-result'
import { useAppStore } from './app'

/**
 * The one rule for state that belongs to the active profile (every renderer store follows it):
 *
 * - A request is made for the profile that is active when it starts. If the person switches
 *   profile before it answers, the answer is dropped as `PROFILE_CHANGED` and writes nothing, so
 *   one profile's data never shows under another's name and a late answer never cancels or
 *   overwrites the new profile's own requests (`callForActiveProfile`).
 * - At the switch itself, each store clears what it held for the old profile (`onProfileSwitch`).
 * - Every store action resolves to the contract's `Result`: the data, or the error to show.
 */

export const NO_PROFILE: ApiError = { type: 'no_profile', code: 0, message: 'No profile is selected.' }
export const PROFILE_CHANGED: ApiError = { type: 'cancelled', code: 0, message: 'The profile changed before the answer came.' }

export function failed<T>(error: ApiError): Result<T> {
  return { ok: false, error }
}

/** The answer was dropped because the person switched profile: nothing to show for it. */
export function isProfileChange(error: ApiError): boolean {
  return error === PROFILE_CHANGED
}

/** Runs one `window.api` call for the active profile; its answer is dropped after a switch. */
export async function callForActiveProfile<T>(call: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> {
  const app = useAppStore()
  const profileId = app.activeProfileId
  if (profileId === null) return failed(NO_PROFILE)
  const result = await settle(() => call(profileId))
  return app.activeProfileId === profileId ? result : failed(PROFILE_CHANGED)
}

/**
 * Calls `clear` the moment the active profile changes (synchronously, before any screen draws
 * again or reloads), for a setup store to forget what it held for the old profile.
 */
export function onProfileSwitch(clear: () => void): void {
  const app = useAppStore()
  watch(() => app.activeProfileId, clear, { flush: 'sync' })
}
