/**
 * Turns anything thrown below the IPC boundary into an `ApiError` value. Appwrite's type, code
 * and message are kept as they are (style.md: errors are values); our own failures get a type from
 * LOCAL_ERROR_TYPES. Messages never include request headers, so no session value can leak here.
 */
import { LOCAL_ERROR_TYPES, type ApiError, type LocalErrorType } from '../../../src-shared/ipc'
import { AppwriteError, NetworkError, TooLargeError } from '../appwrite'

export class CoreError extends Error {
  constructor(
    readonly type: LocalErrorType,
    message: string = LOCAL_ERROR_TYPES[type],
  ) {
    super(message)
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppwriteError) return { type: error.type, code: error.code, message: error.message }
  if (error instanceof TooLargeError) return { type: 'response_too_large', code: 0, message: error.message }
  if (error instanceof NetworkError) return { type: 'network_error', code: 0, message: LOCAL_ERROR_TYPES.network_error }
  if (error instanceof CoreError) return { type: error.type, code: 0, message: error.message }
  return { type: 'internal_error', code: 0, message: LOCAL_ERROR_TYPES.internal_error }
}
