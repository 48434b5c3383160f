/**
 * Placeholder for contract methods whose core side is being built (issues #4 and #5). The
 * renderer gets a clear error value instead of a missing channel. None may remain when an issue
 * is closed: `grep -rn pendingHandler src-main` must come back empty.
 */
import { z } from 'zod'
import type { MethodKey } from '../../../src-shared/ipc'
import { CoreError } from '../auth/errors'
import type { MethodHandler } from './handlers'

export function pendingHandler<K extends MethodKey>(key: K): MethodHandler<K> {
  return {
    args: z.any(),
    run: async () => {
      throw new CoreError('internal_error', `${key} is not available in this build yet.`)
    },
  }
}
