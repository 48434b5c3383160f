/**
 * `mfa.*`: the challenge at sign-in, and the account's second factors (authenticator, recovery
 * codes, on/off). Appwrite's refusals (for example `user_challenge_required` on removing the
 * authenticator, appwrite-behaviour §6) come back as error values unchanged; the screen decides what to do.
 */
import { z } from 'zod'
import { MFA_FACTORS, type MfaFactor } from '../../../../src-shared/appwrite'
import { recoveryCodesFile } from '../../activity/recovery-codes-file'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import { requireProfile, withProfileSession, type Services } from '../services'

const factor = z.enum(MFA_FACTORS as unknown as [MfaFactor, ...MfaFactor[]])
/** MFA codes: 6 digits for TOTP, e-mail and SMS; 10 hex characters for a recovery code (appwrite-behaviour §6). */
const otp = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().min(1, 'Enter the code.').max(256))
const totpCode = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code.')
/** Recovery codes are 10 hex characters in Appwrite; accept any short code of letters and digits. */
const recoveryCode = z.string().regex(/^[A-Za-z0-9]{1,64}$/)

export function mfaHandlers(s: Services): NamespaceHandlers<'mfa'> {
  return {
    'mfa.createChallenge': {
      args: z.strictObject({ profileId, factor }),
      run: (a) => s.auth.createMfaChallenge(requireProfile(s, a.profileId), a.factor),
    },
    'mfa.completeChallenge': {
      args: z.strictObject({ profileId, challengeId: z.string().min(1).max(256), otp }),
      run: (a) => s.auth.completeMfaChallenge(requireProfile(s, a.profileId), a.challengeId, a.otp),
    },
    'mfa.getFactors': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, (client) => client.listMfaFactors()),
    },
    'mfa.createAuthenticator': {
      args: profileOnly,
      // The secret and otpauth URI go to the screen on purpose: the person needs them to enrol.
      run: (a) => withProfileSession(s, a.profileId, (client) => client.createMfaAuthenticator({ type: 'totp' })),
    },
    'mfa.verifyAuthenticator': {
      args: z.strictObject({ profileId, otp: totpCode }),
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updateMfaAuthenticator({ type: 'totp', otp: a.otp })),
    },
    'mfa.removeAuthenticator': {
      args: profileOnly,
      run: (a) =>
        withProfileSession(s, a.profileId, async (client) => {
          await client.deleteMfaAuthenticator({ type: 'totp' })
          return client.listMfaFactors()
        }),
    },
    'mfa.createRecoveryCodes': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, (client) => client.createMfaRecoveryCodes()),
    },
    'mfa.regenerateRecoveryCodes': {
      args: profileOnly,
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updateMfaRecoveryCodes()),
    },
    'mfa.saveRecoveryCodes': {
      args: z.strictObject({ profileId, codes: z.array(recoveryCode).min(1).max(32) }),
      run: async (a) => {
        const profile = s.profiles.get(requireProfile(s, a.profileId))
        const path = await s.host.saveFile({
          title: 'Save recovery codes',
          defaultName: `recovery-codes-${profile?.projectId ?? 'appwrite'}.txt`,
          content: recoveryCodesFile({
            codes: a.codes,
            profileLabel: profile?.label ?? '',
            endpoint: profile?.endpoint ?? '',
            projectId: profile?.projectId ?? '',
            savedAt: new Date(s.host.now()),
          }),
          filters: [{ name: 'Text', extensions: ['txt'] }],
        })
        return { path }
      },
    },
    'mfa.setEnabled': {
      args: z.strictObject({ profileId, enabled: z.boolean() }),
      run: (a) => withProfileSession(s, a.profileId, (client) => client.updateMFA({ mfa: a.enabled })),
    },
  }
}
