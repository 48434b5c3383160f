/** `account.*`: the signed-in account's own fields, their verification, and blocking it. */
import { z } from 'zod'
import { blockAccount } from '../../account/block-account'
import {
  confirmEmailVerification,
  confirmPhoneVerification,
  sendEmailVerification,
  sendEmailVerificationCode,
  sendPhoneVerification,
} from '../../account/verification'
import { email, flowId, name, password, phone, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, withProfileSession, type Services } from '../services'

const code = z.string().trim().min(1, 'Enter the code.').max(256)

export function accountHandlers(s: Services): NamespaceHandlers<'account'> {
  return {
    'account.get': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, (client) => client.get()),
    },
    'account.updateName': {
      args: z.strictObject({ profileId, name: name.trim() }),
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updateName({ name: a.name })),
    },
    'account.updateEmail': {
      args: z.strictObject({ profileId, email, password }),
      // For an account without a password (anonymous, magic link, OAuth) Appwrite sets this
      // password instead of checking it, which makes an anonymous account permanent (§3.2).
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updateEmail({ email: a.email, password: a.password })),
    },
    'account.updatePhone': {
      args: z.strictObject({ profileId, phone, password }),
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updatePhone({ phone: a.phone, password: a.password })),
    },
    'account.updatePassword': {
      args: z.strictObject({ profileId, password, oldPassword: password.optional() }),
      run: (a) =>
        withProfileSession(s, a.profileId, (client) =>
          client.updatePassword(a.oldPassword === undefined ? { password: a.password } : { password: a.password, oldPassword: a.oldPassword }),
        ),
    },
    'account.sendEmailVerification': {
      args: profileOnly,
      run: (a) => sendEmailVerification(s, requireProfile(s, a.profileId)),
    },
    'account.sendEmailVerificationCode': {
      args: z.strictObject({ profileId, phrase: z.boolean().optional() }),
      run: (a) => sendEmailVerificationCode(s, requireProfile(s, a.profileId), a.phrase === true),
    },
    'account.confirmEmailVerification': {
      args: z.strictObject({ flowId, code }),
      run: (a) => confirmEmailVerification(s, a.flowId, a.code),
    },
    'account.sendPhoneVerification': {
      args: profileOnly,
      run: (a) => sendPhoneVerification(s, requireProfile(s, a.profileId)),
    },
    'account.confirmPhoneVerification': {
      args: z.strictObject({ flowId, code }),
      run: (a) => confirmPhoneVerification(s, a.flowId, a.code),
    },
    'account.block': {
      args: profileOnly,
      run: (a) => blockAccount(s.host, s.auth, requireProfile(s, a.profileId)),
    },
  }
}
