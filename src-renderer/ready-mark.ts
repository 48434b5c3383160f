import { nextTick } from 'vue'
import type { Router } from 'vue-router'

/**
 * Sets `data-ready="true"` on `target` once the first navigation is done. That navigation waits for
 * start-up (the app status and the stored session's check), so at this point the first auth state
 * is known and its screen rendered. The e2e harness waits for this mark instead of sleeping.
 * It is set after a failed start-up too, so a test sees the error screen rather than a timeout.
 */
export async function markReadyAfterStartup(router: Router, target: HTMLElement): Promise<void> {
  await router.isReady()
  await nextTick()
  target.dataset.ready = 'true'
}
