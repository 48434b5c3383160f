import type { AccountDTO, Result } from '../../src-shared/ipc'
import { settle } from './api-result'
import { useAppStore } from './app'
import { useAuthStore } from './auth'

const NO_PROFILE = { type: 'no_profile', code: 0, message: 'No profile is selected.' } as const

/**
 * Runs one `window.api` call for the active profile. The answer is dropped (as a `cancelled`
 * error) when the person switched profile while it ran, so no screen shows one profile's data
 * under another's name.
 */
export async function callForActiveProfile<T>(call: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> {
  const app = useAppStore()
  const profileId = app.activeProfileId
  if (profileId === null) return { ok: false, error: NO_PROFILE }
  const result = await settle(() => call(profileId))
  if (app.activeProfileId !== profileId) return { ok: false, error: { type: 'cancelled', code: 0, message: 'The profile changed.' } }
  return result
}

/**
 * An account screen changed the account (name, e-mail, prefs…): the auth store, which every
 * screen reads the account from, takes the new one, keeping the rest of the state as it is.
 */
export function acceptAccount(account: AccountDTO): void {
  const auth = useAuthStore()
  const state = auth.state
  if (state === null || state.account === null || state.account.$id !== account.$id) return
  auth.acceptFor({ ...state, account })
}
