/**
 * The app's data folder holds which accounts are signed in where (profiles.json), the pending
 * sign-ins and the embedded sandbox (JWT key, TOTP secrets, outbox): only its owner may read it
 * (issue 10 item 7). Folder 0700, our files 0600 — also when they already exist with looser modes
 * (earlier versions, or Electron, created the folder 0755). The sandbox tightens its own folder
 * and database (src-server/store/database.ts).
 */
import { chmod, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'

export const PRIVATE_FOLDER_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** The files this app writes in the data folder (with their `.tmp` and `.unreadable-…` siblings). */
const OWN_FILE = /^(profiles|profiles\.last-good|pending-flows|alerts)\.json(\.tmp|\.unreadable-\d+)?$/

/**
 * Creates the data folder 0700 or tightens an existing one, and tightens the app's own files in
 * it. Other files there (Chromium's, in the shell's userData) are left as their owner made them.
 */
export async function securePrivateDataFolder(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  await chmod(dataDir, PRIVATE_FOLDER_MODE)
  const entries = await readdir(dataDir, { withFileTypes: true })
  await Promise.all(entries.filter((e) => e.isFile() && OWN_FILE.test(e.name)).map((e) => chmod(join(dataDir, e.name), PRIVATE_FILE_MODE)))
}
