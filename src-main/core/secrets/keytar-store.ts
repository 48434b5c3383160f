/**
 * The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Vault on
 * Windows). keytar is loaded lazily so that a machine without libsecret can still start the app
 * and fall back to memory (see probe.ts).
 */
import type { SecretStore } from './secret-store'

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export const KEYCHAIN_SERVICE = 'Account Console'

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const

  constructor(
    private readonly keytar: KeytarModule,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  get(key: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, key)
  }

  set(key: string, value: string): Promise<void> {
    return this.keytar.setPassword(this.service, key, value)
  }

  delete(key: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, key)
  }
}

/** Loads the native module; throws with keytar's own message when it cannot load. */
export async function loadKeytar(): Promise<KeytarModule> {
  const mod = (await import('keytar')) as KeytarModule & { default?: KeytarModule }
  return mod.default ?? mod
}
