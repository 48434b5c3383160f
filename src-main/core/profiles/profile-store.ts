/**
 * Saved profiles (which Appwrite endpoint and project to talk to) and, per profile, which user is
 * signed in. Written as JSON in the app's data folder; holds no secret — the session itself lives
 * in the keychain under `sessionKey(...)`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ProfileDTO } from '../../../src-shared/ipc'

export const SANDBOX_PROFILE_ID = 'local-sandbox'
export const SANDBOX_PROJECT_ID = 'local'

export interface SignedInRef {
  readonly userId: string
}

interface ProfileFile {
  readonly version: 1
  readonly activeProfileId: string
  readonly profiles: readonly StoredProfile[]
  readonly signedIn: Readonly<Record<string, SignedInRef>>
}

/** A profile as saved; the sandbox profile's endpoint is filled in at run time. */
type StoredProfile = ProfileDTO

const FILE_NAME = 'profiles.json'

export class ProfileStore {
  #state: ProfileFile
  #writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    state: ProfileFile,
    private readonly sandboxEndpoint: string,
  ) {
    this.#state = state
  }

  /**
   * Reads the profile file. A missing file starts fresh; an unreadable one is set aside (renamed,
   * never deleted) so nothing the user saved is lost, and `recovered` says so.
   */
  static async open(dataDir: string, sandboxEndpoint: string): Promise<{ store: ProfileStore; recovered: string | null }> {
    const file = join(dataDir, FILE_NAME)
    let recovered: string | null = null
    let state: ProfileFile = emptyState()
    try {
      state = parseProfileFile(await readFile(file, 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        const aside = `${file}.unreadable-${Date.now()}`
        await rename(file, aside).catch(() => undefined)
        recovered = `The saved profiles could not be read and were set aside as ${aside}.`
      }
    }
    return { store: new ProfileStore(file, withSandbox(state), sandboxEndpoint), recovered }
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

  signedIn(profileId: string): SignedInRef | null {
    return this.#state.signedIn[profileId] ?? null
  }

  async setSignedIn(profileId: string, ref: SignedInRef | null): Promise<void> {
    const signedIn = { ...this.#state.signedIn }
    if (ref) signedIn[profileId] = ref
    else delete signedIn[profileId]
    this.#state = { ...this.#state, signedIn }
    await this.#save()
  }

  /**
   * The keychain account name for a profile's session: (endpoint, project, user), so several
   * accounts and endpoints never overwrite each other (reference/electron-practices.md §7).
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

  /** Writes are serialized and atomic (temp file + rename) so a crash never leaves half a file. */
  #save(): Promise<void> {
    const snapshot = JSON.stringify(this.#state, null, 2)
    this.#writing = this.#writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true })
      const tmp = `${this.file}.tmp`
      await writeFile(tmp, snapshot, { mode: 0o600 })
      await rename(tmp, this.file)
    })
    return this.#writing
  }
}

function emptyState(): ProfileFile {
  return { version: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [], signedIn: {} }
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

/** "Local sandbox" is always there, first. */
function withSandbox(state: ProfileFile): ProfileFile {
  const others = state.profiles.filter((p) => p.kind !== 'sandbox')
  const profiles = [sandboxProfile(), ...others]
  const active = profiles.some((p) => p.id === state.activeProfileId) ? state.activeProfileId : SANDBOX_PROFILE_ID
  return { ...state, profiles, activeProfileId: active }
}

function parseProfileFile(text: string): ProfileFile {
  const raw: unknown = JSON.parse(text)
  if (!isRecord(raw) || raw.version !== 1 || !Array.isArray(raw.profiles)) throw new Error('unexpected profile file shape')
  const profiles = raw.profiles.filter(isStoredProfile)
  const signedIn: Record<string, SignedInRef> = {}
  if (isRecord(raw.signedIn)) {
    for (const [id, ref] of Object.entries(raw.signedIn)) {
      if (isRecord(ref) && typeof ref.userId === 'string') signedIn[id] = { userId: ref.userId }
    }
  }
  const activeProfileId = typeof raw.activeProfileId === 'string' ? raw.activeProfileId : SANDBOX_PROFILE_ID
  return { version: 1, activeProfileId, profiles, signedIn }
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
