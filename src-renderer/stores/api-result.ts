import type { Result } from '../../src-shared/ipc'

/**
 * `window.api` promises resolve to a Result by contract, but an IPC call can still reject (a
 * handler missing in a half-built main, a channel torn down while the window closes). Turning that
 * into an `internal_error` value keeps every store on the one error path the screens know.
 */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call()
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown)
    return { ok: false, error: { type: 'internal_error', code: 0, message } }
  }
}
