/**
 * What a person may type into the profile form, checked and put in one canonical shape before
 * the store sees it. The endpoint is the API root Appwrite's SDKs expect: an https URL (http only
 * on this machine) whose path ends in `/v1` (`https://cloud.appwrite.io` becomes
 * `https://cloud.appwrite.io/v1`).
 */
import { z } from 'zod'
import { REDIRECT_STRATEGIES, type ProfileInput, type RedirectStrategy } from '../../../src-shared/ipc'
import { appwriteCallbackProblem, endpointSchemeProblem } from '../../../src-shared/endpoint-rules'
import { APPWRITE_ID_PATTERN } from '../../../src-shared/appwrite-rules'

/** Appwrite's UID rule (appwrite-behaviour §3.2): ≤ 36 of `[A-Za-z0-9._-]`, not starting with `.`, `-`, `_`. */
/** Provider names are case-sensitive identifiers (`github`, `paypalSandbox`, `oidc`), appwrite-behaviour §7.3. */
const PROVIDER = /^[A-Za-z][A-Za-z0-9]{0,63}$/

/** Puts an endpoint in canonical form, or says in words what is wrong with it. */
export function normalizeEndpoint(raw: string): { ok: true; endpoint: string } | { ok: false; message: string } {
  const text = raw.trim()
  if (text === '') return { ok: false, message: 'Enter the endpoint, for example https://cloud.appwrite.io/v1.' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, message: 'The endpoint is not a valid URL (for example https://cloud.appwrite.io/v1).' }
  }
  const schemeProblem = endpointSchemeProblem(url)
  if (schemeProblem) return { ok: false, message: schemeProblem }
  if (url.username || url.password) return { ok: false, message: 'The endpoint must not contain a user name or password.' }
  if (url.search || url.hash) return { ok: false, message: 'The endpoint must not contain a query (?…) or fragment (#…).' }
  const path = url.pathname.replace(/\/+$/, '')
  const withVersion = /\/v1$/.test(path) ? path : `${path}/v1`
  return { ok: true, endpoint: `${url.protocol}//${url.host}${withVersion}` }
}

const redirectStrategy = z.enum(REDIRECT_STRATEGIES as unknown as [RedirectStrategy, ...RedirectStrategy[]])

/** The fields of `ProfileInput`, each validated and normalized (extend this, then add the check below). */
export const profileInputFields = z.strictObject({
  label: z.string().trim().min(1, 'Enter a name for the profile.').max(64, 'Keep the name under 64 characters.'),
  endpoint: z
    .string()
    .max(2048)
    .transform((value, ctx) => {
      const result = normalizeEndpoint(value)
      if (result.ok) return result.endpoint
      ctx.addIssue({ code: 'custom', message: result.message })
      return z.NEVER
    }),
  projectId: z.string().trim().regex(APPWRITE_ID_PATTERN, 'The project ID has up to 36 letters, digits, dots, dashes or underscores.'),
  redirectStrategy,
  oauthProviders: z
    .array(z.string().trim().regex(PROVIDER, 'An OAuth provider is a name such as github or oidc.'))
    .max(50)
    .transform((list) => [...new Set(list)]),
})

/** The strategy must suit the project: `appwrite-callback-<id>` has to be a valid URL scheme. */
export function checkRedirectStrategy(input: Pick<ProfileInput, 'redirectStrategy' | 'projectId'>, ctx: z.RefinementCtx): void {
  const problem = input.redirectStrategy === 'appwrite-callback' ? appwriteCallbackProblem(input.projectId) : null
  if (problem) ctx.addIssue({ code: 'custom', path: ['redirectStrategy'], message: problem })
}

/** The zod shape of `ProfileInput`: validates and normalizes in one pass. */
export const profileInput = profileInputFields.superRefine(checkRedirectStrategy) satisfies z.ZodType<ProfileInput>
