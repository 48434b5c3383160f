import { describe, expect, it, vi } from 'vitest'
import type { ApiError } from '../../../src-shared/ipc'
import { useConfirmation } from '../../../src-renderer/composables/confirmation'

const REFUSED: ApiError = { type: 'user_session_not_found', code: 404, message: 'Session not found.' }

describe('useConfirmation', () => {
  it('acts only once confirmed, keeps the dialog open with the reason when it fails, and closes when it works', async () => {
    const act = vi.fn<(id: string) => Promise<ApiError | null>>().mockResolvedValueOnce(REFUSED).mockResolvedValueOnce(null)
    const done = vi.fn()
    const removal = useConfirmation(act, done)

    await removal.confirm()
    expect(act).not.toHaveBeenCalled()

    removal.ask('session-2')
    expect(removal.open.value).toBe(true)
    expect(removal.item.value).toBe('session-2')
    expect(act).not.toHaveBeenCalled()

    await removal.confirm()
    expect(removal.open.value).toBe(true)
    expect(removal.error.value).toEqual(REFUSED)
    expect(done).not.toHaveBeenCalled()

    await removal.confirm()
    expect(act).toHaveBeenLastCalledWith('session-2')
    expect(removal.open.value).toBe(false)
    expect(done).toHaveBeenCalledWith('session-2')
  })

  it('forgets the last error when asked again', async () => {
    const removal = useConfirmation(async () => REFUSED, () => undefined)
    removal.ask('a')
    await removal.confirm()
    removal.ask('b')
    expect(removal.error.value).toBeNull()
    expect(removal.item.value).toBe('b')
  })
})
