/** `account.*`, `prefs.*`, `sessions.*`, `developer.*`, `security.*`. */
import { z } from 'zod'
import { encodedPreferencesLength, PREFERENCES_MAX_ENCODED_LENGTH } from '../../../src-shared/preferences'
import { blockAccount } from '../account/block-account'
import { createJwtOnClipboard } from '../account/developer-token'
import { loadSecurityOverview } from '../account/security-overview'
import { extendCurrentSession, listSessions, removeOtherSessions } from '../account/session-list'
import { confirmPhoneVerification, sendEmailVerification, sendPhoneVerification } from '../account/verification'
import type { HandlerTable } from './handlers'
import { email, name, password, profileId, requireProfile } from './handlers'
import type { Services } from './table'

type AccountKeys =
  | `account.${'get' | 'updateName' | 'updateEmail' | 'updatePhone' | 'updatePassword' | 'sendEmailVerification' | 'sendPhoneVerification' | 'confirmPhoneVerification' | 'block'}`
  | `prefs.${'get' | 'update'}`
  | `sessions.${'list' | 'remove' | 'removeOthers' | 'extendCurrent'}`
  | 'developer.createJwt'
  | 'security.getOverview'

// Argument shapes with Appwrite's own rules (appwrite-behaviour §3.2), so a bad value fails here with a
// clear message instead of at the server.
/** E.164 as Appwrite checks it: `+`, a non-zero digit, then 6 to 14 digits. */
const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'Enter the number in international format, e.g. +14155550123.')
/** Appwrite `UID`: up to 36 of `[A-Za-z0-9._-]`, not starting with a symbol; or `current`. */
const sessionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/, 'Not a session ID.')
const flowId = z.string().min(1).max(64)
const code = z.string().trim().min(1, 'Enter the code.').max(256)
/** Any JSON object whose encoding fits Appwrite's limit. */
const prefs = z
  .record(z.string(), z.json())
  .refine((value) => encodedPreferencesLength(value) <= PREFERENCES_MAX_ENCODED_LENGTH, {
    message: `Preferences must be at most ${PREFERENCES_MAX_ENCODED_LENGTH} characters when encoded.`,
  })
/** Appwrite 1.9 accepts 0–3600 seconds (appwrite-behaviour §12). */
const jwtDuration = z.number().int().min(0).max(3600)

const profileOnly = z.strictObject({ profileId })

export function accountHandlers(s: Services): Pick<HandlerTable, AccountKeys> {
  const withSession = s.auth.withSession.bind(s.auth)
  const profile = (id: string): string => requireProfile(s, id)

  return {
    'account.get': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), (client) => client.get()),
    },
    'account.updateName': {
      args: z.strictObject({ profileId, name: name.trim() }),
      run: (a) => withSession(profile(a.profileId), (client) => client.updateName({ name: a.name })),
    },
    'account.updateEmail': {
      args: z.strictObject({ profileId, email, password }),
      // For an account without a password (anonymous, magic link, OAuth) Appwrite sets this
      // password instead of checking it, which makes an anonymous account permanent (§3.2).
      run: (a) => withSession(profile(a.profileId), (client) => client.updateEmail({ email: a.email, password: a.password })),
    },
    'account.updatePhone': {
      args: z.strictObject({ profileId, phone, password }),
      run: (a) => withSession(profile(a.profileId), (client) => client.updatePhone({ phone: a.phone, password: a.password })),
    },
    'account.updatePassword': {
      args: z.strictObject({ profileId, password, oldPassword: password.optional() }),
      run: (a) =>
        withSession(profile(a.profileId), (client) =>
          client.updatePassword(a.oldPassword === undefined ? { password: a.password } : { password: a.password, oldPassword: a.oldPassword }),
        ),
    },
    'account.sendEmailVerification': {
      args: profileOnly,
      run: ({ profileId: id }) => sendEmailVerification(s, profile(id)),
    },
    'account.sendPhoneVerification': {
      args: profileOnly,
      run: ({ profileId: id }) => sendPhoneVerification(s, profile(id)),
    },
    'account.confirmPhoneVerification': {
      args: z.strictObject({ flowId, code }),
      run: (a) => confirmPhoneVerification(s, a.flowId, a.code),
    },
    'account.block': {
      args: profileOnly,
      run: ({ profileId: id }) => blockAccount(s.host, s.auth, profile(id)),
    },
    'prefs.get': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), (client) => client.getPrefs()),
    },
    'prefs.update': {
      args: z.strictObject({ profileId, prefs }),
      // Appwrite replaces the whole object and answers with the account; the prefs it stored are
      // what the screen shows next.
      run: (a) => withSession(profile(a.profileId), async (client) => (await client.updatePrefs({ prefs: a.prefs })).prefs),
    },
    'sessions.list': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), listSessions),
    },
    'sessions.remove': {
      args: z.strictObject({ profileId, sessionId }),
      run: async (a) => {
        const id = profile(a.profileId)
        const signedOutHere = await withSession(id, async (client) => {
          const current = (await client.listSessions()).sessions.find((session) => session.current)
          // Ending this device's own session is signing out: let the auth service forget it too.
          if (a.sessionId === 'current' || current?.$id === a.sessionId) return true
          await client.deleteSession({ sessionId: a.sessionId })
          return false
        })
        if (signedOutHere) {
          await s.auth.signOut(id)
          return []
        }
        return withSession(id, listSessions)
      },
    },
    'sessions.removeOthers': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), removeOtherSessions),
    },
    'sessions.extendCurrent': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), extendCurrentSession),
    },
    'developer.createJwt': {
      args: z.strictObject({ profileId, duration: jwtDuration.optional() }),
      run: (a) => withSession(profile(a.profileId), (client) => createJwtOnClipboard(s.host, client, a.duration)),
    },
    'security.getOverview': {
      args: profileOnly,
      run: ({ profileId: id }) => withSession(profile(id), (client) => loadSecurityOverview(client, () => s.host.now())),
    },
  }
}
