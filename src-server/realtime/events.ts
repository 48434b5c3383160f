/**
 * Appwrite event names (Appwrite's `Event::generateEvents`): a route's label such as
 * `users.[userId].sessions.[sessionId].create` expands into every name a subscriber may match —
 * the concrete one, each id replaced by `*` alone and all together, and the shorter prefixes
 * (`users.[userId].sessions.[sessionId]`, `users.[userId]`) — in Appwrite's order, without
 * duplicates. The `account` channel carries every `users.*` event to that user only.
 */
import { isoDate } from '../domain/time'
import { sessionModel, type SessionRow } from '../domain/sessions'

/** The event labels the sandbox emits (Appwrite's labels on the Account API routes). */
export type AccountEventLabel =
  | 'users.[userId].create'
  | 'users.[userId].delete'
  | 'users.[userId].update.name'
  | 'users.[userId].update.email'
  | 'users.[userId].update.phone'
  | 'users.[userId].update.password'
  | 'users.[userId].update.prefs'
  | 'users.[userId].update.status'
  | 'users.[userId].update.mfa'
  | 'users.[userId].delete.mfa'
  | 'users.[userId].sessions.[sessionId].create'
  | 'users.[userId].sessions.[sessionId].update'
  | 'users.[userId].sessions.[sessionId].delete'
  | 'users.[userId].tokens.[tokenId].create'
  | 'users.[userId].recovery.[tokenId].create'
  | 'users.[userId].recovery.[tokenId].update'
  | 'users.[userId].verification.[tokenId].create'
  | 'users.[userId].verification.[tokenId].update'
  | 'users.[userId].challenges.[challengeId].create'
  | 'users.[userId].identities.[identityId].delete'
  | 'users.[userId].targets.[targetId].create'
  | 'users.[userId].targets.[targetId].update'
  | 'users.[userId].targets.[targetId].delete'

/** The ids a label names: `users.[userId].sessions.[sessionId].create` → userId, sessionId. */
export function labelParams(label: string): string[] {
  return [...label.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1] as string)
}

interface ParsedPattern {
  readonly type: string
  readonly resource: string
  readonly subType: string | null
  readonly subResource: string | null
  readonly action: string | null
  readonly attribute: string | null
}

/** Split a label into Appwrite's sections; a `[x]` in the fourth place marks a sub-resource. */
function parsePattern(pattern: string): ParsedPattern {
  const parts = pattern.split('.')
  const hasSub = parts.length > 3 && (parts[3] as string).startsWith('[')
  return {
    type: parts[0] ?? '',
    resource: parts[1] ?? '',
    subType: hasSub ? (parts[2] as string) : null,
    subResource: hasSub ? (parts[3] as string) : null,
    action: hasSub ? (parts[4] ?? null) : (parts[2] ?? null),
    attribute: hasSub ? (parts[5] ?? null) : (parts[3] ?? null),
  }
}

/** Replace `[key]` placeholders: the keys in `wild` become `*`, the others their values. */
function fill(pattern: string, params: Readonly<Record<string, string>>, wild: ReadonlySet<string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (whole, key: string) => {
    if (wild.has(key)) return '*'
    return params[key] ?? whole
  })
}

/**
 * Every event name for `pattern` with `params` (e.g. `{userId, sessionId}`). Throws when the
 * pattern names a parameter that is missing — a programming error, as in Appwrite.
 */
export function generateEvents(pattern: string, params: Readonly<Record<string, string>>): string[] {
  const parsed = parsePattern(pattern)
  for (const section of [parsed.resource, parsed.subResource]) {
    if (section && section.startsWith('[') && params[section.slice(1, -1)] === undefined) {
      throw new Error(`${section} is missing from the params of ${pattern}`)
    }
  }
  const { type, resource, subType, subResource, action, attribute } = parsed
  const patterns: string[] = []
  if (action) {
    if (subType && subResource) {
      if (attribute) patterns.push([type, resource, subType, subResource, action, attribute].join('.'))
      patterns.push([type, resource, subType, subResource, action].join('.'))
      patterns.push([type, resource, subType, subResource].join('.'))
    } else {
      patterns.push([type, resource, action].join('.'))
    }
    if (attribute) patterns.push([type, resource, action, attribute].join('.'))
  }
  if (subType && subResource) patterns.push([type, resource, subType, subResource].join('.'))
  patterns.push([type, resource].join('.'))

  const keys = Object.keys(params)
  const events = new Set<string>()
  for (const eventPattern of new Set(patterns)) {
    events.add(fill(eventPattern, params, new Set()))
    events.add(fill(eventPattern, params, new Set(keys)))
    // One id at a time replaced by `*` (Appwrite's nested loop over key pairs).
    for (const key of keys) {
      for (const current of keys) {
        if (current !== key) events.add(fill(eventPattern, params, new Set([current])))
      }
    }
  }
  return [...events]
}

/** The `data` of an `event` message before the matching subscription ids are added. */
export interface RealtimeEventData {
  readonly events: string[]
  readonly channels: string[]
  /** Appwrite's `DateTime::formatTz(now)`: `2024-05-01T10:00:00.000+00:00`. */
  readonly timestamp: string
  readonly payload: unknown
}

export interface AccountEvent {
  /** Whose account channel carries it (Appwrite's role `user:<id>`). */
  readonly userId: string
  readonly data: RealtimeEventData
}

export function accountEvent(label: AccountEventLabel, params: Readonly<Record<string, string>>, payload: unknown, now = Date.now()): AccountEvent {
  const userId = params['userId']
  if (!userId) throw new Error(`userId is missing from the params of ${label}`)
  return {
    userId,
    data: {
      events: generateEvents(label, params),
      channels: ['account', `account.${userId}`],
      timestamp: isoDate(now),
      payload,
    },
  }
}

/**
 * `users.<id>.sessions.<id>.delete` for each session that ended as a side effect (evicted by the
 * session limit, ended by a password change or "sign out everywhere"): every device learns that
 * its own session ended. Appwrite emits one event per route; the sandbox names each session.
 */
export function sessionsEndedEvents(rows: readonly SessionRow[], currentId: string | null = null): AccountEvent[] {
  return rows.map((row) =>
    accountEvent('users.[userId].sessions.[sessionId].delete', { userId: row.userId, sessionId: row.id }, sessionModel(row, { current: row.id === currentId })),
  )
}
