/** `developer.*`: a JWT for trying the account's API from elsewhere. */
import { z } from 'zod'
import { ClipboardSecret, createJwtOnClipboard } from '../../account/developer-token'
import { profileId } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

/** Appwrite 1.9 accepts 0–3600 seconds (appwrite-behaviour §12). */
const jwtDuration = z.number().int().min(0).max(3600)

export function developerHandlers(s: Services): NamespaceHandlers<'developer'> {
  const clipboard = new ClipboardSecret(s.host)
  return {
    'developer.createJwt': {
      args: z.strictObject({ profileId, duration: jwtDuration.optional() }),
      run: (a) => withProfileSession(s, a.profileId, (client) => createJwtOnClipboard(s.host, clipboard, client, a.duration)),
    },
  }
}
