import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { LiveAction, Result, SessionDTO } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'

/** What is running on the Sessions screen: a list action, or one session's sign-out by its id. */
export type SessionsBusy = 'load' | 'others' | 'extend' | { readonly remove: string }

/** The account's sessions on every device, the current one first (main orders them). */
export const useSessionsStore = defineStore('sessions', () => {
  const { data: sessions, error, loading, load, accept } = useActiveProfileData((profileId) => window.api.sessions.list({ profileId }))
  const action = useActiveProfileAction<Exclude<SessionsBusy, 'load'>>()
  const busy = computed<SessionsBusy | null>(() => action.busy.value ?? (loading.value ? 'load' : null))
  const current = computed(() => sessions.value?.find((session) => session.current) ?? null)
  const others = computed(() => sessions.value?.filter((session) => !session.current) ?? [])
  const extending = computed(() => busy.value === 'extend')
  const removingOthers = computed(() => busy.value === 'others')

  /** Signs one session out; signing out this device's own session signs out here (main does it). */
  async function remove(sessionId: string): Promise<Result<readonly SessionDTO[]>> {
    const result = await action.run({ remove: sessionId }, (profileId) => window.api.sessions.remove({ profileId, sessionId }))
    if (result.ok) accept(result.data)
    return result
  }

  async function removeOthers(): Promise<Result<readonly SessionDTO[]>> {
    const result = await action.run('others', (profileId) => window.api.sessions.removeOthers({ profileId }))
    if (result.ok) accept(result.data)
    return result
  }

  async function extendCurrent(): Promise<Result<SessionDTO>> {
    const result = await action.run('extend', (profileId) => window.api.sessions.extendCurrent({ profileId }))
    const list = sessions.value
    if (result.ok && list) {
      const extended = result.data
      accept(list.map((session) => (session.$id === extended.$id ? { ...session, expire: extended.expire } : session)))
    }
    return result
  }

  /**
   * A session created, changed or ended anywhere (a live event): the list on screen follows it in
   * place. Nothing is held before the screen first loads, so there is nothing to follow then.
   */
  function applyLive(action: LiveAction, session: SessionDTO): void {
    const list = sessions.value
    if (!list) return
    const rest = list.filter((item) => item.$id !== session.$id)
    if (action === 'delete') accept(rest)
    else if (action === 'create') accept([...rest, session])
    else accept(list.map((item) => (item.$id === session.$id ? session : item)))
  }

  function isRemoving(sessionId: string): boolean {
    const value = busy.value
    return typeof value === 'object' && value !== null && value.remove === sessionId
  }

  return {
    sessions,
    busy,
    error,
    loading,
    current,
    others,
    extending,
    removingOthers,
    load: () => load(),
    applyLive,
    remove,
    removeOthers,
    extendCurrent,
    isRemoving,
  }
})
