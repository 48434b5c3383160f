/** `auth.*`: signing in and out, and the flows that leave the app and come back (links, codes). */
import { z } from 'zod'
import { MAX_URL_LENGTH } from '../../auth/deep-link'
import { email, flowId, name, password, phone, profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, type Services } from '../services'

const remember = z.boolean().optional()
/** OTP codes are 6 digits (appwrite-behaviour §5); spaces people type between groups are dropped. */
const code = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9]{4,64}$/, 'Enter the code from the message.'))
const provider = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'Not an OAuth provider name.')
const scopes = z.array(z.string().min(1).max(4096)).max(100).optional()

export function authHandlers(s: Services): NamespaceHandlers<'auth'> {
  return {
    'auth.getState': {
      args: profileOnly,
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
      args: profileOnly,
      run: ({ profileId: id }) => s.auth.signOut(requireProfile(s, id)),
    },
    'auth.signOutEverywhere': {
      args: profileOnly,
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
    'auth.copyFlowUrl': {
      args: z.strictObject({ flowId }),
      run: async (a) => {
        await s.host.copyText(s.flows.browserUrl(a.flowId))
        return null
      },
    },
    'auth.cancelFlow': {
      args: z.strictObject({ flowId }),
      run: async (a) => s.flows.cancel(a.flowId),
    },
    'auth.requestRecovery': {
      args: z.strictObject({ profileId, email, phrase: z.boolean().optional() }),
      run: (a) => s.signIn.requestRecovery({ ...a, profileId: requireProfile(s, a.profileId) }),
    },
    'auth.completeRecovery': {
      args: z.strictObject({ flowId, password, code: code.optional() }),
      run: (a) => s.signIn.completeRecovery(a.flowId, a.password, a.code),
    },
  }
}
