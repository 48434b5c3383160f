import { computed, ref } from 'vue'
import type { AccountDTO } from '../../../src-shared/ipc'
import { checkPasswordLength } from '../../password-rule'

/** Appwrite leaves `passwordUpdate` empty until the account has a password (appwrite-behaviour §3.2). */
export function hasPassword(account: AccountDTO): boolean {
  return account.passwordUpdate !== ''
}

/**
 * The password typed to change the e-mail or the phone (Appwrite `PATCH /account/email`,
 * `/account/phone`, appwrite-behaviour §3.2): the account's own password when it has one; otherwise the
 * first password it gets with this change, which must follow Appwrite's rule.
 */
export function usePasswordConfirmation(account: () => AccountDTO) {
  const password = ref('')
  const accountHasPassword = computed(() => hasPassword(account()))
  /** Whether the typed password can go to the server. */
  const ready = computed(() => (accountHasPassword.value ? password.value !== '' : checkPasswordLength(password.value).verdict === 'ok'))
  return { password, hasPassword: accountHasPassword, ready }
}
