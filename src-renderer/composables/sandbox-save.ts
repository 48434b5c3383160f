import type { SandboxSettingsPatch } from '../../src-shared/ipc'
import { describeError } from '../errors'
import { useSandboxStore } from '../stores/sandbox'
import { useToasts } from './toasts'

/**
 * One change to the Local sandbox's settings, as the Sandbox screen's cards make them: `part` names
 * what is busy meanwhile; the toast says `done`, or why the sandbox refused. True when it was saved.
 */
export function useSandboxSave(): (part: string, patch: SandboxSettingsPatch, done: string) => Promise<boolean> {
  const sandbox = useSandboxStore()
  const { show } = useToasts()
  return async (part, patch, done) => {
    const result = await sandbox.update(part, patch)
    if (!result.ok) {
      show(describeError(result.error), 'error')
      return false
    }
    show(done)
    return true
  }
}
