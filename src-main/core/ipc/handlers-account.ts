/** `account.*`, `prefs.*`, `sessions.*`, `developer.*`, `security.*`. */
import type { HandlerTable } from './handlers'
import { pendingHandler } from './pending'
import type { Services } from './table'

type AccountKeys =
  | `account.${'get' | 'updateName' | 'updateEmail' | 'updatePhone' | 'updatePassword' | 'sendEmailVerification' | 'sendPhoneVerification' | 'confirmPhoneVerification' | 'block'}`
  | `prefs.${'get' | 'update'}`
  | `sessions.${'list' | 'remove' | 'removeOthers' | 'extendCurrent'}`
  | 'developer.createJwt'
  | 'security.getOverview'

export function accountHandlers(_s: Services): Pick<HandlerTable, AccountKeys> {
  return {
    'account.get': pendingHandler('account.get'),
    'account.updateName': pendingHandler('account.updateName'),
    'account.updateEmail': pendingHandler('account.updateEmail'),
    'account.updatePhone': pendingHandler('account.updatePhone'),
    'account.updatePassword': pendingHandler('account.updatePassword'),
    'account.sendEmailVerification': pendingHandler('account.sendEmailVerification'),
    'account.sendPhoneVerification': pendingHandler('account.sendPhoneVerification'),
    'account.confirmPhoneVerification': pendingHandler('account.confirmPhoneVerification'),
    'account.block': pendingHandler('account.block'),
    'prefs.get': pendingHandler('prefs.get'),
    'prefs.update': pendingHandler('prefs.update'),
    'sessions.list': pendingHandler('sessions.list'),
    'sessions.remove': pendingHandler('sessions.remove'),
    'sessions.removeOthers': pendingHandler('sessions.removeOthers'),
    'sessions.extendCurrent': pendingHandler('sessions.extendCurrent'),
    'developer.createJwt': pendingHandler('developer.createJwt'),
    'security.getOverview': pendingHandler('security.getOverview'),
  }
}
