/**
 * Saved profiles (which Appwrite endpoint and project to talk to) and, per profile, which user is
 * signed in. Written as JSON in the app's data folder; holds no secret — the session itself lives
 * in the keychain under `sessionKey(...)`.
 */
import { randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProfileDTO, ProfileInput } from '../../../src-shared/ipc'
import { CoreError } from '../auth/errors'
import { JsonFileWriter, readJsonFile } from '../storage/json-file'

export const SANDBOX_PROFILE_ID = 'local-sandbox'
export const SANDBOX_PROJECT_ID = 'local'

export interface SignedInRef {
  readonly userId: string
  /**
   * The session is kept across restarts ("keep me signed in"): its reference is written to the
   * profile file and its value to the keychain. `false` = memory only: nothing about it is
   * written anywhere, and it is gone when the app quits. Omitted means `true`.
   */
  readonly remembered?: boolean
}

/**
 * What a profile's server answered when last asked (server/server-info.ts derives the
 * capabilities from it). `accountLogs` null = not asked yet (it needs a session).
 */
export interface ServerRecord {
  readonly version: string
  readonly accountLogs: boolean | null
  readonly checkedAt: string
}

interface ProfileFile {
  readonly version: 1
  readonly activeProfileId: string
  readonly profiles: readonly StoredProfile[]
  readonly signedIn: Readonly<Record<string, SignedInRef>>
  /** By profile id; absent in files written before servers were asked. */
  readonly servers: Readonly<Record<string, ServerRecord>>
}

/** A profile as saved; the sandbox profile's endpoint is filled in at run time. */
type StoredProfile = ProfileDTO

const FILE_NAME = 'profiles.json'
/**
 * A copy of the last file this app wrote or read successfully. The main file is replaced
 * atomically, so it can only be damaged from outside (a disk error, a sync tool, an editor, a
 * half-written copy from a backup); then the copy brings the profiles back (docs/reliability.md §6).
 */
const LAST_GOOD_NAME = 'profiles.last-good.json'

export class ProfileStore {
  #state: ProfileFile
  /** Sign-ins that were not remembered: never written to the file (issue #4 item 5). */
  readonly #transient = new Map<string, SignedInRef>()
  readonly #file: JsonFileWriter
  readonly #lastGood: JsonFileWriter

  private constructor(
    dataDir: string,
    state: ProfileFile,
    private readonly sandboxEndpoint: string,
  ) {
    this.#state = state
    this.#file = new JsonFileWriter(join(dataDir, FILE_NAME))
    this.#lastGood = new JsonFileWriter(join(dataDir, LAST_GOOD_NAME))
  }

  /**
   * Reads the profile file. A missing file starts fresh. An unreadable one (corrupted, half
   * written) is set aside (renamed, never deleted) and the last good copy is restored in its
   * place; `recovered` says what happened, so nothing is ever reset silently.
   */
  static async open(dataDir: string, sandboxEndpoint: string): Promise<{ store: ProfileStore; recovered: string | null }> {
    const read = await readJsonFile(join(dataDir, FILE_NAME), parseProfileFile)
    let recovered: string | null = null
    let state: ProfileFile = emptyState()
    let restored = false
    switch (read.kind) {
      case 'missing':
        break
      case 'read':
        state = read.value
        break
      case 'set-aside': {
        const copy = await readLastGood(join(dataDir, LAST_GOOD_NAME))
        if (copy) {
          state = copy.state
          restored = true
          recovered = `The saved profiles file was damaged, so the last good copy (from ${copy.savedAt}) was restored. The damaged file was kept as ${read.aside}.`
        } else {
          recovered = `The saved profiles could not be read and were set aside as ${read.aside}. No earlier good copy was found, so only the Local sandbox is listed.`
        }
        break
      }
      default:
        return read satisfies never
    }
    const store = new ProfileStore(dataDir, withSandbox(state), sandboxEndpoint)
    // Write the restored state back at once, and (re)make the copy from a file that just read well.
    if (restored || recovered === null) await store.#save().catch(() => undefined)
    return { store, recovered }
  }

  list(): readonly ProfileDTO[] {
    return this.#state.profiles.map((p) => this.#resolve(p))
  }

  get(profileId: string): ProfileDTO | null {
    const p = this.#state.profiles.find((x) => x.id === profileId)
    return p ? this.#resolve(p) : null
  }

  get activeProfileId(): string {
    return this.#state.activeProfileId
  }

  async select(profileId: string): Promise<void> {
    this.#state = { ...this.#state, activeProfileId: profileId }
    await this.#save()
  }

  /** What the profile's server answered when last asked, or null. */
  server(profileId: string): ServerRecord | null {
    return this.#state.servers[profileId] ?? null
  }

  async setServer(profileId: string, record: ServerRecord | null): Promise<void> {
    if (!this.#state.profiles.some((p) => p.id === profileId)) return
    const servers = { ...this.#state.servers }
    if (record) servers[profileId] = { ...record }
    else delete servers[profileId]
    this.#state = { ...this.#state, servers }
    await this.#save()
  }

  /** Sign-in alerts of this profile raise no notification or banner (live/alerts.ts). */
  alertsMuted(profileId: string): boolean {
    return this.#state.profiles.find((p) => p.id === profileId)?.alertsMuted === true
  }

  async setAlertsMuted(profileId: string, muted: boolean): Promise<void> {
    if (!this.#state.profiles.some((p) => p.id === profileId)) throw new CoreError('no_profile')
    const profiles = this.#state.profiles.map((p) => (p.id !== profileId ? p : withMuted(p, muted)))
    this.#state = { ...this.#state, profiles }
    await this.#save()
  }

  /** Who is signed in on a profile, and whether that session is remembered across restarts. */
  signedIn(profileId: string): SignedInRef | null {
    const transient = this.#transient.get(profileId)
    if (transient) return transient
    const stored = this.#state.signedIn[profileId]
    return stored ? { userId: stored.userId, remembered: true } : null
  }

  async setSignedIn(profileId: string, ref: SignedInRef | null): Promise<void> {
    const signedIn = { ...this.#state.signedIn }
    this.#transient.delete(profileId)
    if (ref && ref.remembered !== false) signedIn[profileId] = { userId: ref.userId }
    else delete signedIn[profileId]
    if (ref && ref.remembered === false) this.#transient.set(profileId, { userId: ref.userId, remembered: false })
    this.#state = { ...this.#state, signedIn }
    await this.#save()
  }

  /**
   * Adds a remote profile. `input` must already be normalized (see `normalizeProfileInput`);
   * a second profile for the same endpoint and project is refused, because both would share
   * the keychain entries of (endpoint, project, user).
   */
  async add(input: ProfileInput): Promise<ProfileDTO> {
    this.#refuseDuplicate(input, null)
    const profile: StoredProfile = { id: `p-${randomBytes(6).toString('hex')}`, kind: 'remote', ...copyInput(input) }
    this.#state = { ...this.#state, profiles: [...this.#state.profiles, profile] }
    await this.#save()
    return this.#resolve(profile)
  }

  /**
   * Edits a profile. The Local sandbox keeps its label, endpoint and project (they are the app's
   * own); only its redirect strategy and OAuth providers can change.
   */
  async update(profileId: string, input: ProfileInput): Promise<ProfileDTO> {
    const current = this.#state.profiles.find((p) => p.id === profileId)
    if (!current) throw new CoreError('no_profile')
    const next: StoredProfile =
      current.kind === 'sandbox'
        ? { ...current, redirectStrategy: input.redirectStrategy, oauthProviders: [...input.oauthProviders] }
        : { ...current, ...copyInput(input) }
    if (current.kind !== 'sandbox') this.#refuseDuplicate(input, profileId)
    // Another server is another version: what the old one answered no longer applies.
    const servers = { ...this.#state.servers }
    if (next.endpoint !== current.endpoint || next.projectId !== current.projectId) delete servers[profileId]
    this.#state = { ...this.#state, servers, profiles: this.#state.profiles.map((p) => (p.id === profileId ? next : p)) }
    await this.#save()
    return this.#resolve(next)
  }

  /** Forgets a profile (the caller signs it out first). The Local sandbox cannot be removed. */
  async remove(profileId: string): Promise<void> {
    const current = this.#state.profiles.find((p) => p.id === profileId)
    if (!current) throw new CoreError('no_profile')
    if (current.kind === 'sandbox') throw new CoreError('invalid_argument', 'The Local sandbox profile is always there and cannot be removed.')
    const signedIn = { ...this.#state.signedIn }
    delete signedIn[profileId]
    const servers = { ...this.#state.servers }
    delete servers[profileId]
    this.#transient.delete(profileId)
    const profiles = this.#state.profiles.filter((p) => p.id !== profileId)
    const activeProfileId = this.#state.activeProfileId === profileId ? SANDBOX_PROFILE_ID : this.#state.activeProfileId
    this.#state = { ...this.#state, profiles, signedIn, servers, activeProfileId }
    await this.#save()
  }

  #refuseDuplicate(input: ProfileInput, exceptId: string | null): void {
    const same = this.#state.profiles.find((p) => p.id !== exceptId && p.kind === 'remote' && p.endpoint === input.endpoint && p.projectId === input.projectId)
    if (same) throw new CoreError('invalid_argument', `The profile “${same.label}” already connects to this endpoint and project.`)
  }

  /**
   * The keychain account name for a profile's session: (endpoint, project, user), so several
   * accounts and endpoints never overwrite each other (electron-practice §7).
   * The sandbox uses a stable name because its port may change between runs.
   */
  sessionKey(profileId: string, userId: string): string | null {
    const p = this.#state.profiles.find((x) => x.id === profileId)
    if (!p) return null
    const endpoint = p.kind === 'sandbox' ? 'local-sandbox' : p.endpoint
    return `${endpoint}|${p.projectId}|${userId}`
  }

  #resolve(p: StoredProfile): ProfileDTO {
    return p.kind === 'sandbox' ? { ...p, endpoint: this.sandboxEndpoint } : p
  }

  /**
   * Writes are serialized and atomic (JsonFileWriter) so a crash never leaves half a file; the
   * last good copy is written the same way, after the main file has landed. A failed write is
   * reported to its caller; the next one still runs.
   */
  async #save(): Promise<void> {
    const state = this.#state
    await this.#file.write(state)
    await this.#lastGood.write(state)
  }
}

function copyInput(input: ProfileInput): Omit<StoredProfile, 'id' | 'kind'> {
  return {
    label: input.label,
    endpoint: input.endpoint,
    projectId: input.projectId,
    redirectStrategy: input.redirectStrategy,
    oauthProviders: [...input.oauthProviders],
  }
}

/** `alertsMuted` is written only when true, so files and DTOs of unmuted profiles stay as they were. */
function withMuted(profile: StoredProfile, muted: boolean): StoredProfile {
  const { alertsMuted: _was, ...rest } = profile
  return muted ? { ...rest, alertsMuted: true } : rest
}

function emptyState(): ProfileFile {
  return { version: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [], signedIn: {}, servers: {} }
}

function sandboxProfile(): StoredProfile {
  return {
    id: SANDBOX_PROFILE_ID,
    label: 'Local sandbox',
    endpoint: 'local-sandbox',
    projectId: SANDBOX_PROJECT_ID,
    kind: 'sandbox',
    redirectStrategy: 'scheme',
    oauthProviders: [],
  }
}

/** "Local sandbox" is always there, first, keeping the redirect strategy and providers chosen for it. */
function withSandbox(state: ProfileFile): ProfileFile {
  const others = state.profiles.filter((p) => p.kind !== 'sandbox')
  const saved = state.profiles.find((p) => p.kind === 'sandbox' && p.id === SANDBOX_PROFILE_ID)
  const sandbox = sandboxProfile()
  const profiles = [
    saved
      ? withMuted({ ...sandbox, redirectStrategy: saved.redirectStrategy, oauthProviders: [...saved.oauthProviders] }, saved.alertsMuted === true)
      : sandbox,
    ...others,
  ]
  const active = profiles.some((p) => p.id === state.activeProfileId) ? state.activeProfileId : SANDBOX_PROFILE_ID
  return { ...state, profiles, activeProfileId: active }
}

async function readLastGood(file: string): Promise<{ state: ProfileFile; savedAt: string } | null> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)])
    return { state: parseProfileFile(text), savedAt: info.mtime.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' }
  } catch {
    return null
  }
}

function parseProfileFile(text: string): ProfileFile {
  const raw: unknown = JSON.parse(text)
  if (!isRecord(raw) || raw.version !== 1 || !Array.isArray(raw.profiles)) throw new Error('unexpected profile file shape')
  const profiles = raw.profiles.filter(isStoredProfile).map((p) => withMuted(p, p.alertsMuted === true))
  const signedIn: Record<string, SignedInRef> = {}
  if (isRecord(raw.signedIn)) {
    for (const [id, ref] of Object.entries(raw.signedIn)) {
      if (isRecord(ref) && typeof ref.userId === 'string') signedIn[id] = { userId: ref.userId }
    }
  }
  const servers: Record<string, ServerRecord> = {}
  if (isRecord(raw.servers)) {
    for (const [id, record] of Object.entries(raw.servers)) {
      if (
        isRecord(record) &&
        typeof record.version === 'string' &&
        typeof record.checkedAt === 'string' &&
        (typeof record.accountLogs === 'boolean' || record.accountLogs === null)
      ) {
        servers[id] = { version: record.version, accountLogs: record.accountLogs, checkedAt: record.checkedAt }
      }
    }
  }
  const activeProfileId = typeof raw.activeProfileId === 'string' ? raw.activeProfileId : SANDBOX_PROFILE_ID
  return { version: 1, activeProfileId, profiles, signedIn, servers }
}

function isStoredProfile(value: unknown): value is StoredProfile {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    typeof value.endpoint === 'string' &&
    typeof value.projectId === 'string' &&
    (value.kind === 'sandbox' || value.kind === 'remote') &&
    (value.redirectStrategy === 'scheme' || value.redirectStrategy === 'appwrite-callback' || value.redirectStrategy === 'loopback') &&
    Array.isArray(value.oauthProviders) &&
    value.oauthProviders.every((p) => typeof p === 'string')
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
