/**
 * Sessions as the renderer sees them, and the session actions Appwrite has no single route for.
 *
 * The Session model carries the OAuth provider's access and refresh tokens (appwrite-behaviour §4, §11.23)
 * and a `secret` field: none of them may reach the window, so every session leaves core through
 * `toSessionDTO`, which copies only the fields the screen shows.
 */
import type { Session } from '../../../src-shared/appwrite'
import type { SessionDTO } from '../../../src-shared/ipc'
import { ignoreAppwrite, type AccountClient } from '../appwrite'

/**
 * Appwrite may answer `PATCH /account/sessions/{id}` with the database's own date format
 * (`2025-03-14 09:26:53.000`, contract "Not confirmed"); everything else is ISO-8601 with offset.
 * The database format is UTC.
 */
export function normalizeAppwriteDate(value: string): string {
  const database = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value)
  return database ? `${database[1]}T${database[2]}+00:00` : value
}

export function toSessionDTO(session: Session): SessionDTO {
  return {
    $id: session.$id,
    $createdAt: session.$createdAt,
    $updatedAt: session.$updatedAt,
    userId: session.userId,
    expire: normalizeAppwriteDate(session.expire),
    provider: session.provider,
    providerUid: session.providerUid,
    providerAccessTokenExpiry: session.providerAccessTokenExpiry,
    ip: session.ip,
    osCode: session.osCode,
    osName: session.osName,
    osVersion: session.osVersion,
    clientType: session.clientType,
    clientCode: session.clientCode,
    clientName: session.clientName,
    clientVersion: session.clientVersion,
    clientEngine: session.clientEngine,
    clientEngineVersion: session.clientEngineVersion,
    deviceName: session.deviceName,
    deviceBrand: session.deviceBrand,
    deviceModel: session.deviceModel,
    countryCode: session.countryCode,
    countryName: session.countryName,
    current: session.current,
    factors: [...session.factors],
    mfaUpdatedAt: session.mfaUpdatedAt,
  }
}

/** The current session first, then the newest first. */
export function orderSessions(sessions: readonly SessionDTO[]): SessionDTO[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1
    return Date.parse(b.$createdAt) - Date.parse(a.$createdAt)
  })
}

export async function listSessions(client: AccountClient): Promise<SessionDTO[]> {
  const list = await client.listSessions()
  return orderSessions(list.sessions.map(toSessionDTO))
}

/**
 * Ends one session of the account. A session that is already gone counts as ended: when the 204 of
 * a first attempt was lost on the way back (a reset, a stall that timed out), the retry meets a
 * 404 `user_session_not_found` for the deletion that did happen, and the person asked for exactly
 * that outcome (docs/reliability.md §3).
 */
export async function deleteSessionOnce(client: AccountClient, sessionId: string): Promise<void> {
  await client.deleteSession({ sessionId }).catch(ignoreAppwrite('user_session_not_found'))
}

/**
 * Signs out every session but this one. Appwrite's `DELETE /account/sessions` would end the
 * current session too, so the others are deleted one by one; one that is already gone (another
 * device signed out meanwhile) is not an error.
 */
export async function removeOtherSessions(client: AccountClient): Promise<SessionDTO[]> {
  const { sessions } = await client.listSessions()
  for (const session of sessions) {
    if (!session.current) await deleteSessionOnce(client, session.$id)
  }
  return listSessions(client)
}

/**
 * Extends the current session by the project's session length. Appwrite's answer says
 * `current: false` and has an empty country name (appwrite-behaviour §3.2, §11.20), so the session is read
 * back to show what is true.
 */
export async function extendCurrentSession(client: AccountClient): Promise<SessionDTO> {
  const extended = await client.updateSession({ sessionId: 'current' })
  try {
    const fresh = await client.getSession({ sessionId: 'current' })
    return toSessionDTO({ ...fresh, current: true })
  } catch {
    return toSessionDTO({ ...extended, current: true })
  }
}
