/**
 * What a handler is, and how one call runs. Every argument is untrusted: it is parsed with zod
 * before any service sees it, and every outcome is a `Result` value.
 */
import type { z } from 'zod'
import type { MethodKey, MethodNamespace, MethodSignature, Result } from '../../../src-shared/ipc'
import { CoreError, toApiError } from '../auth/errors'

type ArgOf<K extends MethodKey> = MethodSignature<K>['args'] extends [infer A] ? A : undefined

export interface MethodHandler<K extends MethodKey> {
  readonly args: z.ZodType<ArgOf<K>>
  run(args: ArgOf<K>): Promise<MethodSignature<K>['result']>
}

export type HandlerTable = { readonly [K in MethodKey]: MethodHandler<K> }

/** One namespace's slice of the table, its method names taken from the contract (`'mfa'` → `'mfa.getFactors' | …`). */
export type NamespaceHandlers<N extends MethodNamespace> = Pick<HandlerTable, Extract<MethodKey, `${N}.${string}`>>

/** Runs one call: validate, run, wrap. Unknown channels never reach here (see dispatch). */
export async function runHandler<K extends MethodKey>(
  handler: MethodHandler<K>,
  raw: unknown,
  log: (line: string) => void,
): Promise<Result<MethodSignature<K>['result']>> {
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
    if (apiError.type === 'internal_error') log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return { ok: false, error: apiError }
  }
}
