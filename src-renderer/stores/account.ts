import { defineStore } from 'pinia'
import type { AccountDTO, AuthState, Result } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useAuthStore } from './auth'

/** What the Profile screen can change; one action runs at a time and `running` names it. */
export type AccountAction = 'name' | 'email' | 'phone' | 'password' | 'block' | 'refresh'

/**
 * Changes to the signed-in account from the Profile screen. The account itself lives in the auth
 * store (main's AuthState); every successful change hands the new account to it, so the top bar,
 * the Profile and the Security overview all show the same thing at once.
 */
export const useAccountStore = defineStore('account', () => {
  const auth = useAuthStore()
  const { busy: running, run } = useActiveProfileAction<AccountAction>()

  async function change(action: AccountAction, call: (profileId: string) => Promise<Result<AccountDTO>>): Promise<Result<AccountDTO>> {
    const result = await run(action, call)
    if (result.ok) auth.acceptAccount(result.data)
    return result
  }

  function updateName(name: string): Promise<Result<AccountDTO>> {
    return change('name', (profileId) => window.api.account.updateName({ profileId, name }))
  }

  /** For an account without a password this sets `password` (an anonymous account becomes permanent). */
  function updateEmail(email: string, password: string): Promise<Result<AccountDTO>> {
    return change('email', (profileId) => window.api.account.updateEmail({ profileId, email, password }))
  }

  function updatePhone(phone: string, password: string): Promise<Result<AccountDTO>> {
    return change('phone', (profileId) => window.api.account.updatePhone({ profileId, phone, password }))
  }

  function updatePassword(password: string, oldPassword: string | null): Promise<Result<AccountDTO>> {
    return change('password', (profileId) =>
      window.api.account.updatePassword(oldPassword === null ? { profileId, password } : { profileId, password, oldPassword }),
    )
  }

  /** Reads the account again (after a verification finished elsewhere). */
  function refresh(): Promise<Result<AccountDTO>> {
    return change('refresh', (profileId) => window.api.account.get({ profileId }))
  }

  /** Blocks the account; main signs out and says so, and the window follows the auth state. */
  async function block(): Promise<Result<AuthState>> {
    const result = await run('block', (profileId) => window.api.account.block({ profileId }))
    if (result.ok) auth.acceptFor(result.data)
    return result
  }

  return { running, updateName, updateEmail, updatePhone, updatePassword, refresh, block }
})
