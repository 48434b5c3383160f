/** `consents.*`: connected apps (OAuth2 consents) and their token families, without any token. */
import { z } from 'zod'
import { allConsents, allConsentTokens } from '../../account/connected-apps'
import { appwriteId, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

export function consentsHandlers(s: Services): NamespaceHandlers<'consents'> {
  return {
    'consents.list': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, allConsents),
    },
    'consents.listTokens': {
      args: z.strictObject({ profileId, consentId: appwriteId }),
      run: (a) => withProfileSession(s, a.profileId, (client) => allConsentTokens(client, a.consentId)),
    },
    'consents.removeToken': {
      args: z.strictObject({ profileId, consentId: appwriteId, tokenId: appwriteId }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          await client.deleteConsentToken({ consentId: a.consentId, tokenId: a.tokenId })
          return allConsentTokens(client, a.consentId)
        }),
    },
    'consents.remove': {
      args: z.strictObject({ profileId, consentId: appwriteId }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          await client.deleteConsent({ consentId: a.consentId })
          return allConsents(client)
        }),
    },
  }
}
