/**
 * Where session secrets live. Only main-process code touches this; nothing stored here is
 * ever sent to the renderer or written to a file by us.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory'
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  /** Resolves true when something was deleted. */
  delete(key: string): Promise<boolean>
}

/** Secrets that live only as long as the process: the fallback when no keychain answers. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const
  readonly #values = new Map<string, string>()

  async get(key: string): Promise<string | null> {
    return this.#values.get(key) ?? null
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value)
  }

  async delete(key: string): Promise<boolean> {
    return this.#values.delete(key)
  }
}
