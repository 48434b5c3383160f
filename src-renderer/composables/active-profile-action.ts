import { shallowRef } from 'vue'
import type { Result } from '../../src-shared/ipc'
import { callForActiveProfile, onProfileSwitch } from '../stores/active-profile'

/**
 * Changes to the active profile's account, for a setup store: `run` marks what runs in `busy`
 * (an action's name, or the item it changes) so the screen can show it on the right button, and
 * clears it when that call ends, unless another action took its place. A profile switch clears
 * `busy`, and the old profile's answer comes back as `PROFILE_CHANGED` for the caller to drop.
 */
export function useActiveProfileAction<Label>() {
  const busy = shallowRef<Label | null>(null)
  let current = 0

  async function run<T>(label: Label, call: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> {
    const mine = ++current
    busy.value = label
    try {
      return await callForActiveProfile(call)
    } finally {
      if (mine === current) busy.value = null
    }
  }

  onProfileSwitch(() => {
    current++
    busy.value = null
  })
  return { busy, run }
}
