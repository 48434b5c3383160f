import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ApiError, FlowDTO, MailboxMessageDTO, Result } from '../../src-shared/ipc'
import { settle } from './api-result'
import { useAppStore } from './app'

/**
 * The local sandbox's outbox (sandbox profiles only): the e-mails and text messages it "sent",
 * newest first. Links in a message are opened by main through the deep-link entry, so a magic
 * link or a recovery can be finished inside the app; the renderer only ever sees `[link N]`.
 */
export const useMailboxStore = defineStore('mailbox', () => {
  const app = useAppStore()

  const messages = shallowRef<readonly MailboxMessageDTO[] | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** The profile the messages were read for; another profile's outbox is never shown. */
  const loadedFor = ref<string | null>(null)

  async function load(): Promise<boolean> {
    const profileId = app.activeProfileId
    if (profileId === null) return false
    loading.value = true
    try {
      const result = await settle(() => window.api.mailbox.list({ profileId }))
      if (profileId !== app.activeProfileId) return false
      if (!result.ok) {
        error.value = result.error
        return false
      }
      messages.value = result.data
      loadedFor.value = profileId
      error.value = null
      return true
    } finally {
      loading.value = false
    }
  }

  function openLink(messageId: string, linkIndex: number): Promise<Result<FlowDTO | null>> {
    const profileId = app.activeProfileId
    if (profileId === null) return Promise.resolve({ ok: false, error: { type: 'no_profile', code: 0, message: 'No profile is selected.' } })
    return settle(() => window.api.mailbox.openLink({ profileId, messageId, linkIndex }))
  }

  return { messages, loading, error, loadedFor, load, openLink }
})
