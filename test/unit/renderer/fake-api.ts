import type { Log, MfaFactor, MfaFactors, Target, User } from '../../../src-shared/appwrite'
import type {
  AlertDTO,
  AlertHistoryDTO,
  Api,
  ApiError,
  AppStatus,
  AuthState,
  ConsentDTO,
  ConsentTokenDTO,
  FlowDTO,
  FlowKind,
  IdentityDTO,
  KeychainStatus,
  LiveEventDTO,
  LiveStatusDTO,
  MailboxMessageDTO,
  Notice,
  ProfileDTO,
  ProfileInput,
  Result,
  SandboxSettingsDTO,
  SandboxSettingsPatch,
  SecurityOverview,
  ServerInfoDTO,
  SessionDTO,
} from '../../../src-shared/ipc'
import { vi } from 'vitest'
import {
  ERRORS,
  FAKE_CODE,
  FAKE_MFA_CODE,
  FAKE_PHRASE,
  KEYCHAIN_OK,
  LOCAL_SANDBOX,
  NO_ALERTS,
  OTHER_SESSION,
  PASSWORD,
  SERVER_1_9,
  makeAccount,
  makeOverview,
  makeSandboxSettings,
  makeSession,
  makeTarget,
} from './fake-records'

/**
 * The one in-memory `window.api` for renderer tests: the whole contract of src-shared/ipc.ts (the
 * `Api` type makes a method added there a type error here until the fake answers it), with a small
 * pretend main process and server behind it: profiles, accounts with their sessions and second
 * factors, flows, the outbox, and the records of the person signed in on the active profile
 * (sessions, logs, identities, targets, consents, alerts, the security overview, sandbox settings).
 * Tests read and change that state directly, shape what the next call answers, hold a call open, or
 * push an event from "main".
 */

/** Every method of the contract as `namespace.method`, derived from `Api`: a new method is in it at once. */
export type MethodPath = {
  [N in Exclude<keyof Api, 'events'>]: `${N}.${keyof Api[N] & string}`
}[Exclude<keyof Api, 'events'>]

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
  /** Profiles that start signed in (profile id → e-mail or user id of an account above). */
  readonly signedIn?: Readonly<Record<string, string>>
  /** Profiles whose server is "unreachable": a signed-in session reports `offline`. */
  readonly offline?: readonly string[]
  /** Profiles whose stored session is kept but whose account is not known (offline at start-up). */
  readonly offlineWithoutAccount?: readonly string[]
  /**
   * Accounts (by e-mail) with two-step sign-in on: a new session waits for a second factor from
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
  /** The sessions `sessions.list` answers (default: this device's and one other). */
  readonly sessions?: readonly SessionDTO[]
  /** The Local sandbox's settings (default: a fresh sandbox's, every method and the Local test provider on). */
  readonly sandbox?: SandboxSettingsDTO
}

export interface FakeApi {
  readonly api: Api
  readonly calls: RecordedCall[]
  /** The arguments of every call to `method`, in order. */
  callsOf(method: MethodPath): unknown[]
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

  /** The account signed in on the active profile, as the server keeps it (settable). */
  account: User
  /** That account's second factors (settable). */
  factors: MfaFactors
  // The server's records of that person.
  sessions: SessionDTO[]
  overview: SecurityOverview
  /** The sign-in alert history and mute setting, as main keeps them. */
  alerts: AlertHistoryDTO
  logs: Log[]
  /** Offsets from here are past what the "server" pages to (Appwrite's cap, appwrite-behaviour §9). */
  reachableLogs: number
  identities: IdentityDTO[]
  targets: Target[]
  consents: ConsentDTO[]
  /** A consent's token families, by consent id. */
  consentTokens: Record<string, ConsentTokenDTO[]>
  /** Appwrite's `mfaProtected`: true until an MFA challenge is completed in this session. */
  challengeRequired: boolean
  sandboxSettings: SandboxSettingsDTO
}

/** A method's answer with data, as main resolves it. */
export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
/** A method's answer with an error value, as main resolves a refusal. */
export const fail = <T>(error: ApiError): Result<T> => ({ ok: false, error })

interface AccountEntry {
  account: User
  password: string
  factors: MfaFactors
  recoveryCodes: Set<string>
}

const NO_FACTORS: MfaFactors = { totp: false, email: false, phone: false, recoveryCode: false }
const LATER = '2025-04-01T10:00:00.000+00:00'

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  let profiles: readonly ProfileDTO[] = options.profiles ?? [LOCAL_SANDBOX]
  let activeProfileId = options.activeProfileId ?? profiles[0]?.id ?? 'local'
  let startupCheckError = options.startupCheckError
  const keychain = options.keychain ?? KEYCHAIN_OK
  const server = options.server ?? SERVER_1_9
  const offline = new Set(options.offline ?? [])
  const offlineWithoutAccount = new Set(options.offlineWithoutAccount ?? [])
  /** Profiles whose session still waits for a second factor. */
  const pendingMfa = new Set<string>()
  const challenges = new Map<string, { profileId: string; factor: MfaFactor }>()
  const flows = new Map<string, FlowDTO & { readonly provider?: string }>()
  const mailbox = [...(options.mailbox ?? [])]
  let nextFlow = 1
  let nextChallenge = 1
  let nextProfile = 1
  let nextUser = 1
  let nextTarget = 2
  let nextCodes = 0

  /** Accounts by user id; signedInAs: profile id → user id. */
  const accounts = new Map<string, AccountEntry>()
  const signedInAs = new Map<string, string>()
  const addAccount = (account: User, password: string): AccountEntry => {
    const entry: AccountEntry = { account, password, factors: { ...NO_FACTORS }, recoveryCodes: new Set() }
    accounts.set(account.$id, entry)
    return entry
  }
  const byEmail = (email: string): AccountEntry | undefined =>
    [...accounts.values()].find((e) => e.account.email !== '' && e.account.email === email.toLowerCase())
  for (const { account, password } of options.accounts ?? []) addAccount({ ...account, email: account.email.toLowerCase() }, password)
  for (const [profileId, who] of Object.entries(options.signedIn ?? {})) {
    const entry = byEmail(who) ?? accounts.get(who)
    if (!entry) throw new Error(`${profileId} is signed in as ${who}, who is not among the accounts`)
    signedInAs.set(profileId, entry.account.$id)
  }
  for (const [email, setup] of Object.entries(options.mfa ?? {})) {
    const entry = byEmail(email)
    if (!entry) throw new Error(`mfa for ${email}, which is not among the accounts`)
    entry.account = { ...entry.account, mfa: true }
    entry.factors = { ...setup.factors }
    entry.recoveryCodes = new Set(setup.recoveryCodes ?? [])
  }

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

  function appStatus(): AppStatus {
    return { version: '0.1.0-test', keychain, profiles, activeProfileId }
  }

  function entryOn(profileId: string): AccountEntry | undefined {
    const userId = signedInAs.get(profileId)
    return userId === undefined ? undefined : accounts.get(userId)
  }

  function activeEntry(): AccountEntry {
    const entry = entryOn(activeProfileId)
    if (!entry) throw new Error(`nobody is signed in on ${activeProfileId}`)
    return entry
  }

  function stateOf(profileId: string): AuthState {
    if (offlineWithoutAccount.has(profileId)) return { profileId, status: 'offline', account: null }
    const entry = entryOn(profileId)
    if (!entry) return { profileId, status: 'signed-out', account: null }
    if (pendingMfa.has(profileId)) return { profileId, status: 'mfa-required', account: null, mfaFactors: { ...entry.factors } }
    return { profileId, status: offline.has(profileId) ? 'offline' : 'signed-in', account: entry.account }
  }

  /** A new session on a profile; it waits for a second factor when the account has two-step sign-in on. */
  function startSession(profileId: string, entry: AccountEntry): AuthState {
    signedInAs.set(profileId, entry.account.$id)
    const { totp, email, phone } = entry.factors
    if (entry.account.mfa && (totp || email || phone)) pendingMfa.add(profileId)
    else pendingMfa.delete(profileId)
    challenges.clear()
    return stateOf(profileId)
  }

  function endSession(profileId: string): void {
    signedInAs.delete(profileId)
    pendingMfa.delete(profileId)
  }

  function emitAuth(state: AuthState): void {
    for (const listener of [...authListeners]) listener(state)
  }

  function emitFlow(flow: FlowDTO): void {
    for (const listener of [...flowListeners]) listener(flow)
  }

  /** Codes and links create the account on first use, as Appwrite does (appwrite-behaviour §3.2). */
  function accountFor(email: string): AccountEntry {
    return byEmail(email) ?? addAccount(makeAccount({ $id: `user${nextUser++}`, name: '', email: email.toLowerCase() }), '')
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
        const entry = accountFor(flow.destination ?? `${flow.provider ?? 'oauth'}-user@example.com`)
        const state = startSession(flow.profileId, entry)
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

  /** The work of a call that needs a signed-in account on the profile. */
  function signedIn<T>(profileId: string, work: (entry: AccountEntry) => Result<T>): Result<T> {
    const entry = entryOn(profileId)
    return entry && !pendingMfa.has(profileId) ? work(entry) : fail(ERRORS.notSignedIn)
  }

  /** Appwrite checks the password only when the account has one; otherwise it sets it (appwrite-behaviour §3.2). */
  function passwordAccepted(entry: AccountEntry, password: string): boolean {
    return entry.account.passwordUpdate === '' || password === entry.password
  }

  function changed(entry: AccountEntry, change: Partial<User>): Result<User> {
    entry.account = { ...entry.account, ...change }
    return ok(entry.account)
  }

  function newRecoveryCodes(entry: AccountEntry): { recoveryCodes: string[] } {
    const seed = String.fromCharCode(97 + (nextCodes++ % 26))
    const codes = Array.from({ length: 6 }, (_, i) => `${seed}${i}`.padEnd(10, '0'))
    entry.recoveryCodes = new Set(codes)
    entry.factors = { ...entry.factors, recoveryCode: true }
    return { recoveryCodes: codes }
  }

  function sandboxProfile<T>(profileId: string, work: () => Result<T>): Result<T> {
    const profile = profiles.find((candidate) => candidate.id === profileId)
    if (!profile) return fail(ERRORS.noProfile)
    return profile.kind === 'sandbox' ? work() : fail(ERRORS.notSandbox)
  }

  function applySandboxPatch(patch: SandboxSettingsPatch): SandboxSettingsDTO {
    const { authMethods, oauthProviders, ...rest } = patch
    const before = world.sandboxSettings
    const providers = oauthProviders?.map((input) => {
      const known = before.oauthProviders.find((p) => p.name === input.name)
      return {
        name: input.name,
        enabled: input.enabled,
        appId: input.appId ?? known?.appId ?? '',
        secretSet: input.secret !== undefined || (known?.secretSet ?? false),
      }
    })
    world.sandboxSettings = {
      ...before,
      ...rest,
      authMethods: { ...before.authMethods, ...authMethods },
      oauthProviders: providers ? [...before.oauthProviders.filter((p) => !providers.some((n) => n.name === p.name)), ...providers] : before.oauthProviders,
    }
    return world.sandboxSettings
  }

  const api: Api = {
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
          endSession(args.profileId)
          if (activeProfileId === args.profileId) activeProfileId = profiles[0]?.id ?? 'local'
          return ok(appStatus())
        }),
    },
    auth: {
      getState: (args) => call('auth.getState', args, () => (knownProfile(args.profileId) ? ok(stateOf(args.profileId)) : fail(ERRORS.noProfile))),
      signUp: (args) =>
        call('auth.signUp', args, () => {
          if (byEmail(args.email)) return fail(ERRORS.alreadyExists)
          if (args.password.length < 8 || args.password.length > 256) return fail(ERRORS.shortPassword)
          const entry = addAccount(makeAccount({ $id: `user${nextUser++}`, name: args.name, email: args.email.toLowerCase() }), args.password)
          return ok(startSession(args.profileId, entry))
        }),
      signInWithPassword: (args) =>
        call('auth.signInWithPassword', args, () => {
          const entry = byEmail(args.email)
          if (!entry || entry.password === '' || entry.password !== args.password) return fail(ERRORS.invalidCredentials)
          return ok(startSession(args.profileId, entry))
        }),
      signInAnonymously: (args) =>
        call('auth.signInAnonymously', args, () =>
          ok(startSession(args.profileId, addAccount(makeAccount({ $id: `guest${nextUser++}`, name: '', email: '', passwordUpdate: '' }), ''))),
        ),
      signOut: (args) =>
        call('auth.signOut', args, () => {
          endSession(args.profileId)
          offlineWithoutAccount.delete(args.profileId)
          return ok(stateOf(args.profileId))
        }),
      signOutEverywhere: (args) =>
        call('auth.signOutEverywhere', args, () => {
          if (!signedInAs.has(args.profileId)) return fail(ERRORS.notSignedIn)
          endSession(args.profileId)
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
          if (!byEmail(args.email)) return fail(ERRORS.userNotFound)
          // As main: a code when the server offers recovery by code, else a link.
          if (server.capabilities.recoveryByCode) return startFlow(args.profileId, 'recovery-code', { destination: args.email, phrase: args.phrase === true })
          return startFlow(args.profileId, 'recovery', { destination: args.email })
        }),
      verifyCode: (args) =>
        call('auth.verifyCode', args, () => {
          const flow = waitingFlow(args.flowId, ['email-otp', 'phone-otp'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          const destination = flow.destination ?? ''
          const entry =
            flow.kind === 'phone-otp'
              ? ([...accounts.values()].find((e) => e.account.phone === destination) ??
                addAccount(makeAccount({ $id: `user${nextUser++}`, email: '', phone: destination }), ''))
              : accountFor(destination)
          const state = startSession(flow.profileId, entry)
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
          return ok(startSession(flow.profileId, entry))
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
      get: (args) => call('server.get', args, () => (knownProfile(args.profileId) ? ok(server) : fail(ERRORS.noProfile))),
    },
    sandbox: {
      getSettings: (args) => call('sandbox.getSettings', args, () => sandboxProfile(args.profileId, () => ok(world.sandboxSettings))),
      updateSettings: (args) => call('sandbox.updateSettings', args, () => sandboxProfile(args.profileId, () => ok(applySandboxPatch(args.settings)))),
    },
    mailbox: {
      list: (args) => call('mailbox.list', args, () => sandboxProfile(args.profileId, () => ok([...mailbox]))),
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
    account: {
      get: (args) => call('account.get', args, () => signedIn(args.profileId, (entry) => ok(entry.account))),
      updateName: (args) => call('account.updateName', args, () => signedIn(args.profileId, (entry) => changed(entry, { name: args.name }))),
      updateEmail: (args) =>
        call('account.updateEmail', args, () =>
          signedIn(args.profileId, (entry) => {
            if (!passwordAccepted(entry, args.password)) return fail(ERRORS.invalidCredentials)
            const first = entry.account.passwordUpdate === ''
            if (first) entry.password = args.password
            return changed(entry, { email: args.email.toLowerCase(), emailVerification: false, ...(first ? { passwordUpdate: LATER } : {}) })
          }),
        ),
      updatePhone: (args) =>
        call('account.updatePhone', args, () =>
          signedIn(args.profileId, (entry) =>
            passwordAccepted(entry, args.password) ? changed(entry, { phone: args.phone, phoneVerification: false }) : fail(ERRORS.invalidCredentials),
          ),
        ),
      updatePassword: (args) =>
        call('account.updatePassword', args, () =>
          signedIn(args.profileId, (entry) => {
            if (entry.account.passwordUpdate !== '' && args.oldPassword !== entry.password) return fail(ERRORS.invalidCredentials)
            entry.password = args.password
            return changed(entry, { passwordUpdate: LATER })
          }),
        ),
      block: (args) =>
        call('account.block', args, () =>
          signedIn(args.profileId, (entry) => {
            entry.account = { ...entry.account, status: false }
            endSession(args.profileId)
            const state = stateOf(args.profileId)
            emitAuth(state)
            return ok(state)
          }),
        ),
      sendEmailVerification: (args) =>
        call('account.sendEmailVerification', args, () =>
          startFlow(args.profileId, 'verify-email', { destination: entryOn(args.profileId)?.account.email ?? '' }),
        ),
      sendEmailVerificationCode: (args) =>
        call('account.sendEmailVerificationCode', args, () =>
          startFlow(args.profileId, 'verify-email-code', { destination: entryOn(args.profileId)?.account.email ?? '', phrase: args.phrase === true }),
        ),
      confirmEmailVerification: (args) =>
        call('account.confirmEmailVerification', args, () => {
          const flow = waitingFlow(args.flowId, ['verify-email-code'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          const entry = entryOn(flow.profileId)
          if (!entry) return fail(ERRORS.notSignedIn)
          // As main: the server has the address verified before the flow is reported completed.
          entry.account = { ...entry.account, emailVerification: true }
          moveFlow(flow.flowId, { status: 'completed' })
          return ok(entry.account)
        }),
      sendPhoneVerification: (args) =>
        call('account.sendPhoneVerification', args, () => startFlow(args.profileId, 'verify-phone', { destination: '+14155550123' })),
      confirmPhoneVerification: (args) =>
        call('account.confirmPhoneVerification', args, () => {
          const flow = waitingFlow(args.flowId, ['verify-phone'])
          if (!flow) return fail(ERRORS.flowNotFound)
          if (args.code !== FAKE_CODE) return fail(ERRORS.invalidToken)
          const entry = entryOn(flow.profileId)
          if (!entry) return fail(ERRORS.notSignedIn)
          entry.account = { ...entry.account, phoneVerification: true }
          moveFlow(flow.flowId, { status: 'completed' })
          return ok(entry.account)
        }),
    },
    prefs: {
      get: (args) => call('prefs.get', args, () => signedIn(args.profileId, (entry) => ok({ ...entry.account.prefs }))),
      update: (args) =>
        call('prefs.update', args, () =>
          signedIn(args.profileId, (entry) => {
            entry.account = { ...entry.account, prefs: { ...args.prefs } }
            return ok({ ...entry.account.prefs })
          }),
        ),
    },
    sessions: {
      list: (args) => call('sessions.list', args, () => ok([...world.sessions])),
      remove: (args) =>
        call('sessions.remove', args, () => {
          if (!world.sessions.some((s) => s.$id === args.sessionId)) return fail(ERRORS.sessionNotFound)
          world.sessions = world.sessions.filter((s) => s.$id !== args.sessionId)
          return ok([...world.sessions])
        }),
      removeOthers: (args) =>
        call('sessions.removeOthers', args, () => {
          world.sessions = world.sessions.filter((s) => s.current)
          return ok([...world.sessions])
        }),
      extendCurrent: (args) =>
        call('sessions.extendCurrent', args, () => {
          const current = world.sessions.find((s) => s.current)
          if (!current) return fail(ERRORS.sessionNotFound)
          const extended = { ...current, expire: '2027-01-01T12:00:00.000+00:00' }
          world.sessions = world.sessions.map((s) => (s.current ? extended : s))
          return ok(extended)
        }),
    },
    logs: {
      list: (args) =>
        call('logs.list', args, () => {
          const offset = args.offset ?? 0
          if (offset >= world.reachableLogs) return ok({ total: world.logs.length, logs: [], olderUnreachable: true })
          const end = Math.min(offset + (args.limit ?? 25), world.reachableLogs)
          return ok({ total: world.logs.length, logs: world.logs.slice(offset, end) })
        }),
      exportCsv: (args) => call('logs.exportCsv', args, () => ok({ path: '/home/ada/activity.csv', rows: world.logs.length })),
    },
    identities: {
      list: (args) => call('identities.list', args, () => ok([...world.identities])),
      remove: (args) =>
        call('identities.remove', args, () => {
          if (!world.identities.some((i) => i.$id === args.identityId)) return fail(ERRORS.identityNotFound)
          world.identities = world.identities.filter((i) => i.$id !== args.identityId)
          return ok([...world.identities])
        }),
    },
    mfa: {
      getFactors: (args) => call('mfa.getFactors', args, () => signedIn(args.profileId, (entry) => ok({ ...entry.factors }))),
      createAuthenticator: (args) =>
        call('mfa.createAuthenticator', args, () =>
          ok({
            secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
            uri: 'otpauth://totp/Local%20sandbox:ada%40example.com?issuer=Local%20sandbox&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          }),
        ),
      verifyAuthenticator: (args) =>
        call('mfa.verifyAuthenticator', args, () =>
          signedIn(args.profileId, (entry) => {
            if (args.otp !== FAKE_MFA_CODE) return fail(ERRORS.invalidToken)
            entry.factors = { ...entry.factors, totp: true }
            return ok(entry.account)
          }),
        ),
      removeAuthenticator: (args) =>
        call('mfa.removeAuthenticator', args, () =>
          signedIn(args.profileId, (entry) => {
            if (world.challengeRequired) return fail(ERRORS.challengeRequired)
            entry.factors = { ...entry.factors, totp: false }
            return ok({ ...entry.factors })
          }),
        ),
      createRecoveryCodes: (args) => call('mfa.createRecoveryCodes', args, () => signedIn(args.profileId, (entry) => ok(newRecoveryCodes(entry)))),
      regenerateRecoveryCodes: (args) =>
        call('mfa.regenerateRecoveryCodes', args, () =>
          signedIn(args.profileId, (entry) => (world.challengeRequired ? fail(ERRORS.challengeRequired) : ok(newRecoveryCodes(entry)))),
        ),
      saveRecoveryCodes: (args) => call('mfa.saveRecoveryCodes', args, () => ok({ path: '/home/ada/recovery-codes.txt' })),
      setEnabled: (args) => call('mfa.setEnabled', args, () => signedIn(args.profileId, (entry) => changed(entry, { mfa: args.enabled }))),
      createChallenge: (args) =>
        call('mfa.createChallenge', args, () => {
          const entry = entryOn(args.profileId)
          if (!entry) return fail(ERRORS.notSignedIn)
          const id = `challenge-${nextChallenge++}`
          challenges.set(id, { profileId: args.profileId, factor: args.factor })
          return ok({ $id: id, $createdAt: '2025-03-14T09:26:53.000+00:00', userId: entry.account.$id, expire: '2025-03-14T10:26:53.000+00:00' })
        }),
      completeChallenge: (args) =>
        call('mfa.completeChallenge', args, () => {
          const challenge = challenges.get(args.challengeId)
          const entry = entryOn(args.profileId)
          if (!challenge || challenge.profileId !== args.profileId || !entry) return fail(ERRORS.invalidToken)
          if (challenge.factor === 'recoverycode') {
            if (!entry.recoveryCodes.has(args.otp)) return fail(ERRORS.invalidToken)
            entry.recoveryCodes.delete(args.otp)
          } else if (args.otp !== FAKE_MFA_CODE) {
            return fail(ERRORS.invalidToken)
          }
          challenges.delete(args.challengeId)
          // The second step of a sign-in, or a fresh challenge that lets sensitive changes through.
          if (!pendingMfa.delete(args.profileId)) world.challengeRequired = false
          return ok(stateOf(args.profileId))
        }),
    },
    targets: {
      list: (args) => call('targets.list', args, () => ok([...world.targets])),
      createPush: (args) =>
        call('targets.createPush', args, () => {
          if (world.targets.some((t) => t.identifier === args.identifier)) return fail(ERRORS.targetExists)
          const target = makeTarget({ $id: `target${nextTarget++}`, identifier: args.identifier, providerId: args.providerId ?? null })
          world.targets = [...world.targets, target]
          return ok(target)
        }),
      updatePush: (args) =>
        call('targets.updatePush', args, () => {
          const found = world.targets.find((t) => t.$id === args.targetId)
          if (!found) return fail(ERRORS.targetNotFound)
          const updated = { ...found, identifier: args.identifier }
          world.targets = world.targets.map((t) => (t.$id === args.targetId ? updated : t))
          return ok(updated)
        }),
      removePush: (args) =>
        call('targets.removePush', args, () => {
          world.targets = world.targets.filter((t) => t.$id !== args.targetId)
          return ok([...world.targets])
        }),
    },
    developer: {
      createJwt: (args) =>
        call('developer.createJwt', args, () => ok({ expiresAt: new Date(Date.now() + (args.duration ?? 900) * 1000).toISOString(), preview: 'eyJ0eXAiOi…' })),
    },
    security: {
      getOverview: (args) => call('security.getOverview', args, () => ok(world.overview)),
    },
    consents: {
      list: (args) => call('consents.list', args, () => ok([...world.consents])),
      listTokens: (args) => call('consents.listTokens', args, () => ok([...(world.consentTokens[args.consentId] ?? [])])),
      removeToken: (args) =>
        call('consents.removeToken', args, () => {
          const left = (world.consentTokens[args.consentId] ?? []).filter((t) => t.$id !== args.tokenId)
          world.consentTokens[args.consentId] = left
          return ok([...left])
        }),
      remove: (args) =>
        call('consents.remove', args, () => {
          if (!world.consents.some((c) => c.$id === args.consentId)) return fail(ERRORS.consentNotFound)
          world.consents = world.consents.filter((c) => c.$id !== args.consentId)
          return ok([...world.consents])
        }),
    },
    alerts: {
      history: (args) => call('alerts.history', args, () => ok(world.alerts)),
      setMuted: (args) =>
        call('alerts.setMuted', args, () => {
          world.alerts = { ...world.alerts, muted: args.muted }
          return ok(world.alerts)
        }),
    },
    events: {
      onAuthChanged: (listener) => subscribe(authListeners, listener),
      onNotice: (listener) => subscribe(noticeListeners, listener),
      onFlowUpdated: (listener) => subscribe(flowListeners, listener),
      onKeychainChanged: (listener) => subscribe(keychainListeners, listener),
      onLiveEvent: (listener) => subscribe(liveEventListeners, listener),
      onLiveStatus: (listener) => subscribe(liveStatusListeners, listener),
      onAlert: (listener) => subscribe(alertListeners, listener),
      onAlertOpened: (listener) => subscribe(alertOpenedListeners, listener),
    },
  }

  const world: FakeApi = {
    api,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    failNext: (method, error) => void failures.set(method, error),
    rejectNext: (method, reason) => void rejections.set(method, reason),
    holdNext(method) {
      let release: () => void = () => undefined
      holds.set(method, new Promise<void>((resolve) => (release = resolve)))
      return { release: () => release() }
    },
    emitAuthChanged(state) {
      if (state.status === 'signed-out') endSession(state.profileId)
      emitAuth(state)
    },
    emitKeychainChanged: (status) => emit(keychainListeners, status),
    emitLiveEvent: (event) => emit(liveEventListeners, event),
    emitLiveStatus: (status) => emit(liveStatusListeners, status),
    emitAlert: (alert) => emit(alertListeners, alert),
    emitAlertOpened: (alert) => emit(alertOpenedListeners, alert),
    emitNotice: (notice) => emit(noticeListeners, notice),
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
      [authListeners, noticeListeners, flowListeners, keychainListeners, liveEventListeners, liveStatusListeners, alertListeners, alertOpenedListeners].reduce(
        (sum, listeners) => sum + listeners.size,
        0,
      ),
    stateOf,
    profiles: () => profiles,

    get account() {
      return activeEntry().account
    },
    set account(account) {
      activeEntry().account = account
    },
    get factors() {
      return activeEntry().factors
    },
    set factors(factors) {
      activeEntry().factors = factors
    },
    sessions: [...(options.sessions ?? [makeSession(), OTHER_SESSION])],
    overview: makeOverview(),
    alerts: NO_ALERTS,
    logs: [],
    reachableLogs: Number.POSITIVE_INFINITY,
    identities: [],
    targets: [],
    consents: [],
    consentTokens: {},
    challengeRequired: true,
    sandboxSettings: options.sandbox ?? makeSandboxSettings(),
  }
  return world
}

function subscribe<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function emit<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) listener(value)
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

/**
 * A fake signed in on the Local sandbox profile as Ada (`user1`, password PASSWORD), installed as
 * `window.api`: what the account screens start from.
 */
export function installSignedIn(options: FakeApiOptions & { readonly account?: Partial<User> } = {}): FakeApi {
  const { account: overrides, ...rest } = options
  const account = makeAccount({ $id: 'user1', ...overrides })
  const fake = createFakeApi({ ...rest, accounts: [{ account, password: PASSWORD }], signedIn: { local: account.$id } })
  installApi(fake.api)
  return fake
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

/** Waits, with a deadline, until `check` stops throwing (an answer arrived and was drawn). */
export async function eventually(check: () => void): Promise<void> {
  await vi.waitFor(check, { timeout: 5000 })
}
