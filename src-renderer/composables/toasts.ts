import { readonly, shallowRef } from 'vue'

/**
 * Short confirmations ("Copied", "Signed out") that do not need an answer. One queue for the whole
 * window, shown by <ToastHost>. Errors that need attention belong in a Banner, not a toast.
 */
export type ToastTone = 'success' | 'info' | 'warning' | 'error'

/** A button in the toast (e.g. "Start sign-in again"); the toast closes when it is used. */
export interface ToastAction {
  readonly label: string
  run(): void
}

export interface Toast {
  readonly id: number
  readonly tone: ToastTone
  readonly message: string
  readonly action?: ToastAction
}

/** Long enough to read a sentence twice; errors, and toasts with a button, stay until dismissed. */
const AUTO_DISMISS_MS = 5000
/** A stack, not a pile: past this the oldest goes, errors last. */
const MAX_VISIBLE = 3

const toasts = shallowRef<readonly Toast[]>([])
const timers = new Map<number, ReturnType<typeof setTimeout>>()
let nextId = 1

function dismiss(id: number): void {
  const timer = timers.get(id)
  if (timer !== undefined) clearTimeout(timer)
  timers.delete(id)
  toasts.value = toasts.value.filter((toast) => toast.id !== id)
}

function show(message: string, tone: ToastTone = 'success', action?: ToastAction): number {
  // The same sentence again (a second "Copied") replaces the first instead of stacking under it.
  for (const same of toasts.value.filter((toast) => toast.message === message && toast.tone === tone)) dismiss(same.id)
  const id = nextId++
  toasts.value = [...toasts.value, { id, tone, message, ...(action ? { action } : {}) }]
  while (toasts.value.length > MAX_VISIBLE) {
    const oldest = toasts.value.find((toast) => toast.tone !== 'error' && toast.id !== id) ?? toasts.value[0]!
    dismiss(oldest.id)
  }
  if (tone !== 'error' && !action)
    timers.set(
      id,
      setTimeout(() => dismiss(id), AUTO_DISMISS_MS),
    )
  return id
}

/** Removes every toast and timer (tests, and a window that is being torn down). */
function clear(): void {
  for (const timer of timers.values()) clearTimeout(timer)
  timers.clear()
  toasts.value = []
}

export function useToasts() {
  return { toasts: readonly(toasts), show, dismiss, clear }
}
