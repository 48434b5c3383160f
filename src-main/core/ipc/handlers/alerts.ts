/** `alerts.*`: a profile's recent sign-in alerts and its mute setting (live/alerts.ts). */
import { z } from 'zod'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, type Services } from '../services'

export function alertsHandlers(s: Services): NamespaceHandlers<'alerts'> {
  return {
    'alerts.history': {
      args: profileOnly,
      run: async (a) => s.alerts.history(requireProfile(s, a.profileId)),
    },
    'alerts.setMuted': {
      args: z.strictObject({ profileId, muted: z.boolean() }),
      run: (a) => s.alerts.setMuted(requireProfile(s, a.profileId), a.muted),
    },
  }
}
