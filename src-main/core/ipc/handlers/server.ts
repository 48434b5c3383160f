/** `server.*`: which Appwrite a profile talks to and what it offers (server/server-info.ts). */
import { z } from 'zod'
import { profileId } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, type Services } from '../services'

export function serverHandlers(s: Services): NamespaceHandlers<'server'> {
  return {
    'server.get': {
      args: z.strictObject({ profileId, refresh: z.boolean().optional() }),
      run: (a) => s.servers.get(requireProfile(s, a.profileId), { refresh: a.refresh }),
    },
  }
}
