import type { ApiError } from '../../../src-shared/ipc'
import { describeError } from '../../errors'

/**
 * Appwrite's errors as they read on the Profile screen. The general table speaks of signing in
 * ("The e-mail or password is wrong."); here the only password asked for is the account's own.
 */
const ON_PROFILE: Readonly<Record<string, string>> = {
  user_invalid_credentials: 'That password is not right. Enter the password you sign in with.',
  user_target_already_exists: 'Another account already uses this address or number.',
  user_invalid_token: 'That code is not right, or it has expired. Check it and try again, or send a new code.',
}

export function describeChangeError(error: ApiError): string {
  return ON_PROFILE[error.type] ?? describeError(error)
}
