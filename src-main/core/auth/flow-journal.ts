/**
 * Pending sign-ins that survive a restart (issue #12 item 5): a person who closes the app and
 * then clicks the magic link in their mail still gets signed in, within the flow's lifetime.
 *
 * `pending-flows.json` in the data folder (mode 0600) holds, per waiting link flow, what is
 * needed to recognise and complete its link: kind, profile and project, return channel, expiry,
 * the Appwrite user it was sent to, and the "keep me signed in" choice. It never holds a secret:
 * - the one-time nonce is stored only as its SHA-256 hash. A returning link is matched by hashing
 *   its nonce, so the file alone cannot forge or complete a link;
 * - link secrets (userId + secret) are never written: a flow leaves the file the moment its link
 *   is accepted, and a recovery waiting for its new password is not resumable after a restart;
 * - loopback flows are not written: their listener dies with the app, so no link can reach it.
 * Code flows (e-mail / SMS codes) have no link and are not written either.
 *
 * At start, flows past their expiry are pruned from the file (the registry still recognises
 * their links for a while, to say "expired, start again" instead of "unknown link"). A file that
 * cannot be read is set aside and the app goes on with a notice (nothing is deleted).
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { FLOW_TYPES, type FlowType } from './deep-link'
import { readJsonFile, JsonFileWriter } from '../storage/json-file'

const FILE_NAME = 'pending-flows.json'

/** The hash a nonce is matched by, in memory and on disk. */
export function hashNonce(nonce: string): string {
  return createHash('sha256').update(nonce).digest('base64url')
}

/** One waiting link flow, as written. */
export interface JournalEntry {
  readonly flowId: string
  readonly kind: FlowType
  readonly nonceHash: string
  readonly profileId: string
  readonly projectId: string
  readonly channel: { readonly kind: 'scheme' } | { readonly kind: 'appwrite-callback'; readonly projectId: string }
  readonly remember: boolean
  /** The Appwrite user the token was sent to (a public id), once Appwrite answered. */
  readonly userId: string | null
  /** Where the mail went, as typed (shown on the waiting screen; not a secret). */
  readonly destination: string | null
  /** The e-mail a recovery was asked for (not a secret). */
  readonly email: string | null
  readonly expiresAt: number
}

const ID = z.string().min(1).max(200)
const entrySchema = z.strictObject({
  flowId: ID,
  kind: z.enum(FLOW_TYPES),
  nonceHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  profileId: ID,
  projectId: ID,
  channel: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('scheme') }),
    z.strictObject({ kind: z.literal('appwrite-callback'), projectId: ID }),
  ]),
  remember: z.boolean(),
  userId: ID.nullable(),
  destination: z.string().max(320).nullable(),
  email: z.string().max(320).nullable(),
  expiresAt: z.number().int().nonnegative(),
})
const fileSchema = z.strictObject({ version: z.literal(1), flows: z.array(entrySchema).max(1000) })

export interface OpenedJournal {
  readonly journal: FlowJournal
  /** What the file held (expired ones too: the registry decides). */
  readonly entries: readonly JournalEntry[]
  /** A sentence for the person when the file could not be read, else null. */
  readonly notice: string | null
}

export class FlowJournal {
  readonly #writer: JsonFileWriter

  private constructor(
    file: string,
    private readonly log: (line: string) => void,
  ) {
    this.#writer = new JsonFileWriter(file)
  }

  static async open(dataDir: string, log: (line: string) => void): Promise<OpenedJournal> {
    const file = join(dataDir, FILE_NAME)
    const read = await readJsonFile(file, (text) => fileSchema.parse(JSON.parse(text)).flows)
    const journal = new FlowJournal(file, log)
    switch (read.kind) {
      case 'missing':
        return { journal, entries: [], notice: null }
      case 'read':
        return { journal, entries: read.value, notice: null }
      case 'set-aside':
        log(`pending sign-ins unreadable, set aside as ${read.aside}`)
        return {
          journal,
          entries: [],
          notice: `The sign-ins that were waiting when the app last closed could not be read (the file was set aside as ${read.aside}). A link from before the restart will ask you to start again.`,
        }
      default:
        return read satisfies never
    }
  }

  /** Replaces the file's content with these flows (written in the background, in order). */
  save(entries: readonly JournalEntry[]): void {
    this.#writer.write({ version: 1, flows: entries }).catch((error: unknown) => {
      this.log(`pending sign-ins not saved: ${error instanceof Error ? error.message : String(error)}`)
    })
  }

  flushed(): Promise<void> {
    return this.#writer.flushed()
  }
}
