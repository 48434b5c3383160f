import { ref, shallowRef } from 'vue'
import type { ApiError, Result } from '../../src-shared/ipc'
import { isProfileChange } from '../stores/active-profile'

/**
 * An action on one item that asks first, for a screen with a ConfirmDialog: `ask` opens the dialog
 * for an item; `confirm` runs `act` on it, keeping the dialog open with the error when it fails
 * (the person can try again or cancel), and closing it and calling `done` when it worked. After a
 * profile switch the item belongs to another profile: the dialog just closes.
 */
export function useConfirmation<T>(act: (item: T) => Promise<Result<unknown>>, done: (item: T) => void) {
  const item = shallowRef<T | null>(null)
  const open = ref(false)
  const error = shallowRef<ApiError | null>(null)

  function ask(next: T): void {
    item.value = next
    error.value = null
    open.value = true
  }

  async function confirm(): Promise<void> {
    const current = item.value
    if (current === null) return
    const result = await act(current)
    if (!result.ok && !isProfileChange(result.error)) {
      error.value = result.error
      return
    }
    open.value = false
    if (result.ok) done(current)
  }

  return { item, open, error, ask, confirm }
}
