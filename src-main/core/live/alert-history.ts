/**
 * The recent sign-in alerts of each profile, kept in `alerts.json` in the data folder (0600, like
 * every file of ours) so the security overview still lists them after a restart. At most
 * `ALERT_HISTORY_LIMIT` per profile, newest first; forgotten with the profile. What is kept is what
 * the window sees anyway — kind, time, and for sign-ins the session without its secret (browser,
 * OS, device, IP, country) — never a session value or token.
 */
import { join } from 'node:path'
import { ALERT_HISTORY_LIMIT, ALERT_KINDS, type AlertDTO, type AlertKind, type SessionDTO } from '../../../src-shared/ipc'
import { JsonFileWriter, readJsonFile } from '../storage/json-file'

const FILE_NAME = 'alerts.json'

interface AlertFile {
  readonly version: 1
  readonly profiles: Readonly<Record<string, readonly AlertDTO[]>>
}

export class AlertHistory {
  #state: AlertFile
  readonly #file: JsonFileWriter

  private constructor(dataDir: string, state: AlertFile) {
    this.#state = state
    this.#file = new JsonFileWriter(join(dataDir, FILE_NAME))
  }

  /** Reads the file; a missing one starts empty, an unreadable one is set aside (and said in the log). */
  static async open(dataDir: string, log: (line: string) => void): Promise<AlertHistory> {
    const read = await readJsonFile(join(dataDir, FILE_NAME), parseAlertFile)
    if (read.kind === 'set-aside') log(`the alert history could not be read and was set aside as ${read.aside}`)
    return new AlertHistory(dataDir, read.kind === 'read' ? read.value : { version: 1, profiles: {} })
  }

  list(profileId: string): readonly AlertDTO[] {
    return this.#state.profiles[profileId] ?? []
  }

  async add(alert: AlertDTO): Promise<void> {
    const kept = [alert, ...this.list(alert.profileId)].slice(0, ALERT_HISTORY_LIMIT)
    await this.#save({ ...this.#state.profiles, [alert.profileId]: kept })
  }

  async forget(profileId: string): Promise<void> {
    if (!Object.hasOwn(this.#state.profiles, profileId)) return
    const profiles = { ...this.#state.profiles }
    delete profiles[profileId]
    await this.#save(profiles)
  }

  async #save(profiles: Record<string, readonly AlertDTO[]>): Promise<void> {
    this.#state = { version: 1, profiles }
    await this.#file.write(this.#state)
  }
}

function parseAlertFile(text: string): AlertFile {
  const raw: unknown = JSON.parse(text)
  if (!isRecord(raw) || raw['version'] !== 1 || !isRecord(raw['profiles'])) throw new Error('unexpected alert file shape')
  const profiles: Record<string, AlertDTO[]> = {}
  for (const [profileId, alerts] of Object.entries(raw['profiles'])) {
    if (!Array.isArray(alerts)) continue
    profiles[profileId] = alerts.filter((a): a is AlertDTO => isAlert(a, profileId)).slice(0, ALERT_HISTORY_LIMIT)
  }
  return { version: 1, profiles }
}

function isAlert(value: unknown, profileId: string): boolean {
  if (!isRecord(value)) return false
  const session = value['session']
  return (
    typeof value['id'] === 'string' &&
    value['profileId'] === profileId &&
    ALERT_KINDS.includes(value['kind'] as AlertKind) &&
    typeof value['time'] === 'string' &&
    typeof value['muted'] === 'boolean' &&
    (value['email'] === undefined || typeof value['email'] === 'string') &&
    (session === undefined || (isRecord(session) && typeof (session as Partial<SessionDTO>).$id === 'string' && !('secret' in session)))
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
