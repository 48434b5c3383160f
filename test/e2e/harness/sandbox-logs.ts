/**
 * Activity for a sandbox user, written straight into the app's sandbox database the way the
 * sandbox's audit writer stores it (src-server/domain/audit.ts): realistic events from a few
 * devices, spread over recent days, newest last written. Used by the Activity journeys and the
 * renderer benchmark (10,000 entries), where producing that many entries through the API would
 * take minutes and trip Appwrite's rate limits.
 */
import { join } from 'node:path'
import { parseDevice } from '../../../src-server/domain/device'
import { openDatabase } from '../../../src-server/store/database'

const EVENTS = [
  'session.create',
  'session.create',
  'session.delete',
  'user.update',
  'challenge.create',
  'challenges.update',
  'verification.create',
  'recovery.create',
] as const

const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
] as const

export interface SeedOptions {
  /** Days the entries are spread over, ending now. Default 14. */
  readonly days?: number
}

/** The sandbox's user id for `email` (the app's data folder holds the sandbox database). */
export function sandboxUserId(appDataDir: string, email: string): string {
  const db = openDatabase(join(appDataDir, 'sandbox'))
  try {
    const row = db.prepare('SELECT id FROM users WHERE email = ?').get(email.toLowerCase()) as { id: string } | undefined
    if (!row) throw new Error(`no sandbox user with e-mail ${email}`)
    return row.id
  } finally {
    db.close()
  }
}

/** How many log entries the user with `email` has now. */
export function activityCount(appDataDir: string, email: string): number {
  const userId = sandboxUserId(appDataDir, email)
  const db = openDatabase(join(appDataDir, 'sandbox'))
  try {
    return Number((db.prepare('SELECT COUNT(*) AS n FROM logs WHERE userId = ?').get(userId) as { n: number }).n)
  } finally {
    db.close()
  }
}

/** Writes `count` log entries for the user with `email`; returns how many events of each kind. */
export function seedActivity(appDataDir: string, email: string, count: number, options: SeedOptions = {}): Map<string, number> {
  const userId = sandboxUserId(appDataDir, email)
  const devices = USER_AGENTS.map((ua) => JSON.stringify(parseDevice(ua)))
  const span = (options.days ?? 14) * 86_400_000
  const now = Date.now()
  const tally = new Map<string, number>()
  const db = openDatabase(join(appDataDir, 'sandbox'))
  try {
    const insert = db.prepare(
      `INSERT INTO logs (userId, event, resource, userName, userEmail, mode, ip, time, userAgent, device, countryCode)
       VALUES (?, ?, ?, 'Seeded', ?, 'default', ?, ?, ?, ?, '--')`,
    )
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const event = EVENTS[(i * 7 + (i >> 3)) % EVENTS.length] as string
        const device = i % USER_AGENTS.length
        // Oldest first, so the newest entry is written last (Appwrite lists by sequence, newest first).
        const time = now - span + Math.floor((span * (i + 1)) / (count + 1))
        insert.run(userId, event, `user/${userId}`, email, `192.0.2.${(i % 200) + 1}`, time, USER_AGENTS[device], devices[device])
        tally.set(event, (tally.get(event) ?? 0) + 1)
      }
    })()
  } finally {
    db.close()
  }
  return tally
}
