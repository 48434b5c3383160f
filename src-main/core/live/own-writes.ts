/**
 * A short record of what this app itself just did to an account, so that the Realtime event its
 * own request causes is not raised as an alert "from elsewhere" (issue 15 item 4).
 *
 * Appwrite's events say what happened, never who did it. So core remembers its own writes where
 * every request of the app passes — the Account client each profile gets (`watch`) — instead of
 * asking each screen's handler to remember:
 *
 * - **Sessions** are matched exactly: a session-creating call's answer names its session, and an
 *   event about a session created while one of our sign-ins is still in flight waits for it to
 *   finish before it is judged (the event may arrive before the HTTP answer).
 * - **Password, e-mail, MFA and status** changes carry no id to match, so a note of the kind is
 *   written *before* the request leaves (the event can never beat it) and consumed by the first
 *   event of that kind. A note lives while its request is in flight and `NOTE_GRACE_MS` after it;
 *   a request Appwrite refused changed nothing, so its note goes at once.
 */
import type { AlertKind } from '../../../src-shared/ipc'
import type { AccountClient, CreatedSession } from '../appwrite'
import { isAppwriteError } from '../appwrite'

/** How long after our own request its event may still arrive and be recognised as ours. */
export const NOTE_GRACE_MS = 30_000
/** Session ids of our own sign-ins kept per profile (only recent ones can still have an event coming). */
const OWN_SESSIONS_KEPT = 20

/** Which client calls change what an alert is about. `updateMFA` notes only turning it off. */
const WRITES: Readonly<Partial<Record<keyof AccountClient, (params: unknown) => AlertKind | null>>> = {
  updatePassword: () => 'password',
  updateRecovery: () => 'password',
  updateRecoveryOTP: () => 'password',
  updateEmail: () => 'email',
  updateMFA: (params) => ((params as { mfa?: unknown } | undefined)?.mfa === false ? 'mfa-off' : null),
  updateStatus: () => 'blocked',
}

/** The calls that create a session and answer with it. */
const SESSION_CREATORS: ReadonlySet<keyof AccountClient> = new Set<keyof AccountClient>([
  'createAnonymousSession',
  'createEmailPasswordSession',
  'updateMagicURLSession',
  'updatePhoneSession',
  'createSession',
])

interface Note {
  readonly kind: AlertKind
  /** Still in flight (Infinity), or the time after which it no longer counts. */
  until: number
}

interface ProfileRecord {
  notes: Note[]
  readonly sessionIds: string[]
  readonly pendingSessions: Set<Promise<void>>
}

export class OwnWrites {
  readonly #profiles = new Map<string, ProfileRecord>()

  constructor(private readonly now: () => number) {}

  #record(profileId: string): ProfileRecord {
    let record = this.#profiles.get(profileId)
    if (!record) {
      record = { notes: [], sessionIds: [], pendingSessions: new Set() }
      this.#profiles.set(profileId, record)
    }
    return record
  }

  /** The profile's client, with every write and sign-in it makes noted here first. */
  watch(profileId: string, client: AccountClient): AccountClient {
    return new Proxy(client, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver)
        if (typeof value !== 'function' || typeof property !== 'string') return value
        const name = property as keyof AccountClient
        const write = WRITES[name]
        if (write) return (params: unknown) => this.#noted(profileId, write(params), () => (value as (p: unknown) => Promise<unknown>).call(target, params))
        if (SESSION_CREATORS.has(name))
          return (params: unknown) => this.#signIn(profileId, () => (value as (p: unknown) => Promise<CreatedSession>).call(target, params))
        return value
      },
    })
  }

  #noted<T>(profileId: string, kind: AlertKind | null, call: () => Promise<T>): Promise<T> {
    if (kind === null) return call()
    const record = this.#record(profileId)
    const note: Note = { kind, until: Number.POSITIVE_INFINITY }
    record.notes.push(note)
    const settle = (refused: boolean) => {
      if (refused) record.notes = record.notes.filter((n) => n !== note)
      else note.until = this.now() + NOTE_GRACE_MS
    }
    return call().then(
      (result) => {
        settle(false)
        return result
      },
      (error: unknown) => {
        // Appwrite answered with an error: nothing changed. No answer at all: it may have.
        settle(isAppwriteError(error))
        throw error
      },
    )
  }

  #signIn(profileId: string, call: () => Promise<CreatedSession>): Promise<CreatedSession> {
    const record = this.#record(profileId)
    const pending = call().then((created) => {
      record.sessionIds.push(created.session.$id)
      if (record.sessionIds.length > OWN_SESSIONS_KEPT) record.sessionIds.splice(0, record.sessionIds.length - OWN_SESSIONS_KEPT)
      return created
    })
    // Tracked without its failure (the caller gets that): an event waiting on it only needs it over.
    const tracked: Promise<void> = pending.then(
      () => undefined,
      () => undefined,
    )
    record.pendingSessions.add(tracked)
    void tracked.then(() => record.pendingSessions.delete(tracked))
    return pending
  }

  /** An event says this kind of change happened: was it ours? A note answers once. */
  consume(profileId: string, kind: AlertKind): boolean {
    const record = this.#profiles.get(profileId)
    if (!record) return false
    const now = this.now()
    record.notes = record.notes.filter((n) => n.until >= now)
    const index = record.notes.findIndex((n) => n.kind === kind)
    if (index < 0) return false
    record.notes.splice(index, 1)
    return true
  }

  /** Was this session created by this app? Waits for our sign-ins still in flight. */
  async isOwnSession(profileId: string, sessionId: string): Promise<boolean> {
    const record = this.#profiles.get(profileId)
    if (!record) return false
    await Promise.all([...record.pendingSessions])
    return record.sessionIds.includes(sessionId)
  }

  forget(profileId: string): void {
    this.#profiles.delete(profileId)
  }
}
