import { ref, watch, type WatchSource } from 'vue'

/**
 * A form fed from data that can change under it (live events, stores/live.ts): while the person
 * is not editing (`editing` is asked against the value before the change: a draft is an edit of
 * what was saved then), a new value is taken at once (`apply`); while they are, their draft is never
 * overwritten — `pending` turns on instead, for <ChangedElsewhere> to offer "reload?".
 * A change that brings the same value (this device's own save coming back as an event) is no news.
 * `source` gives null (or undefined) while there is nothing to edit.
 */
export function useChangedElsewhere<T>(source: WatchSource<T>, options: { readonly editing: (before: T) => boolean; readonly apply: (value: T) => void }) {
  const pending = ref(false)
  let latest: T | undefined
  let has = false

  watch(source, (value, previous) => {
    latest = value
    has = true
    if (sameValue(value, previous)) return
    // Something appearing from nothing is a first load (or a new subject), not a change elsewhere.
    if (options.editing(previous) && previous !== null && previous !== undefined) pending.value = true
    else {
      pending.value = false
      options.apply(value)
    }
  })

  /** Drop the draft and show what is saved now. */
  function reload(): void {
    pending.value = false
    if (has) options.apply(latest as T)
  }

  /** Keep editing; saving will replace what was changed elsewhere. */
  function dismiss(): void {
    pending.value = false
  }

  return { pending, reload, dismiss }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    return false
  }
}
