/**
 * The Dev Mailbox (issue #4 item 7): what the local sandbox "sent", newest first, read in-process
 * from the embedded sandbox (`outbox()`): the embedded sandbox serves no `/v1/dev/*` route, so no
 * other process or web page can read sign-in secrets from it over HTTP (issue 10 item 2). Only
 * for sandbox profiles: a real Appwrite server has no outbox and the console never depends on one
 * for a user-facing feature.
 *
 * Links in a message carry secrets (userId + secret), so the renderer gets the body with every
 * link replaced by `[link N]`; the links stay here, and `openLink` hands one to the same entry as
 * every deep link, so a magic-link or recovery journey can be done entirely inside the app.
 */
import type { OutboxMessage } from '../../../src-shared/appwrite'
import type { FlowDTO, MailboxMessageDTO, ProfileDTO } from '../../../src-shared/ipc'
import { CoreError } from '../auth/errors'

/** A link in a mail body: a scheme, `://`, then anything up to white space or markup. */
const LINK = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<>"'`]+/g
/** Sentence punctuation right after a link is not part of it. */
const TRAILING = /[.,;:!?)\]}]+$/

export interface MailboxDeps {
  readonly profile: (profileId: string) => ProfileDTO | null
  /** The link entry (links.ts `receive`): answers the flow's new state or throws when refused. */
  readonly openLink: (url: string) => Promise<FlowDTO>
  /** The embedded sandbox's outbox, newest first (its `outbox()`). */
  readonly outbox: () => Promise<readonly OutboxMessage[]>
}

export class Mailbox {
  /** Links of the messages last listed, per profile and message id. Main only. */
  readonly #links = new Map<string, Map<string, readonly string[]>>()

  constructor(private readonly deps: MailboxDeps) {}

  async list(profileId: string): Promise<readonly MailboxMessageDTO[]> {
    this.#sandbox(profileId)
    const outbox = await this.deps.outbox()
    const links = new Map<string, readonly string[]>()
    const messages = outbox.map((message) => {
      const { body, found } = withoutLinks(message.body)
      links.set(message.$id, found)
      return {
        id: message.$id,
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        body,
        createdAt: message.createdAt,
        links: found.map((url, i) => ({ index: i + 1, label: linkLabel(url) })),
      } satisfies MailboxMessageDTO
    })
    this.#links.set(profileId, links)
    return messages
  }

  /**
   * Opens link N of a message through the deep-link entry. Answers the flow it continued, or null
   * when the link is not one of this app's (an ordinary web address is not opened from here).
   */
  async openLink(profileId: string, messageId: string, linkIndex: number): Promise<FlowDTO | null> {
    this.#sandbox(profileId)
    let links = this.#links.get(profileId)?.get(messageId)
    if (!links) {
      await this.list(profileId)
      links = this.#links.get(profileId)?.get(messageId)
    }
    if (!links) throw new CoreError('invalid_argument', 'That message is not in the mailbox.')
    const url = links[linkIndex - 1]
    if (url === undefined) throw new CoreError('invalid_argument', 'That message has no such link.')
    if (/^https?:\/\//i.test(url) && !/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) return null
    return this.deps.openLink(url)
  }

  #sandbox(profileId: string): ProfileDTO {
    const profile = this.deps.profile(profileId)
    if (!profile) throw new CoreError('no_profile')
    if (profile.kind !== 'sandbox') throw new CoreError('not_sandbox')
    return profile
  }
}

/** Replaces every link with `[link N]` (N from 1) and returns the links in order. */
export function withoutLinks(text: string): { body: string; found: string[] } {
  const found: string[] = []
  const body = text.replace(LINK, (match) => {
    const trailing = TRAILING.exec(match)?.[0] ?? ''
    const url = trailing ? match.slice(0, -trailing.length) : match
    found.push(url)
    return `[link ${found.length}]${trailing}`
  })
  return { body, found }
}

/** What a person may see of a link: where it goes, without its query (which holds the secret). */
export function linkLabel(url: string): string {
  try {
    const parsed = new URL(url)
    const host = parsed.host ? `//${parsed.host}` : ''
    const path = parsed.pathname === '/' ? '' : parsed.pathname
    return `${parsed.protocol}${host}${path}`
  } catch {
    return 'link'
  }
}
