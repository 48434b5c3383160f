import { describe, expect, it, vi } from 'vitest'
import type { ApiError, Result } from '../../../src-shared/ipc'
import { PROFILE_CHANGED } from '../../../src-renderer/stores/active-profile'
import { useConfirmation } from '../../../src-renderer/composables/confirmation'

const REFUSED: ApiError = { type: 'user_session_not_found', code: 404, message: 'Session not found.' }
const refused: Result<never> = { ok: false, error: REFUSED }
const done: Result<null> = { ok: true, data: null }

describe('useConfirmation', () => {
  it('acts only once confirmed, keeps the dialog open with the reason when it fails, and closes when it works', async () => {
    const act = vi.fn<(id: string) => Promise<Result<null>>>().mockResolvedValueOnce(refused).mockResolvedValueOnce(done)
    const onDone = vi.fn()
    const removal = useConfirmation(act, onDone)

    await removal.confirm()
    expect(act).not.toHaveBeenCalled()

    removal.ask('session-2')
    expect(removal.open.value).toBe(true)
    expect(removal.item.value).toBe('session-2')
    expect(act).not.toHaveBeenCalled()

    await removal.confirm()
    expect(removal.open.value).toBe(true)
    expect(removal.error.value).toEqual(REFUSED)
    expect(onDone).not.toHaveBeenCalled()

    await removal.confirm()
    expect(act).toHaveBeenLastCalledWith('session-2')
    expect(removal.open.value).toBe(false)
    expect(onDone).toHaveBeenCalledWith('session-2')
  })

  it('forgets the last error when asked again', async () => {
    const removal = useConfirmation(
      async () => refused,
      () => undefined,
    )
    removal.ask('a')
    await removal.confirm()
    removal.ask('b')
    expect(removal.error.value).toBeNull()
    expect(removal.item.value).toBe('b')
  })

  it('closes without a word when the profile changed while it ran: the item was the old profile’s', async () => {
    const onDone = vi.fn()
    const removal = useConfirmation(async (): Promise<Result<null>> => ({ ok: false, error: PROFILE_CHANGED }), onDone)
    removal.ask('session-2')
    await removal.confirm()
    expect(removal.open.value).toBe(false)
    expect(removal.error.value).toBeNull()
    expect(onDone).not.toHaveBeenCalled()
  })
})
