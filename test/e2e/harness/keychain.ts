/** Reads the real OS keychain from the test process (same session bus as the app under test). */
import { KEYCHAIN_SERVICE } from '../../../src-main/core/secrets/keytar-store'

interface KeytarCredentials {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export async function keychainEntries(): Promise<Array<{ account: string; password: string }>> {
  const mod = (await import('keytar')) as KeytarCredentials & { default?: KeytarCredentials }
  return (mod.default ?? mod).findCredentials(KEYCHAIN_SERVICE)
}

/** The stored session value for a user, and the secret inside it (appwrite-behaviour §1.3). */
export async function storedSessionFor(userId: string): Promise<{ value: string; secret: string } | null> {
  const entry = (await keychainEntries()).find((e) => e.account.endsWith(`|${userId}`))
  if (!entry) return null
  const decoded = JSON.parse(Buffer.from(entry.password, 'base64').toString('utf8')) as { id: string; secret: string }
  return { value: entry.password, secret: decoded.secret }
}
