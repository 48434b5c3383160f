import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { ApiError, Result, SessionDTO } from '../../src-shared/ipc'
import { callForActiveProfile } from './active-profile'

/** What is running on the Sessions screen: a list action, or one session's sign-out by its id. */
export type SessionsBusy = 'load' | 'others' | 'extend' | { readonly remove: string }

/** The account's sessions on every device, the current one first (main orders them). */
export const useSessionsStore = defineStore('sessions', () => {
  const sessions = shallowRef<readonly SessionDTO[] | null>(null)
  const busy = shallowRef<SessionsBusy | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const loading = computed(() => busy.value === 'load')
  const current = computed(() => sessions.value?.find((session) => session.current) ?? null)
  const others = computed(() => sessions.value?.filter((session) => !session.current) ?? [])
  const extending = computed(() => busy.value === 'extend')
  const removingOthers = computed(() => busy.value === 'others')

  async function run<T>(what: SessionsBusy, call: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> {
    busy.value = what
    try {
      return await callForActiveProfile(call)
    } finally {
      busy.value = null
    }
  }

  async function load(): Promise<boolean> {
    const result = await run('load', (profileId) => window.api.sessions.list({ profileId }))
    if (!result.ok) {
      error.value = result.error
      return false
    }
    sessions.value = result.data
    error.value = null
    return true
  }

  /** Signs one session out; signing out this device's own session signs out here (main does it). */
  async function remove(sessionId: string): Promise<Result<readonly SessionDTO[]>> {
    const result = await run({ remove: sessionId }, (profileId) => window.api.sessions.remove({ profileId, sessionId }))
    if (result.ok) sessions.value = result.data
    return result
  }

  async function removeOthers(): Promise<Result<readonly SessionDTO[]>> {
    const result = await run('others', (profileId) => window.api.sessions.removeOthers({ profileId }))
    if (result.ok) sessions.value = result.data
    return result
  }

  async function extendCurrent(): Promise<Result<SessionDTO>> {
    const result = await run('extend', (profileId) => window.api.sessions.extendCurrent({ profileId }))
    if (result.ok && sessions.value) {
      const extended = result.data
      sessions.value = sessions.value.map((session) => (session.$id === extended.$id ? { ...session, expire: extended.expire } : session))
    }
    return result
  }

  function isRemoving(sessionId: string): boolean {
    const value = busy.value
    return typeof value === 'object' && value !== null && value.remove === sessionId
  }

  return { sessions, busy, error, loading, current, others, extending, removingOthers, load, remove, removeOthers, extendCurrent, isRemoving }
})
