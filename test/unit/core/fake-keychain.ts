import type { SecretStore } from '../../../src-main/core/secrets/secret-store'

/**
 * A stand-in for the OS keychain in core tests: reports itself as a keychain (so sessions are
 * "remembered") and lets a test read what was stored.
 */
export class FakeKeychain implements SecretStore {
  readonly kind = 'keychain' as const
  readonly values = new Map<string, string>()
  /** Set to make every call throw, as keytar does with a locked collection or no daemon. */
  failure: Error | null = null

  async get(key: string): Promise<string | null> {
    if (this.failure) throw this.failure
    return this.values.get(key) ?? null
  }

  async set(key: string, value: string): Promise<void> {
    if (this.failure) throw this.failure
    this.values.set(key, value)
  }

  async delete(key: string): Promise<boolean> {
    if (this.failure) throw this.failure
    return this.values.delete(key)
  }
}
