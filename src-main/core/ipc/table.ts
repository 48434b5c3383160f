/**
 * Which handler answers which contract method: one module per contract namespace. The object is
 * typed as the full HandlerTable, so a method in src-shared/ipc.ts without a handler is a compile
 * error.
 */
import type { HandlerTable } from './handler'
import { accountHandlers } from './handlers/account'
import { alertsHandlers } from './handlers/alerts'
import { appHandlers } from './handlers/app'
import { authHandlers } from './handlers/auth'
import { consentsHandlers } from './handlers/consents'
import { developerHandlers } from './handlers/developer'
import { identitiesHandlers } from './handlers/identities'
import { logsHandlers } from './handlers/logs'
import { mailboxHandlers } from './handlers/mailbox'
import { mfaHandlers } from './handlers/mfa'
import { prefsHandlers } from './handlers/prefs'
import { profilesHandlers } from './handlers/profiles'
import { securityHandlers } from './handlers/security'
import { sandboxHandlers } from './handlers/sandbox'
import { serverHandlers } from './handlers/server'
import { sessionsHandlers } from './handlers/sessions'
import { targetsHandlers } from './handlers/targets'
import type { Services } from './services'

export function createHandlerTable(s: Services): HandlerTable {
  return {
    ...appHandlers(s),
    ...profilesHandlers(s),
    ...authHandlers(s),
    ...mailboxHandlers(s),
    ...accountHandlers(s),
    ...prefsHandlers(s),
    ...sessionsHandlers(s),
    ...logsHandlers(s),
    ...identitiesHandlers(s),
    ...mfaHandlers(s),
    ...targetsHandlers(s),
    ...developerHandlers(s),
    ...securityHandlers(s),
    ...consentsHandlers(s),
    ...alertsHandlers(s),
    ...serverHandlers(s),
    ...sandboxHandlers(s),
  }
}
