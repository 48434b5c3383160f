import type { SessionDTO } from '../src-shared/ipc'
import { THIS_APP, deviceText } from '../src-shared/session-words'

/**
 * Sessions gathered by the app and device they come from, so ten sign-ins from three places read
 * as three rows of a list, not ten identical cards. Sessions belong together when Appwrite reports
 * the same client, system and device for them (versions aside: a browser that updated itself is
 * still the same browser). The group holding this device's session comes first, and that session
 * first within it; the other groups follow by their latest sign-in, newest first.
 */
export interface SessionGroup {
  readonly key: string
  /** "Chrome on Windows", "Account Console on GNU/Linux". */
  readonly title: string
  /** "Desktop", "Apple iPhone (smartphone)". */
  readonly device: string
  readonly thisDevice: boolean
  readonly sessions: readonly SessionDTO[]
}

function groupKey(session: SessionDTO): string {
  return [session.clientName || session.clientType, session.osName, session.deviceName, session.deviceBrand, session.deviceModel].join('\u0000')
}

function groupTitle(session: SessionDTO): string {
  const client = session.clientName || session.clientType || (session.current ? THIS_APP : '')
  const os = session.osName
  if (client && os) return `${client} on ${os}`
  return client || os || (session.current ? `${THIS_APP} on this computer` : 'Unknown app and system')
}

function latest(session: SessionDTO): number {
  return Math.max(Date.parse(session.$createdAt) || 0, Date.parse(session.$updatedAt) || 0)
}

function newestFirst(a: SessionDTO, b: SessionDTO): number {
  return latest(b) - latest(a)
}

export function groupSessions(sessions: readonly SessionDTO[]): SessionGroup[] {
  const byKey = new Map<string, SessionDTO[]>()
  for (const session of sessions) {
    const key = groupKey(session)
    const list = byKey.get(key)
    if (list) list.push(session)
    else byKey.set(key, [session])
  }
  const groups = [...byKey.entries()].map(([key, members]): SessionGroup => {
    const ordered = [...members].sort((a, b) => Number(b.current) - Number(a.current) || newestFirst(a, b))
    const first = ordered[0]!
    return { key, title: groupTitle(first), device: deviceText(first), thisDevice: first.current, sessions: ordered }
  })
  return groups.sort((a, b) => Number(b.thisDevice) - Number(a.thisDevice) || newestFirst(a.sessions[0]!, b.sessions[0]!))
}

/**
 * When a session was last seen, as Appwrite records it: its sign-in, or its latest renewal
 * ("Extend this session") when there was one. Appwrite keeps no later activity on a session.
 */
export function lastSeen(session: SessionDTO): string {
  return latest(session) === Date.parse(session.$updatedAt) ? session.$updatedAt : session.$createdAt
}
