/** `auth.*`, `mailbox.*` and the MFA challenge step (`mfa.createChallenge`/`completeChallenge`). */
import { z } from 'zod'
import type { HandlerTable } from './handlers'
import { email, name, password, profileId, requireProfile } from './handlers'
import { pendingHandler } from './pending'
import type { Services } from './table'

type AuthKeys =
  | `auth.${'getState' | 'signUp' | 'signInWithPassword' | 'signInAnonymously' | 'sendEmailCode' | 'sendPhoneCode' | 'verifyCode' | 'sendMagicLink' | 'startOAuth' | 'completeFromLink' | 'getFlow' | 'cancelFlow' | 'requestRecovery' | 'completeRecovery' | 'signOut' | 'signOutEverywhere'}`
  | `mailbox.${'list' | 'openLink'}`
  | `mfa.${'createChallenge' | 'completeChallenge'}`

const remember = z.boolean().optional()

export function authHandlers(s: Services): Pick<HandlerTable, AuthKeys> {
  return {
    'auth.getState': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.getState(requireProfile(s, id)),
    },
    'auth.signUp': {
      args: z.strictObject({ profileId, name, email, password, remember }),
      run: (a) => s.auth.signUp({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.signInWithPassword': {
      args: z.strictObject({ profileId, email, password, remember }),
      run: (a) => s.auth.signInWithPassword({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.signOut': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.signOut(requireProfile(s, id)),
    },
    'auth.signInAnonymously': pendingHandler('auth.signInAnonymously'),
    'auth.sendEmailCode': pendingHandler('auth.sendEmailCode'),
    'auth.sendPhoneCode': pendingHandler('auth.sendPhoneCode'),
    'auth.verifyCode': pendingHandler('auth.verifyCode'),
    'auth.sendMagicLink': pendingHandler('auth.sendMagicLink'),
    'auth.startOAuth': pendingHandler('auth.startOAuth'),
    'auth.completeFromLink': pendingHandler('auth.completeFromLink'),
    'auth.getFlow': pendingHandler('auth.getFlow'),
    'auth.cancelFlow': pendingHandler('auth.cancelFlow'),
    'auth.requestRecovery': pendingHandler('auth.requestRecovery'),
    'auth.completeRecovery': pendingHandler('auth.completeRecovery'),
    'auth.signOutEverywhere': pendingHandler('auth.signOutEverywhere'),
    'mailbox.list': pendingHandler('mailbox.list'),
    'mailbox.openLink': pendingHandler('mailbox.openLink'),
    'mfa.createChallenge': pendingHandler('mfa.createChallenge'),
    'mfa.completeChallenge': pendingHandler('mfa.completeChallenge'),
  }
}
