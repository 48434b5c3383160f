import { describe, expect, it } from 'vitest'
import { explainKeychainFailure, probeSecretStore } from '../../../src-main/core/secrets/probe'
import { MemorySecretStore, type SecretStore } from '../../../src-main/core/secrets/secret-store'

class FailingStore implements SecretStore {
  readonly kind = 'keychain' as const
  constructor(private readonly message: string) {}
  get(): Promise<string | null> {
    return Promise.reject(new Error(this.message))
  }
  set(): Promise<void> {
    return Promise.reject(new Error(this.message))
  }
  delete(): Promise<boolean> {
    return Promise.reject(new Error(this.message))
  }
}

describe('probeSecretStore', () => {
  it('keeps a store that writes, reads back and deletes', async () => {
    const store = new MemorySecretStore()
    const probed = await probeSecretStore(async () => store)
    expect(probed.store).toBe(store)
    expect(probed.status.kind).toBe('memory')
    expect(await store.get('account-console-probe')).toBeNull() // the probe cleaned up
  })

  it('reports a working keychain as the keychain', async () => {
    const keychainLike: SecretStore = Object.assign(new MemorySecretStore(), { kind: 'keychain' as const })
    const probed = await probeSecretStore(async () => keychainLike)
    expect(probed.status).toEqual({ kind: 'keychain', reason: '' })
  })

  it('falls back to memory with a reason when the keychain cannot be opened', async () => {
    const probed = await probeSecretStore(async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
    })
    expect(probed.store.kind).toBe('memory')
    expect(probed.status).toEqual({ kind: 'memory', reason: expect.stringContaining('no desktop session bus') })
  })

  it('falls back to memory when writes fail (locked keyring)', async () => {
    const probed = await probeSecretStore(async () => new FailingStore('Cannot create an item in a locked collection'))
    expect(probed.store.kind).toBe('memory')
    expect(probed.status.reason).toContain('locked')
  })

  it('falls back when the keychain never answers', async () => {
    const hanging: SecretStore = { kind: 'keychain', get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => new Promise(() => {}) }
    const probed = await probeSecretStore(async () => hanging, 50)
    expect(probed.status).toMatchObject({ kind: 'memory', reason: expect.stringContaining('did not answer') })
  })

  it.each([
    ['The name org.freedesktop.secrets was not provided by any .service files', 'No keychain service'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ["Cannot find module 'keytar'", 'could not be loaded'],
    ['something else entirely', 'not available (something else entirely)'],
  ])('explains %s', (raw, expected) => {
    const text = explainKeychainFailure(new Error(raw))
    expect(text).toContain(expected)
    // The cause only: the banner says once what it means for the session.
    expect(text).not.toContain('memory')
    expect(text.match(/\. |\.$/g)?.length ?? 0).toBeLessThanOrEqual(2)
  })
})
