/**
 * `consents.*`: connected apps (OAuth2 consents) and their token families, without any token. A
 * revocation whose target is already gone (revoked elsewhere, or a retry after a lost answer)
 * counts as done (docs/reliability.md §3); Appwrite has not published its type names for a missing
 * consent or family, so these are the sandbox's (src-shared/appwrite.ts).
 */
import { z } from 'zod'
import { allConsents, allConsentTokens } from '../../account/connected-apps'
import { ignoreAppwrite } from '../../appwrite'
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
          await client.deleteConsentToken({ consentId: a.consentId, tokenId: a.tokenId }).catch(ignoreAppwrite('consent_token_not_found'))
          return allConsentTokens(client, a.consentId)
        }),
    },
    'consents.remove': {
      args: z.strictObject({ profileId, consentId: appwriteId }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          await client.deleteConsent({ consentId: a.consentId }).catch(ignoreAppwrite('consent_not_found'))
          return allConsents(client)
        }),
    },
  }
}
