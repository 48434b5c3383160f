/**
 * The handler table implementing src-shared/ipc.ts. Every argument is untrusted: it is parsed
 * with zod before any service sees it, and every outcome is a `Result` value.
 */
import { z } from 'zod'
import type { MethodKey, MethodSignature, Result } from '../../../src-shared/ipc'
import { CoreError, toApiError } from '../auth/errors'

type ArgOf<K extends MethodKey> = MethodSignature<K>['args'] extends [infer A] ? A : undefined

export interface MethodHandler<K extends MethodKey> {
  readonly args: z.ZodType<ArgOf<K>>
  run(args: ArgOf<K>): Promise<MethodSignature<K>['result']>
}

export type HandlerTable = { readonly [K in MethodKey]: MethodHandler<K> }

// Reusable argument shapes. Limits follow Appwrite's own (contract §3.2) so that we fail early
// with a clear message instead of sending something the server must refuse.
export const profileId = z.string().min(1).max(64)
export const email = z.string().trim().min(1, 'Enter an e-mail address.').max(320)
export const password = z.string().min(1, 'Enter a password.').max(256)
export const name = z.string().max(128)
export const noArgs = z.undefined()

/** Runs one call: validate, run, wrap. Unknown channels never reach here (see dispatch). */
export async function runHandler<K extends MethodKey>(handler: MethodHandler<K>, raw: unknown, log: (line: string) => void): Promise<Result<MethodSignature<K>['result']>> {
  const parsed = handler.args.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''
    const error = new CoreError('invalid_argument', `Invalid argument ${where}${issue?.message ?? 'not valid'}`)
    return { ok: false, error: toApiError(error) }
  }
  try {
    return { ok: true, data: await handler.run(parsed.data) }
  } catch (error) {
    const apiError = toApiError(error)
    if (apiError.type === 'internal_error') log(`internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    return { ok: false, error: apiError }
  }
}

/** Looks a profile up or fails with `no_profile`; returns the id for chaining. */
export function requireProfile(s: { readonly profiles: { get(id: string): unknown } }, id: string): string {
  if (!s.profiles.get(id)) throw new CoreError('no_profile')
  return id
}
