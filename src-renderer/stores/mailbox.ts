import { defineStore } from 'pinia'
import type { FlowDTO, Result } from '../../src-shared/ipc'
import { useActiveProfileData } from '../composables/active-profile-data'
import { callForActiveProfile } from './active-profile'

/**
 * The local sandbox's outbox (sandbox profiles only): the e-mails and text messages it "sent",
 * newest first. Links in a message are opened by main through the deep-link entry, so a magic
 * link or a recovery can be finished inside the app; the renderer only ever sees `[link N]`.
 */
export const useMailboxStore = defineStore('mailbox', () => {
  const { data: messages, loading, error, load } = useActiveProfileData((profileId) => window.api.mailbox.list({ profileId }))

  function openLink(messageId: string, linkIndex: number): Promise<Result<FlowDTO | null>> {
    return callForActiveProfile((profileId) => window.api.mailbox.openLink({ profileId, messageId, linkIndex }))
  }

  return { messages, loading, error, load: () => load(), openLink }
})
