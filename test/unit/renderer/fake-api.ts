import type { User } from '../../../src-shared/appwrite'
import { API_METHODS, type Api, type ApiError, type AppStatus, type AuthState, type KeychainStatus, type Notice, type ProfileDTO, type Result } from '../../../src-shared/ipc'

/**
 * An in-memory `window.api` for renderer tests: the same contract as the preload's object, with a
 * small pretend server behind it (accounts by e-mail, one session per profile) and handles to
 * shape what the next call returns, hold a call open, or push an event from "main".
 */

export const LOCAL_SANDBOX: ProfileDTO = {
  id: 'local',
  label: 'Local sandbox',
  endpoint: 'http://127.0.0.1:4010/v1',
  projectId: 'local',
  kind: 'sandbox',
  redirectStrategy: 'scheme',
  oauthProviders: [],
}

export const CLOUD_PROFILE: ProfileDTO = {
  id: 'cloud',
  label: 'Appwrite Cloud',
  endpoint: 'https://cloud.appwrite.io/v1',
  projectId: 'console-demo',
  kind: 'remote',
  redirectStrategy: 'appwrite-callback',
  oauthProviders: ['github'],
}

export const KEYCHAIN_OK: KeychainStatus = { kind: 'keychain', reason: '' }

export type MethodPath =
  | 'app.getStatus'
  | 'profiles.select'
  | 'auth.getState'
  | 'auth.signUp'
  | 'auth.signInWithPassword'
  | 'auth.signOut'

export interface RecordedCall {
  readonly method: MethodPath
  readonly args: unknown
}

interface Held {
  release(): void
}

export interface FakeApiOptions {
  readonly profiles?: readonly ProfileDTO[]
  readonly activeProfileId?: string
  readonly keychain?: KeychainStatus
  /** Accounts that exist before the test, with their passwords. */
  readonly accounts?: readonly { readonly account: User; readonly password: string }[]
  /** Profiles that start signed in (profile id → e-mail of an account above). */
  readonly signedIn?: Readonly<Record<string, string>>
  /** Profiles whose server is "unreachable": a signed-in session reports `offline`. */
  readonly offline?: readonly string[]
}

export interface FakeApi {
  readonly api: Api
  readonly calls: RecordedCall[]
  /** The next call to `method` answers with this error instead of doing its work. */
  failNext(method: MethodPath, error: ApiError): void
  /** The next call to `method` rejects (as a broken IPC channel would). */
  rejectNext(method: MethodPath, reason: Error): void
  /** The next call to `method` waits until `release()` is called. */
  holdNext(method: MethodPath): Held
  /** Main reports a new auth state. */
  emitAuthChanged(state: AuthState): void
  emitNotice(notice: Notice): void
  listenerCount(): number
  stateOf(profileId: string): AuthState
}

export function makeAccount(overrides: Partial<User> = {}): User {
  return {
    $id: '6650a1b2c3d4e5f6a7b8',
    $createdAt: '2025-03-14T09:26:53.000+00:00',
    $updatedAt: '2025-03-14T09:26:53.000+00:00',
    name: 'Ada Lovelace',
    registration: '2025-03-14T09:26:53.000+00:00',
    status: true,
    labels: [],
    passwordUpdate: '2025-03-14T09:26:53.000+00:00',
    email: 'ada@example.com',
    phone: '',
    emailVerification: false,
    phoneVerification: false,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: '2025-03-14T09:26:53.000+00:00',
    ...overrides,
  }
}

export const ERRORS = {
  invalidCredentials: {
    type: 'user_invalid_credentials',
    code: 401,
    message: 'Invalid credentials. Please check the email and password.',
  },
  alreadyExists: {
    type: 'user_already_exists',
    code: 409,
    message: 'A user with the same id, email, or phone already exists in this project.',
  },
  shortPassword: {
    type: 'general_argument_invalid',
    code: 400,
    message: 'Invalid `password` param: Password must be between 8 and 256 characters long.',
  },
  noProfile: { type: 'no_profile', code: 0, message: 'That profile does not exist.' },
  network: { type: 'network_error', code: 0, message: 'connect ECONNREFUSED 127.0.0.1:4010' },
} as const satisfies Record<string, ApiError>

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const profiles = options.profiles ?? [LOCAL_SANDBOX]
  let activeProfileId = options.activeProfileId ?? profiles[0]?.id ?? 'local'
  const keychain = options.keychain ?? KEYCHAIN_OK
  const offline = new Set(options.offline ?? [])
  const accounts = new Map<string, { account: User; password: string }>()
  for (const entry of options.accounts ?? []) accounts.set(entry.account.email, { ...entry })
  const sessions = new Map<string, string>(Object.entries(options.signedIn ?? {}))

  const calls: RecordedCall[] = []
  const failures = new Map<MethodPath, ApiError>()
  const rejections = new Map<MethodPath, Error>()
  const holds = new Map<MethodPath, Promise<void>>()
  const authListeners = new Set<(state: AuthState) => void>()
  const noticeListeners = new Set<(notice: Notice) => void>()
  let nextUser = 1

  const ok = <T>(data: T): Result<T> => ({ ok: true, data })
  const fail = <T>(error: ApiError): Result<T> => ({ ok: false, error })

  function appStatus(): AppStatus {
    return { version: '0.1.0-test', keychain, profiles, activeProfileId }
  }

  function stateOf(profileId: string): AuthState {
    const email = sessions.get(profileId)
    const account = email === undefined ? null : (accounts.get(email)?.account ?? null)
    if (!account) return { profileId, status: 'signed-out', account: null }
    return { profileId, status: offline.has(profileId) ? 'offline' : 'signed-in', account }
  }

  /** Records the call, applies a held/failed/rejected answer, else does the work. */
  async function call<T>(method: MethodPath, args: unknown, work: () => Result<T>): Promise<Result<T>> {
    calls.push({ method, args })
    const held = holds.get(method)
    if (held) {
      holds.delete(method)
      await held
    }
    const rejection = rejections.get(method)
    if (rejection) {
      rejections.delete(method)
      throw rejection
    }
    const failure = failures.get(method)
    if (failure) {
      failures.delete(method)
      return fail(failure)
    }
    return work()
  }

  function knownProfile(profileId: string): boolean {
    return profiles.some((profile) => profile.id === profileId)
  }

  const faked = {
    app: {
      getStatus: () => call('app.getStatus', undefined, () => ok(appStatus())),
    },
    profiles: {
      select: (args) =>
        call('profiles.select', args, () => {
          if (!knownProfile(args.profileId)) return fail(ERRORS.noProfile)
          activeProfileId = args.profileId
          return ok(appStatus())
        }),
    },
    auth: {
      getState: (args) =>
        call('auth.getState', args, () => (knownProfile(args.profileId) ? ok(stateOf(args.profileId)) : fail(ERRORS.noProfile))),
      signUp: (args) =>
        call('auth.signUp', args, () => {
          const email = args.email.toLowerCase()
          if (accounts.has(email)) return fail(ERRORS.alreadyExists)
          if (args.password.length < 8 || args.password.length > 256) return fail(ERRORS.shortPassword)
          const account = makeAccount({ $id: `user${nextUser++}`, name: args.name, email })
          accounts.set(email, { account, password: args.password })
          sessions.set(args.profileId, email)
          return ok(stateOf(args.profileId))
        }),
      signInWithPassword: (args) =>
        call('auth.signInWithPassword', args, () => {
          const email = args.email.toLowerCase()
          const entry = accounts.get(email)
          if (!entry || entry.password !== args.password) return fail(ERRORS.invalidCredentials)
          sessions.set(args.profileId, email)
          return ok(stateOf(args.profileId))
        }),
      signOut: (args) =>
        call('auth.signOut', args, () => {
          sessions.delete(args.profileId)
          return ok(stateOf(args.profileId))
        }),
    },
    events: {
      onAuthChanged(listener: (state: AuthState) => void) {
        authListeners.add(listener)
        return () => authListeners.delete(listener)
      },
      onNotice(listener: (notice: Notice) => void) {
        noticeListeners.add(listener)
        return () => noticeListeners.delete(listener)
      },
      onFlowUpdated: () => () => undefined,
    },
  } satisfies DeepPartialApi
  const api = completeWithUnfaked(faked)

  return {
    api,
    calls,
    failNext: (method, error) => void failures.set(method, error),
    rejectNext: (method, reason) => void rejections.set(method, reason),
    holdNext(method) {
      let release: () => void = () => undefined
      holds.set(method, new Promise<void>((resolve) => (release = resolve)))
      return { release: () => release() }
    },
    emitAuthChanged(state) {
      if (state.status === 'signed-out') sessions.delete(state.profileId)
      for (const listener of [...authListeners]) listener(state)
    },
    emitNotice(notice) {
      for (const listener of [...noticeListeners]) listener(notice)
    },
    listenerCount: () => authListeners.size + noticeListeners.size,
    stateOf,
  }
}

/** Puts the fake where the renderer looks for the preload's object. */
export function installApi(api: Api): void {
  Object.defineProperty(window, 'api', { value: api, configurable: true, writable: false })
}

type DeepPartialApi = { readonly [N in keyof Api]?: Partial<Api[N]> }

/** Methods this fake does not model answer with an error value naming themselves. */
function completeWithUnfaked(partial: DeepPartialApi): Api {
  const full: Record<string, Record<string, unknown>> = {}
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    const given = (partial as Record<string, Record<string, unknown> | undefined>)[namespace] ?? {}
    const group: Record<string, unknown> = { ...given }
    for (const method of Object.keys(methods)) {
      if (!(method in group)) {
        group[method] = async (): Promise<Result<never>> => ({ ok: false, error: { type: 'internal_error', code: 0, message: `${namespace}.${method} is not faked` } })
      }
    }
    full[namespace] = group
  }
  full.events = { ...(partial.events ?? {}) }
  return full as unknown as Api
}
