import { storeToRefs } from 'pinia'
import { onMounted, watch } from 'vue'
import { useAppStore } from '../stores/app'

/**
 * For a screen that shows the active profile's data: loads it when the screen opens and again
 * when the person switches profile (so one profile's data never stays under another's name), and
 * returns that same `reload` for the screen's Reload and Try again buttons.
 */
export function useActiveProfileLoad(load: () => Promise<unknown>): () => void {
  const { activeProfileId } = storeToRefs(useAppStore())

  function reload(): void {
    void load()
  }

  watch(activeProfileId, reload)
  onMounted(reload)
  return reload
}
