/** `security.*`: the overview that names what to fix. */
import { loadSecurityOverview } from '../../account/security-overview'
import { profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { withProfileSession, type Services } from '../services'

export function securityHandlers(s: Services): NamespaceHandlers<'security'> {
  return {
    'security.getOverview': {
      args: profileOnly,
      run: async (a) => {
        const { capabilities } = await s.servers.get(a.profileId)
        return withProfileSession(s, a.profileId, (client) => loadSecurityOverview(client, () => s.host.now(), capabilities.accountLogs))
      },
    },
  }
}
