/** `prefs.*`: the account's preferences object. */
import { z } from 'zod'
import { encodedPreferencesLength, PREFERENCES_MAX_ENCODED_LENGTH } from '../../../../src-shared/preferences'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

/** Any JSON object whose encoding fits Appwrite's limit. */
const prefs = z.record(z.string(), z.json()).refine((value) => encodedPreferencesLength(value) <= PREFERENCES_MAX_ENCODED_LENGTH, {
  message: `Preferences must be at most ${PREFERENCES_MAX_ENCODED_LENGTH} characters when encoded.`,
})

export function prefsHandlers(s: Services): NamespaceHandlers<'prefs'> {
  return {
    'prefs.get': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, (client) => client.getPrefs()),
    },
    'prefs.update': {
      args: z.strictObject({ profileId, prefs }),
      // Appwrite replaces the whole object and answers with the account; the prefs it stored are
      // what the screen shows next.
      run: (a) => withProfileSession(s, a.profileId, async (client) => (await client.updatePrefs({ prefs: a.prefs })).prefs),
    },
  }
}
