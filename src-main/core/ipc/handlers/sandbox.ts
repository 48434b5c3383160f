/** `sandbox.*`: the Local sandbox's project settings, changed in-process (sandbox/sandbox-settings.ts). */
import { z } from 'zod'
import { SANDBOX_AUTH_METHODS, SANDBOX_LIMITS } from '../../../../src-shared/sandbox-settings'
import { profileId, profileOnly } from '../args'
import type { NamespaceHandlers } from '../handler'
import type { Services } from '../services'

const between = (limits: { readonly min: number; readonly max: number }) => z.number().int().min(limits.min).max(limits.max)

const authMethods = z.strictObject(
  Object.fromEntries(SANDBOX_AUTH_METHODS.map((m) => [m, z.boolean().optional()])) as Record<
    (typeof SANDBOX_AUTH_METHODS)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
)

const provider = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'Expected an Appwrite provider id such as github.'),
  enabled: z.boolean(),
  appId: z.string().max(256).optional(),
  secret: z.string().max(4096).optional(),
})

const patch = z.strictObject({
  authMethods: authMethods.optional(),
  passwordHistory: between(SANDBOX_LIMITS.passwordHistory).optional(),
  passwordDictionary: z.boolean().optional(),
  personalDataCheck: z.boolean().optional(),
  sessionDuration: between(SANDBOX_LIMITS.sessionDuration).optional(),
  sessionLimit: between(SANDBOX_LIMITS.sessionLimit).optional(),
  invalidateSessions: z.boolean().optional(),
  localProvider: z.boolean().optional(),
  oauthProviders: z.array(provider).max(50).optional(),
})

export function sandboxHandlers(s: Services): NamespaceHandlers<'sandbox'> {
  return {
    'sandbox.getSettings': {
      args: profileOnly,
      run: async (a) => s.sandboxSettings.get(a.profileId),
    },
    'sandbox.updateSettings': {
      args: z.strictObject({ profileId, settings: patch }),
      run: async (a) => s.sandboxSettings.update(a.profileId, a.settings),
    },
  }
}
