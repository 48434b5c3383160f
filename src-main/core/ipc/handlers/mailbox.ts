/** `mailbox.*`: the sandbox's outbox, and opening a message's link as if the OS had delivered it. */
import { z } from 'zod'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, type Services } from '../services'

export function mailboxHandlers(s: Services): NamespaceHandlers<'mailbox'> {
  return {
    'mailbox.list': {
      args: profileOnly,
      run: (a) => s.mailbox.list(requireProfile(s, a.profileId)),
    },
    'mailbox.openLink': {
      args: z.strictObject({ profileId, messageId: z.string().min(1).max(64), linkIndex: z.number().int().min(1).max(100) }),
      run: (a) => s.mailbox.openLink(requireProfile(s, a.profileId), a.messageId, a.linkIndex),
    },
  }
}
