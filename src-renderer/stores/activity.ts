import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Log } from '../../src-shared/appwrite'
import type { ApiError, Result } from '../../src-shared/ipc'
import { eventCounts } from '../activity-stats'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { SUPERSEDED, type LoadStatus } from '../composables/active-profile-data'
import { callForActiveProfile, failed, onProfileSwitch } from './active-profile'

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
  const logs = shallowRef<readonly Log[]>([])
  const total = ref(0)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ApiError | null>(null)
  const loadingMore = ref(false)
  /** Loading the next page failed; the loaded entries stay. */
  const moreError = shallowRef<ApiError | null>(null)
  const { busy, run } = useActiveProfileAction<'export'>()
  const exporting = computed(() => busy.value === 'export')
  /** The server will not page further back: older entries exist but cannot be listed (appwrite-behaviour §9). */
  const olderUnreachable = ref(false)
  /** `''` = every event. */
  const eventFilter = ref('')
  // Answers to an older load (before a reload or a profile switch) are dropped.
  let generation = 0

  /**
   * The server has no account logs: Appwrite 2.x and newer self-hosted builds answer the route
   * with `general_route_not_found` (appwrite-behaviour §13.8).
   */
  const unavailable = computed(() => error.value?.type === 'general_route_not_found')
  const hasMore = computed(() => !olderUnreachable.value && logs.value.length < total.value)
  const events = computed(() => eventCounts(logs.value))
  const filtered = computed<readonly Log[]>(() => (eventFilter.value ? logs.value.filter((log) => log.event === eventFilter.value) : logs.value))

  async function load(): Promise<Result<readonly Log[]>> {
    const mine = ++generation
    inFlight = null
    status.value = 'loading'
    error.value = null
    moreError.value = null
    olderUnreachable.value = false
    const result = await callForActiveProfile((profileId) => window.api.logs.list({ profileId, limit: LOG_PAGE_SIZE, offset: 0 }))
    if (mine !== generation) return failed(SUPERSEDED)
    if (!result.ok) {
      status.value = 'error'
      error.value = result.error
      return result
    }
    logs.value = result.data.logs
    total.value = result.data.total
    olderUnreachable.value = result.data.olderUnreachable === true
    status.value = 'ready'
    // A filter for an event that no longer appears would show an empty list for no visible reason.
    if (eventFilter.value && !result.data.logs.some((log) => log.event === eventFilter.value)) eventFilter.value = ''
    return { ok: true, data: logs.value }
  }

  /**
   * The next page, if there is one and none is loading; answers how many entries it added (0 when
   * there was nothing to add). Safe to call on every scroll.
   */
  let inFlight: Promise<Result<number>> | null = null

  function loadMore(): Promise<Result<number>> {
    // A page already on its way is the answer for every caller (a scroll and a date jump at once).
    if (inFlight) return inFlight
    if (status.value !== 'ready' || !hasMore.value || moreError.value) return Promise.resolve({ ok: true, data: 0 })
    const request = fetchNextPage().finally(() => {
      if (inFlight === request) inFlight = null
    })
    inFlight = request
    return request
  }

  async function fetchNextPage(): Promise<Result<number>> {
    const mine = generation
    loadingMore.value = true
    try {
      const result = await callForActiveProfile((profileId) => window.api.logs.list({ profileId, limit: LOG_PAGE_SIZE, offset: logs.value.length }))
      if (mine !== generation) return failed(SUPERSEDED)
      if (!result.ok) {
        moreError.value = result.error
        return result
      }
      if (result.data.olderUnreachable) {
        olderUnreachable.value = true
        total.value = result.data.total
        return { ok: true, data: 0 }
      }
      logs.value = logs.value.concat(result.data.logs)
      // An empty page before the total means the list shrank meanwhile: what is loaded is all.
      total.value = result.data.logs.length === 0 ? logs.value.length : result.data.total
      return { ok: true, data: result.data.logs.length }
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  function retryMore(): Promise<Result<number>> {
    moreError.value = null
    return loadMore()
  }

  /**
   * The position in `filtered` of the newest entry at or before `end` (ms), loading older pages
   * until one is there or nothing older can be loaded. `index` is -1 when no such entry is in
   * reach; `exact` says whether the entry falls on the asked day (`dayStart` .. `end`).
   */
  async function reachDate(dayStart: number, end: number): Promise<{ readonly index: number; readonly exact: boolean }> {
    const find = () => filtered.value.findIndex((log) => Date.parse(log.time) <= end)
    let index = find()
    while (index === -1 && hasMore.value && !moreError.value) {
      const result = await loadMore()
      if (!result.ok || result.data === 0) break
      index = find()
    }
    const found = index === -1 ? null : filtered.value[index]
    return { index, exact: found !== null && found !== undefined && Date.parse(found.time) >= dayStart }
  }

  /** Answers with the saved path (`null` when the dialog was cancelled) and how many rows it holds. */
  function exportCsv(): Promise<Result<{ readonly path: string | null; readonly rows: number }>> {
    return run('export', (profileId) => window.api.logs.exportCsv({ profileId }))
  }

  function reset(): void {
    generation++
    inFlight = null
    logs.value = []
    total.value = 0
    status.value = 'idle'
    error.value = null
    moreError.value = null
    loadingMore.value = false
    olderUnreachable.value = false
    eventFilter.value = ''
  }
  onProfileSwitch(reset)

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
    unavailable,
    hasMore,
    events,
    filtered,
    load,
    loadMore,
    retryMore,
    reachDate,
    exportCsv,
    reset,
  }
})
