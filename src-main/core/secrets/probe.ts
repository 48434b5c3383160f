/**
 * Start-up probe: write, read back and delete a throw-away entry. If any step fails (no Secret
 * Service, locked keyring, keytar missing) the app keeps running with memory-only sessions and
 * tells the user why, in the words of electron-practice §1.
 */
import type { KeychainStatus } from '../../../src-shared/ipc'
import { MemorySecretStore, type SecretStore } from './secret-store'

const PROBE_KEY = 'account-console-probe'

export interface ProbedStore {
  readonly store: SecretStore
  readonly status: KeychainStatus
}

export async function probeSecretStore(open: () => Promise<SecretStore>, timeoutMs = 5000): Promise<ProbedStore> {
  try {
    const store = await withTimeout(open(), timeoutMs)
    const marker = `probe-${Math.random().toString(36).slice(2)}`
    await withTimeout(store.set(PROBE_KEY, marker), timeoutMs)
    const read = await withTimeout(store.get(PROBE_KEY), timeoutMs)
    await withTimeout(store.delete(PROBE_KEY), timeoutMs)
    if (read !== marker) throw new Error('the keychain returned a different value than was stored')
    return { store, status: { kind: store.kind, reason: store.kind === 'memory' ? 'This app was started with memory-only sessions.' : '' } }
  } catch (error) {
    return {
      store: new MemorySecretStore(),
      status: { kind: 'memory', reason: explainKeychainFailure(error) },
    }
  }
}

/**
 * Turns keytar/libsecret errors into one sentence on the cause, for the banner. What it means for
 * the session (kept in memory until restart, or until the keychain answers) is the banner's own
 * sentence, so the window says it once.
 */
export function explainKeychainFailure(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  if (/org\.freedesktop\.secrets|not provided by any \.service/i.test(raw)) {
    return 'No keychain service (Secret Service) is running on this system. Install and start one, such as GNOME Keyring or KWallet.'
  }
  if (/locked collection|Object does not exist at path|no result found/i.test(raw)) {
    return 'The system keychain is locked. Unlock it (for example by signing in to your desktop session) and restart the app.'
  }
  if (/D-Bus|DBus|DISPLAY/i.test(raw)) {
    return 'The system keychain cannot be reached because no desktop session bus is available.'
  }
  if (/timed out/i.test(raw)) {
    return 'The system keychain did not answer in time.'
  }
  if (/Cannot find module|keytar/i.test(raw)) {
    return 'The keychain module could not be loaded on this system.'
  }
  return `The system keychain is not available (${raw.slice(0, 200)}).`
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keychain timed out after ${ms} ms`)), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e instanceof Error ? e : new Error(String(e)))
      },
    )
  })
}
