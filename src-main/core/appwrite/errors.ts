/**
 * The two ways an Appwrite call can fail, kept apart on purpose: the app must tell "the server
 * said no" (AppwriteError, e.g. a 401 that signs the user out) from "nobody answered"
 * (NetworkError, e.g. offline at start-up, which must keep the stored session).
 *
 * Neither class ever holds request headers: axios errors carry the request config (and with it
 * `X-Appwrite-Session`), so the transport maps them to these classes and never rethrows them.
 */

/** Appwrite's abuse-limit headers (appwrite-behaviour §8), when the route sent them. */
export interface RateLimitInfo {
  readonly limit: number
  readonly remaining: number
  /** Unix seconds at which the current window ends. */
  readonly reset: number
}

/** The server answered with a non-2xx status. `type`, `code` and `message` are Appwrite's, unchanged. */
export class AppwriteError extends Error {
  override readonly name = 'AppwriteError'
  /** Appwrite error type such as `user_invalid_credentials`; `general_server_error` or `unknown` when the body was not Appwrite JSON. */
  readonly type: string
  /** HTTP status as Appwrite reports it in the body (equal to the response status for Appwrite servers). */
  readonly code: number
  /** Raw response body text. */
  readonly response?: string
  readonly rateLimit?: RateLimitInfo

  constructor(message: string, code: number, type: string, response?: string, rateLimit?: RateLimitInfo) {
    super(message)
    this.code = code
    this.type = type
    if (response !== undefined) this.response = response
    if (rateLimit !== undefined) this.rateLimit = rateLimit
  }
}

/** What is left of the low-level failure: primitive fields only, never the request. */
export interface NetworkFailure {
  /** `ECONNREFUSED`, `ETIMEDOUT`, `ENOTFOUND`, `ERR_CANCELED`, … */
  readonly code?: string
  readonly syscall?: string
  readonly address?: string
  readonly port?: number
  readonly hostname?: string
}

/** No HTTP answer at all: connection refused, DNS failure, timeout, aborted. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  readonly code?: string
  override readonly cause?: NetworkFailure

  constructor(message: string, cause?: NetworkFailure) {
    super(message)
    if (cause !== undefined) {
      this.cause = cause
      if (cause.code !== undefined) this.code = cause.code
    }
  }
}

/**
 * A request or an answer over the size cap (transport.ts): a server that streams without end must
 * not fill main's memory. Not a network failure: the server answered, with too much.
 */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError'
}

export function isAppwriteError(value: unknown): value is AppwriteError {
  return value instanceof AppwriteError
}

export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError
}

/**
 * For `.catch(…)` on a delete: Appwrite's "not found" of the given type means the thing is already
 * gone — the first attempt's answer was lost and this is its retry, or it was removed elsewhere —
 * and counts as done; any other failure is rethrown (docs/reliability.md §3).
 */
export function ignoreAppwrite(type: string): (error: unknown) => void {
  return (error) => {
    if (!(error instanceof AppwriteError && error.type === type)) throw error
  }
}
