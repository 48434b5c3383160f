/** `targets.*`: where messages reach the account (e-mail, SMS, push); push targets are ours to manage. */
import { z } from 'zod'
import type { Target } from '../../../../src-shared/appwrite'
import { ignoreAppwrite, type AccountClient } from '../../appwrite'
import { appwriteId, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

/** Push identifiers are device tokens: Appwrite takes up to 255 characters. */
const pushIdentifier = z.string().trim().min(1, 'Enter the device token.').max(255)

/** The account's targets (e-mail, SMS and push) come with the Account model (appwrite-behaviour §4). */
async function allTargets(client: AccountClient): Promise<readonly Target[]> {
  return (await client.get()).targets
}

export function targetsHandlers(s: Services): NamespaceHandlers<'targets'> {
  return {
    'targets.list': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, allTargets),
    },
    'targets.createPush': {
      args: z.strictObject({ profileId, identifier: pushIdentifier, providerId: appwriteId.optional() }),
      run: (a) =>
        withProfileSession(s, a.profileId, (client) =>
          client.createPushTarget({ targetId: 'unique()', identifier: a.identifier, ...(a.providerId ? { providerId: a.providerId } : {}) }),
        ),
    },
    'targets.updatePush': {
      args: z.strictObject({ profileId, targetId: appwriteId, identifier: pushIdentifier }),
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updatePushTarget({ targetId: a.targetId, identifier: a.identifier })),
    },
    'targets.removePush': {
      args: z.strictObject({ profileId, targetId: appwriteId }),
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          // Already gone (a retry after a lost answer, or removed elsewhere) is what was asked for.
          await client.deletePushTarget({ targetId: a.targetId }).catch(ignoreAppwrite('user_target_not_found'))
          return allTargets(client)
        }),
    },
  }
}
