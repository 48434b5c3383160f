/** `sessions.*`: the account's sessions on every device. */
import { z } from 'zod'
import { deleteSessionOnce, extendCurrentSession, listSessions, removeOtherSessions } from '../../account/session-list'
import { appwriteId, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, withProfileSession, type Services } from '../services'

/** A session's UID, or Appwrite's alias `current`. */
const sessionId = appwriteId

export function sessionsHandlers(s: Services): NamespaceHandlers<'sessions'> {
  return {
    'sessions.list': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, listSessions),
    },
    'sessions.remove': {
      args: z.strictObject({ profileId, sessionId }),
      run: async (a) => {
        const id = requireProfile(s, a.profileId)
        const signedOutHere = await s.auth.withSession(id, async (client) => {
          const current = (await client.listSessions()).sessions.find((session) => session.current)
          // Ending this device's own session is signing out: let the auth service forget it too.
          if (a.sessionId === 'current' || current?.$id === a.sessionId) return true
          await deleteSessionOnce(client, a.sessionId)
          return false
        })
        if (signedOutHere) {
          await s.auth.signOut(id)
          return []
        }
        return s.auth.withSession(id, listSessions)
      },
    },
    'sessions.removeOthers': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, removeOtherSessions),
    },
    'sessions.extendCurrent': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, extendCurrentSession),
    },
  }
}
