import type { MfaFactor, MfaFactors, User } from '../../../src-shared/appwrite'
import {
  type Api,
  type ApiError,
  type AlertDTO,
  type AppStatus,
  type AuthState,
  type FlowDTO,
  type FlowKind,
  type KeychainStatus,
  type LiveEventDTO,
  type LiveStatusDTO,
  type MailboxMessageDTO,
  type Notice,
  type ProfileDTO,
  type ProfileInput,
  type Result,
  type ServerInfoDTO,
} from '../../../src-shared/ipc'

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

/** Every method of the contract as `namespace.method`, derived from `Api`: a new method is in it at once. */
export type MethodPath = {
  [N in Exclude<keyof Api, 'events'>]: `${N}.${keyof Api[N] & string}`
}[Exclude<keyof Api, 'events'>]

/** The code every fake mail and text carries, and the code an MFA challenge accepts. */
export const FAKE_CODE = '123456'
export const FAKE_MFA_CODE = '654321'
export const FAKE_PHRASE = 'Brave zebra'

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
  /** Profiles whose stored session is kept but whose account is not known (offline at start-up). */
  readonly offlineWithoutAccount?: readonly string[]
  /**
   * Accounts (by e-mail) with two-step sign-in: a new session waits for a second factor from
   * these, and unused recovery codes.
   */
  readonly mfa?: Readonly<Record<string, { readonly factors: MfaFactors; readonly recoveryCodes?: readonly string[] }>>
  /** Messages in the sandbox outbox, newest first. */
  readonly mailbox?: readonly MailboxMessageDTO[]
  /** The session check in the first `app.start` answers with this error (the status still comes). */
  readonly startupCheckError?: ApiError
  /** Notices main found while starting (`Startup.notices`). */
  readonly startupNotices?: readonly Notice[]
  /** What `server.get` answers for every profile (default SERVER_1_9: a 1.9 server with logs). */
  readonly server?: ServerInfoDTO
}

export const SERVER_1_9: ServerInfoDTO = {
  version: '1.9.6',
  capabilities: { recoveryByCode: false, verificationByCode: false, consents: false, idTokenSessions: false, accountLogs: true },
  checkedAt: '2025-03-14T09:26:53.000+00:00',
}

export const SERVER_2_3: ServerInfoDTO = {
  version: '2.3.0',
  capabilities: { recoveryByCode: true, verificationByCode: true, consents: true, idTokenSessions: true, accountLogs: false },
  checkedAt: '2025-03-14T09:26:53.000+00:00',
}

export interface FakeApi {
  readonly api: Api
  readonly calls: RecordedCall[]
  /**
   * How every faked method answers, for a fake that models more of the contract on top of this
   * one: records the call, applies a held/failed/rejected answer, else does `work`.
   */
  answer<T>(method: MethodPath, args: unknown, work: () => Result<T>): Promise<Result<T>>
  /** The next call to `method` answers with this error instead of doing its work. */
  failNext(method: MethodPath, error: ApiError): void
  /** The next call to `method` rejects (as a broken IPC channel would). */
  rejectNext(method: MethodPath, reason: Error): void
  /** The next call to `method` waits until `release()` is called. */
  holdNext(method: MethodPath): Held
  /** Main reports a new auth state. */
  emitAuthChanged(state: AuthState): void
  emitNotice(notice: Notice): void
  emitKeychainChanged(status: KeychainStatus): void
  /** Main reports that a flow moved on. */
  emitFlowUpdated(flow: FlowDTO): void
  /** Main passes on an event of Appwrite Realtime. */
  emitLiveEvent(event: LiveEventDTO): void
  emitLiveStatus(status: LiveStatusDTO): void
  /** Main raises a sign-in alert. */
  emitAlert(alert: AlertDTO): void
  /** The person clicked that alert's desktop notification. */
  emitAlertOpened(alert: AlertDTO): void
  /**
   * The link of a flow comes back (as a deep link would): a magic link or OAuth flow signs in and
   * completes, a recovery flow waits for a new password, a verification completes. Events go out
   * as main sends them. Answers the flow's new state.
   */
  deliverLink(flowId: string): FlowDTO
  flow(flowId: string): FlowDTO | undefined
  listenerCount(): number
  stateOf(profileId: string): AuthState
  profiles(): readonly ProfileDTO[]
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
  invalidToken: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' },
  blocked: { type: 'user_blocked', code: 403, message: 'The current user has been blocked.' },
  userNotFound: { type: 'user_not_found', code: 404, message: 'User with the requested ID could not be found.' },
  flowNotFound: { type: 'flow_not_found', code: 0, message: 'That sign-in link or code request is not (or no longer) waiting in this app.' },
  notSandbox: { type: 'not_sandbox', code: 0, message: 'This is only available for the local sandbox.' },
  sandboxProfile: { type: 'invalid_argument', code: 0, message: 'The local sandbox profile cannot be removed.' },
} as const satisfies Record<string, ApiError>

/** A method's answer with data, as main resolves it. */
export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
/** A method's answer with an error value, as main resolves a refusal. */
export const fail = <T>(error: ApiError): Result<T> => ({ ok: false, error })

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  let profiles: readonly ProfileDTO[] = options.profiles ?? [LOCAL_SANDBOX]
  let activeProfileId = options.activeProfileId ?? profiles[0]?.id ?? 'local'
  let startupCheckError = options.startupCheckError
  const keychain = options.keychain ?? KEYCHAIN_OK
  const offline = new Set(options.offline ?? [])
  const offlineWithoutAccount = new Set(options.offlineWithoutAccount ?? [])
  const mfa = new Map(
    Object.entries(options.mfa ?? {}).map(([email, entry]) => [email, { factors: entry.factors, recoveryCodes: new Set(entry.recoveryCodes ?? []) }]),
  )
  /** Profiles whose session still waits for a second factor. */
  const pendingMfa = new Set<string>()
  const challenges = new Map<string, { profileId: string; factor: MfaFactor }>()
  const flows = new Map<string, FlowDTO & { readonly provider?: string }>()
  const mailbox = [...(options.mailbox ?? [])]
  let nextFlow = 1
  let nextChallenge = 1
  let nextProfile = 1
  const accounts = new Map<string, { account: User; password: string }>()
  for (const entry of options.accounts ?? []) accounts.set(entry.account.email, { ...entry })
  const sessions = new Map<string, string>(Object.entries(options.signedIn ?? {}))

  const calls: RecordedCall[] = []
  const failures = new Map<MethodPath, ApiError>()
  const rejections = new Map<MethodPath, Error>()
  const holds = new Map<MethodPath, Promise<void>>()
  const authListeners = new Set<(state: AuthState) => void>()
  const noticeListeners = new Set<(notice: Notice) => void>()
  const keychainListeners = new Set<(status: KeychainStatus) => void>()
  const liveEventListeners = new Set<(event: LiveEventDTO) => void>()
  const alertListeners = new Set<(alert: AlertDTO) => void>()
  const alertOpenedListeners = new Set<(alert: AlertDTO) => void>()
  const liveStatusListeners = new Set<(status: LiveStatusDTO) => void>()
  const flowListeners = new Set<(flow: FlowDTO) => void>()
  let nextUser = 1

  function appStatus(): AppStatus {
    return { version: '0.1.0-test', keychain, profiles, activeProfileId }
  }

  function stateOf(profileId: string): AuthState {
    if (offlineWithoutAccount.has(profileId)) return { profileId, status: 'offline', account: null }
    const email = sessions.get(profileId)
    const account = email === undefined ? null : (accounts.get(email)?.account ?? null)
    if (!account) return { profileId, status: 'signed-out', account: null }
    if (pendingMfa.has(profileId)) return { profileId, status: 'mfa-required', account: null, mfaFactors: mfa.get(account.email)?.factors ?? null }
    return { profileId, status: offline.has(profileId) ? 'offline' : 'signed-in', account }
  }

  /** A new session for `email` on a profile; it waits for a second factor when the account has MFA. */
  function startSession(profileId: string, email: string): AuthState {
    sessions.set(profileId, email)
    if (mfa.has(email)) pendingMfa.add(profileId)
    else pendingMfa.delete(profileId)
    return stateOf(profileId)
  }

  function emitAuth(state: AuthState): void {
    for (const listener of [...authListeners]) listener(state)
  }

  function emitFlow(flow: FlowDTO): void {
    for (const listener of [...flowListeners]) listener(flow)
  }

  function accountFor(email: string): { account: User; password: string } {
    const key = email.toLowerCase()
    let entry = accounts.get(key)
    if (!entry) {
      // Codes and links create the account on first use, as Appwrite does (appwrite-behaviour §3.2).
      entry = { account: makeAccount({ $id: `user${nextUser++}`, name: '', email: key }), password: '' }
      accounts.set(key, entry)
    }
    return entry
  }

  function startFlow(profileId: string, kind: FlowKind, extra: { destination?: string; phrase?: boolean; provider?: string } = {}): Result<FlowDTO> {
    if (!knownProfile(profileId)) return fail(ERRORS.noProfile)
    const flow: FlowDTO & { provider?: string } = {
      flowId: `flow-${nextFlow++}`,
      profileId,
      kind,
      status: 'pending',
      expiresAt: '2025-03-14T10:26:53.000+00:00',
      ...(extra.destination !== undefined ? { destination: extra.destination } : {}),
      ...(extra.phrase ? { phrase: FAKE_PHRASE } : {}),
      ...(kind === 'oauth' ? { address: 'https://provider.example/authorize' } : {}),
      ...(extra.provider ? { provider: extra.provider } : {}),
    }
    flows.set(flow.flowId, flow)
    return ok(publicFlow(flow))
  }

  function publicFlow(flow: FlowDTO & { provider?: string }): FlowDTO {
    const { provider: _provider, ...dto } = flow
    return dto
  }

  function moveFlow(flowId: string, change: Partial<FlowDTO>): FlowDTO {
    const current = flows.get(flowId)
    if (!current) throw new Error(`no flow ${flowId}`)
    const next = { ...current, ...change }
    flows.set(flowId, next)
    const dto = publicFlow(next)
    emitFlow(dto)
    return dto
  }

  function waitingFlow(flowId: string, kinds: readonly FlowKind[], status: FlowDTO['status'] = 'pending'): FlowDTO | null {
    const flow = flows.get(flowId)
    return flow && kinds.includes(flow.kind) && flow.status === status ? flow : null
  }

  function deliverLink(flowId: string): FlowDTO {
    const flow = flows.get(flowId)
    if (!flow || flow.status !== 'pending') throw new Error(`flow ${flowId} is not waiting for a link`)
    switch (flow.kind) {
      case 'magic-url':
      case 'oauth': {
        const email = flow.destination ?? `${flow.provider ?? 'oauth'}-user@example.com`
        accountFor(email)
        const state = startSession(flow.profileId, email.toLowerCase())
        const done = moveFlow(flowId, { status: 'completed' })
        emitAuth(state)
        return done
      }
      case 'recovery':
        return moveFlow(flowId, { status: 'needs-password' })
      case 'verify-email':
        return moveFlow(flowId, { status: 'completed', message: 'Your e-mail address is verified.' })
      default:
        throw new Error(`a ${flow.kind} flow has no link`)
    }
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
      start: () =>
        call('app.start', undefined, () => {
          const auth: Result<AuthState> = startupCheckError ? fail(startupCheckError) : ok(stateOf(activeProfileId))
          startupCheckError = undefined
          return ok({ status: appStatus(), auth, notices: options.startupNotices ?? [] })
        }),
    },
    profiles: {
      select: (args) =>
        call('profiles.select', args, () => {
          if (!knownProfile(args.profileId)) return fail(ERRORS.noProfile)
          activeProfileId = args.profileId
          return ok(appStatus())
        }),
      add: (args) =>
        call('profiles.add', args, () => {
          const profile: ProfileDTO = { id: `profile-${nextProfile++}`, kind: 'remote', ...copyInput(args) }
          profiles = [...profiles, profile]
          return ok(appStatus())
        }),
      update: (args) =>
        call('profiles.update', args, () => {
          const { profileId, ...input } = args
          if (!knownProfile(profileId)) return fail(ERRORS.noProfile)
          profiles = profiles.map((profile) => (profile.id === profileId ? { ...profile, ...copyInput(input) } : profile))
          return ok(appStatus())
        }),
      remove: (args) =>
        call('profiles.remove', args, () => {
          const profile = profiles.find((candidate) => candidate.id === args.profileId)
          if (!profile) return fail(ERRORS.noProfile)
          if (profile.kind === 'sandbox') return fail(ERRORS.sandboxProfile)
          profiles = profiles.filter((candidate) => candidate.id !== args.profileId)
          sessions.delete(args.profileId)
          if (activeProfileId === args.profileId) activeProfileId = profiles[0]?.id ?? 'local'
          return ok(appStatus())
        }),
    },
    auth: {
      getState: (args) => call('auth.getState', args, () => (knownProfile(args.profileId) ? ok(stateOf(args.profileId)) : fail(ERRORS.noProfile))),
      signUp: (args) =>
        call('auth.signUp', args, () => {
          const email = args.email.toLowerCase()
          if (accounts.has(email)) return fail(ERRORS.alreadyExists)
          if (args.password.length < 8 || args.password.length > 256) return fail(ERRORS.shortPassword)
          const account = makeAccount({ $id: `user${nextUser++}`, name: args.name, email })
          accounts.set(email, { account, password: args.password })
          return ok(startSession(args.profileId, email))
        }),
      signInWithPassword: (args) =>
        call('auth.signInWithPassword', args, () => {
          const email = args.email.toLowerCase()
          const entry = accounts.get(email)
          if (!entry || entry.password !== args.password) return fail(ERRORS.invalidCredentials)
          return ok(startSession(args.profileId, email))
        }),
      signInAnonymously: (args) =>
        call('auth.signInAnonymously', args, () => {
          const account = makeAccount({ $id: `guest${nextUser++}`, name: '', email: '', passwordUpdate: '' })
          const key = `guest:${account.$id}`
          accounts.set(key, { account, password: '' })
          return ok(startSession(args.profileId, key))
        }),
      signOut: (args) =>
        call('auth.signOut', args, () => {
          sessions.delete(args.profileId)
          pendingMfa.delete(args.profileId)
          offlineWithoutAccount.delete(args.profileId)
          return ok(stateOf(args.profileId))
        }),
      signOutEverywhere: (args) =>
        call('auth.signOutEverywhere', args, () => {
          if (!sessions.has(args.profileId)) return fail({ type: 'not_signed_in', code: 0, message: 'You are not signed in.' })
          sessions.delete(args.profileId)
          return ok(stateOf(args.profileId))
        }),
      sendEmailCode: (args) =>
        call('auth.sendEmailCode', args, () => startFlow(args.profileId, 'email-otp', { destination: args.email, phrase: args.phrase === true })),
      sendPhoneCode: (args) => call('auth.sendPhoneCode', args, () => startFlow(args.profileId, 'phone-otp', { destination: args.phone })),
      sendMagicLink: (args) =>
        call('auth.sendMagicLink', args, () => startFlow(args.profileId, 'magic-url', { destination: args.email, phrase: args.phrase === true })),
      startOAuth: (args) => call('auth.startOAuth', args, () => startFlow(args.profileId, 'oauth', { provider: args.provider })),
      requestRecovery: (args) =>
        call('auth.requestRecovery', args, () => {
          if (!accounts.has(args.email.toLowerCase())) return fail(ERRORS.userNotFound)
          // As main: a code when the server offers recovery by code, else a link.
          if ((options.server ?? SERVER_1_9).capabilities.recoveryByCode)
            return startFlow(args.profileId, 'recovery-code', { destination: args.email, phrase: args.phrase === true })
          return startFlow(args.profileId, 'recovery', { destination: args.email })
        }),
      verifyCode: (args) =>
        call('auth.verifyCode', args, () => {
          const flow = waitingFlow(args.flowId, ['email-otp', 'phone-otp'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          const destination = flow.destination ?? ''
          const email = flow.kind === 'phone-otp' ? `phone:${destination}` : destination.toLowerCase()
          if (flow.kind === 'phone-otp' && !accounts.has(email))
            accounts.set(email, { account: makeAccount({ $id: `user${nextUser++}`, email: '', phone: destination }), password: '' })
          else accountFor(email)
          const state = startSession(flow.profileId, email)
          moveFlow(flow.flowId, { status: 'completed' })
          return ok(state)
        }),
      completeRecovery: (args) =>
        call('auth.completeRecovery', args, () => {
          const flow = args.code === undefined ? waitingFlow(args.flowId, ['recovery'], 'needs-password') : waitingFlow(args.flowId, ['recovery-code'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== undefined && args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          const entry = accountFor(flow.destination ?? '')
          entry.password = args.password
          moveFlow(flow.flowId, { status: 'completed', message: 'Your password was changed.' })
          return ok(startSession(flow.profileId, entry.account.email))
        }),
      completeFromLink: (args) =>
        call('auth.completeFromLink', args, () => {
          const match = /[?&]fakeFlow=([\w-]+)/.exec(args.url)
          const flow = match ? flows.get(match[1] ?? '') : undefined
          if (!flow || flow.status !== 'pending')
            return fail({ type: 'invalid_argument', code: 0, message: 'That link is not for this app. Use the link from the message this app asked for.' })
          return ok(deliverLink(flow.flowId))
        }),
      getFlow: (args) =>
        call('auth.getFlow', args, () => {
          const flow = flows.get(args.flowId)
          return flow ? ok(publicFlow(flow)) : fail(ERRORS.flowNotFound)
        }),
      copyFlowUrl: (args) =>
        call('auth.copyFlowUrl', args, () => {
          const flow = flows.get(args.flowId)
          return flow?.address && flow.status === 'pending' ? ok(null) : fail(ERRORS.flowNotFound)
        }),
      cancelFlow: (args) =>
        call('auth.cancelFlow', args, () => {
          const flow = flows.get(args.flowId)
          if (!flow) return fail(ERRORS.flowNotFound)
          return ok(flow.status === 'pending' ? moveFlow(flow.flowId, { status: 'cancelled', message: 'Cancelled.' }) : publicFlow(flow))
        }),
    },
    server: {
      get: (args) =>
        call('server.get', args, () => (profiles.some((profile) => profile.id === args.profileId) ? ok(options.server ?? SERVER_1_9) : fail(ERRORS.noProfile))),
    },
    mailbox: {
      list: (args) =>
        call('mailbox.list', args, () => {
          const profile = profiles.find((candidate) => candidate.id === args.profileId)
          if (!profile) return fail(ERRORS.noProfile)
          if (profile.kind !== 'sandbox') return fail(ERRORS.notSandbox)
          return ok([...mailbox])
        }),
      openLink: (args) =>
        call('mailbox.openLink', args, () => {
          const message = mailbox.find((candidate) => candidate.id === args.messageId)
          if (!message || !message.links.some((link) => link.index === args.linkIndex))
            return fail({ type: 'invalid_argument', code: 0, message: 'That message has no such link.' })
          // Fake messages name their flow in the subject: "… [flow-1]".
          const flowId = /\[(flow-\d+)\]/.exec(message.subject)?.[1]
          const flow = flowId ? flows.get(flowId) : undefined
          if (!flow) return ok(null)
          if (flow.status !== 'pending') return fail({ type: 'flow_not_found', code: 0, message: 'That link was already used.' })
          return ok(deliverLink(flow.flowId))
        }),
    },
    mfa: {
      createChallenge: (args) =>
        call('mfa.createChallenge', args, () => {
          if (!pendingMfa.has(args.profileId) && !sessions.has(args.profileId))
            return fail({ type: 'not_signed_in', code: 0, message: 'You are not signed in.' })
          const id = `challenge-${nextChallenge++}`
          challenges.set(id, { profileId: args.profileId, factor: args.factor })
          return ok({ $id: id, $createdAt: '2025-03-14T09:26:53.000+00:00', userId: 'user', expire: '2025-03-14T10:26:53.000+00:00' })
        }),
      completeChallenge: (args) =>
        call('mfa.completeChallenge', args, () => {
          const challenge = challenges.get(args.challengeId)
          if (!challenge || challenge.profileId !== args.profileId) return fail(ERRORS.invalidToken)
          const email = sessions.get(args.profileId) ?? ''
          if (challenge.factor === 'recoverycode') {
            const codes = mfa.get(email)?.recoveryCodes
            if (!codes?.has(args.otp)) return fail(ERRORS.invalidToken)
            codes.delete(args.otp)
          } else if (args.otp !== FAKE_MFA_CODE) {
            return fail(ERRORS.invalidToken)
          }
          challenges.delete(args.challengeId)
          pendingMfa.delete(args.profileId)
          return ok(stateOf(args.profileId))
        }),
    },
    account: {
      sendEmailVerification: (args) =>
        call('account.sendEmailVerification', args, () => startFlow(args.profileId, 'verify-email', { destination: sessions.get(args.profileId) ?? '' })),
      sendEmailVerificationCode: (args) =>
        call('account.sendEmailVerificationCode', args, () =>
          startFlow(args.profileId, 'verify-email-code', { destination: sessions.get(args.profileId) ?? '', phrase: args.phrase === true }),
        ),
      confirmEmailVerification: (args) =>
        call('account.confirmEmailVerification', args, () => {
          const flow = waitingFlow(args.flowId, ['verify-email-code'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          moveFlow(flow.flowId, { status: 'completed' })
          const entry = accounts.get(sessions.get(flow.profileId) ?? '')
          if (!entry) return fail({ type: 'not_signed_in', code: 0, message: 'You are not signed in.' })
          entry.account = { ...entry.account, emailVerification: true }
          return ok(entry.account)
        }),
      sendPhoneVerification: (args) =>
        call('account.sendPhoneVerification', args, () => startFlow(args.profileId, 'verify-phone', { destination: '+14155550123' })),
      confirmPhoneVerification: (args) =>
        call('account.confirmPhoneVerification', args, () => {
          const flow = waitingFlow(args.flowId, ['verify-phone'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          moveFlow(flow.flowId, { status: 'completed' })
          const email = sessions.get(flow.profileId) ?? ''
          const entry = accounts.get(email)
          if (!entry) return fail({ type: 'not_signed_in', code: 0, message: 'You are not signed in.' })
          entry.account = { ...entry.account, phoneVerification: true }
          return ok(entry.account)
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
      onFlowUpdated(listener: (flow: FlowDTO) => void) {
        flowListeners.add(listener)
        return () => flowListeners.delete(listener)
      },
      onKeychainChanged(listener: (status: KeychainStatus) => void) {
        keychainListeners.add(listener)
        return () => keychainListeners.delete(listener)
      },
      onLiveEvent(listener: (event: LiveEventDTO) => void) {
        liveEventListeners.add(listener)
        return () => liveEventListeners.delete(listener)
      },
      onLiveStatus(listener: (status: LiveStatusDTO) => void) {
        liveStatusListeners.add(listener)
        return () => liveStatusListeners.delete(listener)
      },
      onAlert(listener: (alert: AlertDTO) => void) {
        alertListeners.add(listener)
        return () => alertListeners.delete(listener)
      },
      onAlertOpened(listener: (alert: AlertDTO) => void) {
        alertOpenedListeners.add(listener)
        return () => alertOpenedListeners.delete(listener)
      },
    } satisfies Api['events'],
  } satisfies DeepPartialApi
  everyMethodAnswered<Exclude<MethodPath, PathsOf<typeof faked> | UnfakedMethod>>()
  const api = completeWithUnfaked(faked)

  return {
    api,
    calls,
    answer: call,
    failNext: (method, error) => void failures.set(method, error),
    rejectNext: (method, reason) => void rejections.set(method, reason),
    holdNext(method) {
      let release: () => void = () => undefined
      holds.set(method, new Promise<void>((resolve) => (release = resolve)))
      return { release: () => release() }
    },
    emitAuthChanged(state) {
      if (state.status === 'signed-out') sessions.delete(state.profileId)
      emitAuth(state)
    },
    emitKeychainChanged(status) {
      for (const listener of [...keychainListeners]) listener(status)
    },
    emitLiveEvent(event) {
      for (const listener of [...liveEventListeners]) listener(event)
    },
    emitLiveStatus(status) {
      for (const listener of [...liveStatusListeners]) listener(status)
    },
    emitAlert(alert) {
      for (const listener of [...alertListeners]) listener(alert)
    },
    emitAlertOpened(alert) {
      for (const listener of [...alertOpenedListeners]) listener(alert)
    },
    emitNotice(notice) {
      for (const listener of [...noticeListeners]) listener(notice)
    },
    emitFlowUpdated(flow) {
      flows.set(flow.flowId, flow)
      emitFlow(flow)
    },
    deliverLink,
    flow(flowId) {
      const flow = flows.get(flowId)
      return flow ? publicFlow(flow) : undefined
    },
    listenerCount: () =>
      authListeners.size +
      noticeListeners.size +
      flowListeners.size +
      keychainListeners.size +
      liveEventListeners.size +
      liveStatusListeners.size +
      alertListeners.size +
      alertOpenedListeners.size,
    stateOf,
    profiles: () => profiles,
  }
}

function copyInput(input: ProfileInput): ProfileInput {
  return {
    label: input.label,
    endpoint: input.endpoint,
    projectId: input.projectId,
    redirectStrategy: input.redirectStrategy,
    oauthProviders: [...input.oauthProviders],
  }
}

/** A message in the fake outbox; put `[flow-N]` in the subject to tie its link to that flow. */
export function makeMessage(overrides: Partial<MailboxMessageDTO> = {}): MailboxMessageDTO {
  return {
    id: 'message-1',
    channel: 'email',
    to: 'ada@example.com',
    subject: 'Login',
    body: 'Hello,\n\nFollow this link to sign in:\n\n[link 1]\n\nThanks',
    createdAt: '2025-03-14T09:30:00.000+00:00',
    links: [{ index: 1, label: 'account-console://magic-url' }],
    ...overrides,
  }
}

/**
 * The calls a screen made on the person's behalf: without `server.get`, which the server store
 * asks on its own after every profile switch and sign-in (stores/server.ts).
 */
export function screenCalls(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => call.method !== 'server.get')
}

/** Puts the fake where the renderer looks for the preload's object. */
export function installApi(api: Api): void {
  Object.defineProperty(window, 'api', { value: api, configurable: true, writable: false })
}

type DeepPartialApi = { readonly [N in keyof Api]?: Partial<Api[N]> }

/** `namespace.method` of every method a partial fake defines. */
type PathsOf<T> = { [N in Exclude<keyof T, 'events'> & string]: `${N}.${keyof T[N] & string}` }[Exclude<keyof T, 'events'> & string]

/**
 * Compiles only when every contract method is either faked here or listed in UNFAKED: a method
 * added to the contract is a type error in createFakeApi, naming it, until the fake answers it.
 */
function everyMethodAnswered<_Missing extends never>(): void {}

/**
 * The methods this base leaves to the account part (account-fake.ts) and the activity part
 * (activity-fake.ts), and the few no part models (sandbox settings, consents, reading recovery
 * codes); here they answer an error value naming themselves.
 */
const UNFAKED = [
  // the account part
  'account.get',
  'account.updateName',
  'account.updateEmail',
  'account.updatePhone',
  'account.updatePassword',
  'account.block',
  'prefs.get',
  'prefs.update',
  'sessions.list',
  'sessions.remove',
  'sessions.removeOthers',
  'sessions.extendCurrent',
  'developer.createJwt',
  'security.getOverview',
  'alerts.history',
  'alerts.setMuted',
  // the activity part
  'logs.list',
  'logs.exportCsv',
  'identities.list',
  'identities.remove',
  'mfa.getFactors',
  'mfa.createAuthenticator',
  'mfa.verifyAuthenticator',
  'mfa.removeAuthenticator',
  'mfa.createRecoveryCodes',
  'mfa.regenerateRecoveryCodes',
  'mfa.saveRecoveryCodes',
  'mfa.setEnabled',
  'targets.list',
  'targets.createPush',
  'targets.updatePush',
  'targets.removePush',
  // no part
  'sandbox.getSettings',
  'sandbox.updateSettings',
  'consents.list',
  'consents.listTokens',
  'consents.removeToken',
  'consents.remove',
] as const satisfies readonly MethodPath[]
type UnfakedMethod = (typeof UNFAKED)[number]

/** The base with every UNFAKED method answering an error value that names it. */
function completeWithUnfaked(partial: DeepPartialApi): Api {
  const full: Record<string, Record<string, unknown>> = {}
  for (const [namespace, methods] of Object.entries(partial)) full[namespace] = { ...methods }
  for (const path of UNFAKED) {
    const [namespace = '', method = ''] = path.split('.')
    full[namespace] = {
      ...full[namespace],
      [method]: async (): Promise<Result<never>> => ({ ok: false, error: { type: 'internal_error', code: 0, message: `${path} is not faked` } }),
    }
  }
  return full as unknown as Api
}
