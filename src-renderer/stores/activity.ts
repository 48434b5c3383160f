import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Log } from '../../src-shared/appwrite'
import type { ApiError } from '../../src-shared/ipc'
import { eventCounts } from '../activity-stats'
import type { LoadStatus } from '../composables/active-profile-list'
import { settle } from './api-result'
import { useAppStore } from './app'

/**
 * Entries per request: small enough that taking a page in never blocks a frame for long (its
 * transfer and the list's update stay well under 50 ms), large enough to scroll through quickly.
 */
export const LOG_PAGE_SIZE = 100

/**
 * The account's activity log (Appwrite's `GET /account/logs`), newest first, loaded page by page
 * with limit/offset as the list is scrolled. Filtering by event works on what is loaded; export
 * asks main for every entry and a save dialog.
 */
export const useActivityStore = defineStore('activity', () => {
  const app = useAppStore()

  const logs = shallowRef<readonly Log[]>([])
  const total = ref(0)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  const loadingMore = ref(false)
  /** Loading the next page failed; the loaded entries stay. */
  const moreError = shallowRef<ApiError | null>(null)
  const exporting = ref(false)
  /** The server will not page further back: older entries exist but cannot be listed (appwrite-behaviour §9). */
  const olderUnreachable = ref(false)
  /** `''` = every event. */
  const eventFilter = ref('')
  /** The profile the loaded entries belong to. */
  const loadedFor = ref<string | null>(null)
  // Answers to an older load (before a reload or a profile switch) are dropped.
  let generation = 0

  const hasMore = computed(() => !olderUnreachable.value && logs.value.length < total.value)
  const events = computed(() => eventCounts(logs.value))
  const filtered = computed<readonly Log[]>(() => (eventFilter.value ? logs.value.filter((log) => log.event === eventFilter.value) : logs.value))

  async function load(): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    moreError.value = null
    olderUnreachable.value = false
    const result = await settle(() => window.api.logs.list({ profileId, limit: LOG_PAGE_SIZE, offset: 0 }))
    if (mine !== generation) return false
    if (!result.ok) {
      status.value = 'error'
      error.value = result.error
      return false
    }
    logs.value = result.data.logs
    total.value = result.data.total
    olderUnreachable.value = result.data.olderUnreachable === true
    loadedFor.value = profileId
    status.value = 'ready'
    // A filter for an event that no longer appears would show an empty list for no visible reason.
    if (eventFilter.value && !result.data.logs.some((log) => log.event === eventFilter.value)) eventFilter.value = ''
    return true
  }

  /** The next page, if there is one and none is loading. Safe to call on every scroll. */
  async function loadMore(): Promise<boolean> {
    const profileId = loadedFor.value
    if (status.value !== 'ready' || loadingMore.value || !hasMore.value || moreError.value || profileId === null) return false
    const mine = generation
    loadingMore.value = true
    try {
      const result = await settle(() => window.api.logs.list({ profileId, limit: LOG_PAGE_SIZE, offset: logs.value.length }))
      if (mine !== generation) return false
      if (!result.ok) {
        moreError.value = result.error
        return false
      }
      if (result.data.olderUnreachable) {
        olderUnreachable.value = true
        total.value = result.data.total
        return false
      }
      logs.value = logs.value.concat(result.data.logs)
      // An empty page before the total means the list shrank meanwhile: what is loaded is all.
      total.value = result.data.logs.length === 0 ? logs.value.length : result.data.total
      return true
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  function retryMore(): Promise<boolean> {
    moreError.value = null
    return loadMore()
  }

  /** Resolves to the saved path, `null` when the dialog was cancelled, or an error. */
  async function exportCsv(): Promise<{ ok: true; path: string | null; rows: number } | { ok: false; error: ApiError }> {
    const profileId = app.activeProfileId
    if (profileId === null) return { ok: false, error: { type: 'no_profile', code: 0, message: 'No profile is selected.' } }
    exporting.value = true
    try {
      const result = await settle(() => window.api.logs.exportCsv({ profileId }))
      return result.ok ? { ok: true, ...result.data } : { ok: false, error: result.error }
    } finally {
      exporting.value = false
    }
  }

  function reset(): void {
    generation++
    logs.value = []
    total.value = 0
    status.value = 'idle'
    error.value = null
    moreError.value = null
    loadingMore.value = false
    olderUnreachable.value = false
    eventFilter.value = ''
    loadedFor.value = null
  }

  return {
    logs,
    total,
    status,
    error,
    loadingMore,
    moreError,
    exporting,
    olderUnreachable,
    eventFilter,
    loadedFor,
    hasMore,
    events,
    filtered,
    load,
    loadMore,
    retryMore,
    exportCsv,
    reset,
  }
})
