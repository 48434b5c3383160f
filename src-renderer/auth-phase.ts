import type { AuthState } from '../src-shared/ipc'
import { assertNever } from '../src-shared/assert-never'

/**
 * Which part of the app a person may see, derived from main's AuthState. The router and the shell
 * decide on this, not on the raw status, so every screen agrees on one answer:
 * - `signed-in`: the account screens (also offline when main still has the account to show);
 * - `mfa`: a session exists but Appwrite wants a second factor first (appwrite-behaviour §6);
 * - `offline`: a session is kept but the server cannot be reached and no account is known yet;
 * - `signed-out`: the sign-in screens.
 */
export type AuthPhase = 'signed-out' | 'mfa' | 'signed-in' | 'offline'

export function phaseOf(state: AuthState | null): AuthPhase {
  if (state === null) return 'signed-out'
  switch (state.status) {
    case 'signed-in':
      return state.account ? 'signed-in' : 'signed-out'
    case 'offline':
      return state.account ? 'signed-in' : 'offline'
    case 'mfa-required':
      return 'mfa'
    case 'signed-out':
      return 'signed-out'
    default:
      return assertNever(state.status)
  }
}
