/** `auth.*`, `mailbox.*` and the MFA challenge step (`mfa.createChallenge`/`completeChallenge`). */
import { z } from 'zod'
import { MFA_FACTORS, type MfaFactor } from '../../../src-shared/appwrite'
import { MAX_URL_LENGTH } from '../auth/deep-link'
import type { HandlerTable } from './handlers'
import { email, name, password, profileId, requireProfile } from './handlers'
import type { Services } from './table'

type AuthKeys =
  | `auth.${'getState' | 'signUp' | 'signInWithPassword' | 'signInAnonymously' | 'sendEmailCode' | 'sendPhoneCode' | 'verifyCode' | 'sendMagicLink' | 'startOAuth' | 'completeFromLink' | 'getFlow' | 'cancelFlow' | 'requestRecovery' | 'completeRecovery' | 'signOut' | 'signOutEverywhere'}`
  | `mailbox.${'list' | 'openLink'}`
  | `mfa.${'createChallenge' | 'completeChallenge'}`

const remember = z.boolean().optional()
const flowId = z.string().min(1).max(64)
/** OTP codes are 6 digits (contract §5); spaces people type between groups are dropped. */
const code = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9]{4,64}$/, 'Enter the code from the message.'))
/** Appwrite's phone rule (contract §3.2): E.164 with a leading +. */
const phone = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Enter the number in international format, for example +14155550100.')
const provider = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'Not an OAuth provider name.')
const scopes = z.array(z.string().min(1).max(4096)).max(100).optional()
const factor = z.enum(MFA_FACTORS as unknown as [MfaFactor, ...MfaFactor[]])
/** MFA codes: 6 digits for TOTP, e-mail and SMS; 10 hex characters for a recovery code (contract §6). */
const otp = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().min(1, 'Enter the code.').max(256))

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
    'auth.signInAnonymously': {
      args: z.strictObject({ profileId, remember }),
      run: (a) => s.auth.signInAnonymously(requireProfile(s, a.profileId), { remember: a.remember }),
    },
    'auth.signOut': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.signOut(requireProfile(s, id)),
    },
    'auth.signOutEverywhere': {
      args: z.strictObject({ profileId }),
      run: ({ profileId: id }) => s.auth.signOutEverywhere(requireProfile(s, id)),
    },
    'auth.sendEmailCode': {
      args: z.strictObject({ profileId, email, phrase: z.boolean().optional(), remember }),
      run: (a) => s.signIn.sendEmailCode({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.sendPhoneCode': {
      args: z.strictObject({ profileId, phone, remember }),
      run: (a) => s.signIn.sendPhoneCode({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.verifyCode': {
      args: z.strictObject({ flowId, code }),
      run: (a) => s.signIn.verifyCode(a.flowId, a.code),
    },
    'auth.sendMagicLink': {
      args: z.strictObject({ profileId, email, phrase: z.boolean().optional(), remember }),
      run: (a) => s.signIn.sendMagicLink({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.startOAuth': {
      args: z.strictObject({ profileId, provider, scopes, remember }),
      run: (a) => s.signIn.startOAuth({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.completeFromLink': {
      args: z.strictObject({ url: z.string().trim().min(1, 'Paste the link.').max(MAX_URL_LENGTH, 'That link is too long.') }),
      run: (a) => s.links.receive(a.url),
    },
    'auth.getFlow': {
      args: z.strictObject({ flowId }),
      run: async (a) => s.flows.get(a.flowId),
    },
    'auth.cancelFlow': {
      args: z.strictObject({ flowId }),
      run: async (a) => s.flows.cancel(a.flowId),
    },
    'auth.requestRecovery': {
      args: z.strictObject({ profileId, email }),
      run: (a) => s.signIn.requestRecovery({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.completeRecovery': {
      args: z.strictObject({ flowId, password }),
      run: (a) => s.signIn.completeRecovery(a.flowId, a.password),
    },
    'mailbox.list': {
      args: z.strictObject({ profileId }),
      run: (a) => s.mailbox.list(requireProfile(s, a.profileId)),
    },
    'mailbox.openLink': {
      args: z.strictObject({ profileId, messageId: z.string().min(1).max(64), linkIndex: z.number().int().min(1).max(100) }),
      run: (a) => s.mailbox.openLink(requireProfile(s, a.profileId), a.messageId, a.linkIndex),
    },
    'mfa.createChallenge': {
      args: z.strictObject({ profileId, factor }),
      run: (a) => s.auth.createMfaChallenge(requireProfile(s, a.profileId), a.factor),
    },
    'mfa.completeChallenge': {
      args: z.strictObject({ profileId, challengeId: z.string().min(1).max(256), otp }),
      run: (a) => s.auth.completeMfaChallenge(requireProfile(s, a.profileId), a.challengeId, a.otp),
    },
  }
}
