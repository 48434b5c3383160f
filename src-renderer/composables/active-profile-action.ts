import { shallowRef } from 'vue'
import type { Result } from '../../src-shared/ipc'
import { settle } from '../stores/api-result'
import { useAppStore } from '../stores/app'

/**
 * One change at a time to the active profile's account, for a setup store: `run` marks what runs
 * in `busy` (an action's name, or the id of the item it changes) so the screen can show it on the
 * right button, and clears it however the call ends.
 */
export function useActiveProfileAction<Label extends string>() {
  const app = useAppStore()
  const busy = shallowRef<Label | null>(null)

  async function run<T>(label: Label, call: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> {
    const profileId = app.activeProfileId
    if (profileId === null) return { ok: false, error: { type: 'no_profile', code: 0, message: 'No profile is selected.' } }
    busy.value = label
    try {
      return await settle(() => call(profileId))
    } finally {
      busy.value = null
    }
  }

  return { busy, run }
}
