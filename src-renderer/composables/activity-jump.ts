import { ref, watch, type Ref } from 'vue'
import { formatDate, formatDateTime } from '../dates'
import { useActivityStore } from '../stores/activity'

/** What the jump needs of the entry list: bringing a row into view. */
export interface ScrollableList {
  scrollToIndex(index: number): void
}

/** A `yyyy-mm-dd` from the date field as the start and end of that day in this computer's time. */
export function dayBounds(value: string): { start: number; end: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime()
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1
  return Number.isNaN(start) ? null : { start, end }
}

/**
 * "Jump to date" on the activity screen: loads older pages until the chosen day is reached (or the
 * server's reach ends), scrolls the list to the newest entry of that day or the nearest earlier one,
 * and says which. The row jumped to stays marked until the event filter changes.
 */
export function useActivityJump(list: Readonly<Ref<ScrollableList | null>>) {
  const activity = useActivityStore()
  const date = ref('')
  const jumping = ref(false)
  const note = ref('')
  const error = ref('')
  /** The row the last jump landed on (highlighted until the list changes). */
  const jumpedIndex = ref<number | null>(null)

  async function jump(): Promise<void> {
    note.value = ''
    error.value = ''
    const bounds = dayBounds(date.value)
    if (!bounds) {
      error.value = 'Choose a day to jump to.'
      return
    }
    jumping.value = true
    try {
      const { index, exact } = await activity.reachDate(bounds.start, bounds.end)
      const day = formatDate(new Date(bounds.start).toISOString())
      if (index === -1) {
        jumpedIndex.value = null
        const oldest = activity.filtered.at(-1)
        note.value = oldest
          ? `Nothing from ${day} or before is in reach. The oldest entry that can be listed is from ${formatDateTime(oldest.time)}.`
          : `Nothing from ${day} or before is in reach.`
        return
      }
      jumpedIndex.value = index
      list.value?.scrollToIndex(index)
      const entry = activity.filtered[index]!
      note.value = exact ? `Showing ${day}, newest entry first.` : `Nothing on ${day}; showing the nearest earlier entry, from ${formatDateTime(entry.time)}.`
    } finally {
      jumping.value = false
    }
  }

  watch(
    () => activity.eventFilter,
    () => {
      jumpedIndex.value = null
      note.value = ''
    },
  )

  return { date, jumping, note, error, jumpedIndex, jump }
}
