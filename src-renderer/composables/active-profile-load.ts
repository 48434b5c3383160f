import { storeToRefs } from 'pinia'
import { onMounted, watch } from 'vue'
import { useAppStore } from '../stores/app'

/**
 * For a screen that shows the active profile's data: loads it when the screen opens and again
 * when the person switches profile (the stores have cleared the old profile's data by then), and
 * returns that same `reload` for the screen's Reload and Try again buttons. `kept` says the store
 * still holds this profile's data from an earlier visit, so opening the screen need not ask again.
 */
export function useActiveProfileLoad(load: () => Promise<unknown>, options: { readonly kept?: () => boolean } = {}): () => void {
  const { activeProfileId } = storeToRefs(useAppStore())

  function reload(): void {
    void load()
  }

  watch(activeProfileId, reload)
  onMounted(() => {
    if (!options.kept?.()) reload()
  })
  return reload
}
