/**
 * Test support: what an authenticator app shows for a TOTP secret, computed with the same otpauth
 * library such an app would use (SHA-1, 6 digits, 30-s steps, as Appwrite enrols them).
 */
import { Secret, TOTP } from 'otpauth'

/**
 * The current TOTP code. If the 30-s window is about to roll over, wait (polling) for the next one
 * so the server sees the same step.
 */
export async function totpNow(secret: string): Promise<string> {
  const deadline = Date.now() + 35_000
  while (TOTP.remaining({ period: 30 }) < 3_000) {
    if (Date.now() > deadline) throw new Error('TOTP window never settled')
    await new Promise((r) => setTimeout(r, 50))
  }
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
}
