/** `logs.*`, `identities.*`, `mfa.*` (enrolment and recovery codes), `targets.*`. */
import type { HandlerTable } from './handlers'
import { pendingHandler } from './pending'
import type { Services } from './table'

type ActivityKeys =
  | `logs.${'list' | 'exportCsv'}`
  | `identities.${'list' | 'remove'}`
  | `mfa.${'getFactors' | 'createAuthenticator' | 'verifyAuthenticator' | 'removeAuthenticator' | 'createRecoveryCodes' | 'getRecoveryCodes' | 'regenerateRecoveryCodes' | 'saveRecoveryCodes' | 'setEnabled'}`
  | `targets.${'list' | 'createPush' | 'updatePush' | 'removePush'}`

export function activityHandlers(_s: Services): Pick<HandlerTable, ActivityKeys> {
  return {
    'logs.list': pendingHandler('logs.list'),
    'logs.exportCsv': pendingHandler('logs.exportCsv'),
    'identities.list': pendingHandler('identities.list'),
    'identities.remove': pendingHandler('identities.remove'),
    'mfa.getFactors': pendingHandler('mfa.getFactors'),
    'mfa.createAuthenticator': pendingHandler('mfa.createAuthenticator'),
    'mfa.verifyAuthenticator': pendingHandler('mfa.verifyAuthenticator'),
    'mfa.removeAuthenticator': pendingHandler('mfa.removeAuthenticator'),
    'mfa.createRecoveryCodes': pendingHandler('mfa.createRecoveryCodes'),
    'mfa.getRecoveryCodes': pendingHandler('mfa.getRecoveryCodes'),
    'mfa.regenerateRecoveryCodes': pendingHandler('mfa.regenerateRecoveryCodes'),
    'mfa.saveRecoveryCodes': pendingHandler('mfa.saveRecoveryCodes'),
    'mfa.setEnabled': pendingHandler('mfa.setEnabled'),
    'targets.list': pendingHandler('targets.list'),
    'targets.createPush': pendingHandler('targets.createPush'),
    'targets.updatePush': pendingHandler('targets.updatePush'),
    'targets.removePush': pendingHandler('targets.removePush'),
  }
}
