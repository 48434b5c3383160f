import { nextTick, ref, shallowRef, useId } from 'vue'
import type { ApiError, Result } from '../../../src-shared/ipc'

/** Runs a change; closes the editor and answers true when it is made, keeps it open with the error otherwise. */
export type SubmitChange = <T>(change: () => Promise<Result<T>>) => Promise<boolean>

/**
 * The open/close state of one "Change …" editor on the Profile screen: opening clears the last
 * error, closing gives focus back to the button that opened it (so keyboard users stay in place),
 * and `submit` keeps the editor open with Appwrite's error when the change is refused.
 */
export function useInlineEdit() {
  const open = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** Give this id to the button that opens the editor. */
  const openerId = useId()

  function start(): void {
    error.value = null
    open.value = true
  }

  async function close(): Promise<void> {
    open.value = false
    error.value = null
    await nextTick()
    document.getElementById(openerId)?.focus()
  }

  const submit: SubmitChange = async (change) => {
    error.value = null
    const result = await change()
    if (!result.ok) {
      error.value = result.error
      return false
    }
    await close()
    return true
  }

  return { open, error, openerId, start, close, submit }
}
