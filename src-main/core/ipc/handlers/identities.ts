/** `identities.*`: the OAuth providers linked to the account, without their tokens. */
import { z } from 'zod'
import type { Identity } from '../../../../src-shared/appwrite'
import type { IdentityDTO } from '../../../../src-shared/ipc'
import { Query, ignoreAppwrite, type AccountClient } from '../../appwrite'
import { appwriteId, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

/** The renderer never needs an OAuth provider's tokens (src-shared/ipc.ts). */
function toIdentityDTO(identity: Identity): IdentityDTO {
  return {
    $id: identity.$id,
    $createdAt: identity.$createdAt,
    $updatedAt: identity.$updatedAt,
    userId: identity.userId,
    provider: identity.provider,
    providerUid: identity.providerUid,
    providerEmail: identity.providerEmail,
    providerAccessTokenExpiry: identity.providerAccessTokenExpiry,
  }
}

const IDENTITY_PAGE = 100

async function allIdentities(client: AccountClient): Promise<IdentityDTO[]> {
  const out: IdentityDTO[] = []
  for (;;) {
    const page = await client.listIdentities({ queries: [Query.limit(IDENTITY_PAGE), Query.offset(out.length)] })
    out.push(...page.identities.map(toIdentityDTO))
    if (page.identities.length < IDENTITY_PAGE || out.length >= page.total) return out
  }
}

export function identitiesHandlers(s: Services): NamespaceHandlers<'identities'> {
  return {
    'identities.list': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, allIdentities),
    },
    'identities.remove': {
      args: z.strictObject({ profileId, identityId: appwriteId }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          // Already gone (a retry after a lost answer, or removed elsewhere) is what was asked for.
          await client.deleteIdentity({ identityId: a.identityId }).catch(ignoreAppwrite('user_identity_not_found'))
          return allIdentities(client)
        }),
    },
  }
}
