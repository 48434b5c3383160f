/**
 * An Appwrite Realtime `event` on the `account` channel → the typed change the renderer gets.
 *
 * The longest event name without a `*` is the most specific one (`users.<id>.sessions.<id>.create`,
 * `users.<id>.update.prefs`, `users.<id>.targets.<id>.delete`…); it says what happened, the
 * payload says to what. The payload is the answer the acting device got, so it can hold things
 * the window must never see — a new TOTP secret, fresh recovery codes, OAuth provider tokens:
 * sessions pass through `toSessionDTO`, an account only when the payload is the account model,
 * and everything else by id only.
 */
import type { Session, User } from '../../../src-shared/appwrite'
import type { LiveAccountField, LiveAction, LiveChange, LiveEventDTO, LiveResource } from '../../../src-shared/ipc'
import { toSessionDTO } from '../account/session-list'

/** The `data` of a Realtime `event` message, as far as we read it. */
export interface RealtimeEventData {
  readonly events: readonly string[]
  readonly timestamp: string
  readonly payload: unknown
}

const ACCOUNT_FIELDS: ReadonlySet<string> = new Set<LiveAccountField>(['name', 'email', 'phone', 'password', 'prefs', 'status', 'mfa'])
const RESOURCES: ReadonlySet<string> = new Set<LiveResource>(['identities', 'targets', 'tokens', 'recovery', 'verification', 'challenges'])
const ACTIONS: ReadonlySet<string> = new Set<LiveAction>(['create', 'update', 'delete'])

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The payload as the account model of `userId`, or null when it is something else. */
function accountOf(payload: unknown, userId: string): User | null {
  const body = record(payload)
  return body && body['$id'] === userId && typeof body['email'] === 'string' && typeof body['prefs'] === 'object' ? (body as unknown as User) : null
}

/**
 * The change an event describes for the signed-in `userId`, or null for events we do not show
 * (another user's — never sent to us, but the server is not trusted — or an unknown shape).
 * `ownSessionId` marks this device's session.
 */
/** The most specific of an event's names (Appwrite lists `users.<id>.update` before `….update.prefs`). */
export function mostSpecific(events: readonly unknown[]): string | null {
  let best: string | null = null
  for (const name of events) {
    if (typeof name !== 'string' || name.includes('*')) continue
    if (best === null || name.split('.').length > best.split('.').length) best = name
  }
  return best
}

export function toLiveChange(data: RealtimeEventData, userId: string, ownSessionId: string | null): LiveChange | null {
  const name = mostSpecific(data.events)
  if (name === null) return null
  const parts = name.split('.')
  if (parts[0] !== 'users' || parts[1] !== userId) return null

  // users.<id>.sessions.<id>.<action>
  if (parts.length === 5 && parts[2] === 'sessions' && ACTIONS.has(parts[4] as string)) {
    const payload = record(data.payload)
    if (!payload || payload['$id'] !== parts[3] || payload['userId'] !== userId) return null
    const thisDevice = parts[3] === ownSessionId
    const session = toSessionDTO({ ...(payload as unknown as Session), current: thisDevice })
    return { kind: 'session', action: parts[4] as LiveAction, session, thisDevice }
  }
  // users.<id>.<resource>.<id>.<action>
  if (parts.length === 5 && RESOURCES.has(parts[2] as string) && ACTIONS.has(parts[4] as string)) {
    return { kind: 'resource', resource: parts[2] as LiveResource, action: parts[4] as LiveAction, id: parts[3] as string }
  }
  // users.<id>.update.<field>, users.<id>.delete.mfa
  if (parts.length === 4 && (parts[2] === 'update' || parts[2] === 'delete') && ACCOUNT_FIELDS.has(parts[3] as string)) {
    return { kind: 'account', field: parts[3] as LiveAccountField, account: accountOf(data.payload, userId) }
  }
  if (parts.length === 3 && parts[2] === 'delete') return { kind: 'account-deleted' }
  return null
}

export function toLiveEvent(profileId: string, data: RealtimeEventData, userId: string, ownSessionId: string | null): LiveEventDTO | null {
  const change = toLiveChange(data, userId, ownSessionId)
  if (!change) return null
  return { profileId, timestamp: typeof data.timestamp === 'string' ? data.timestamp : '', event: mostSpecific(data.events) ?? '', change }
}
