/**
 * The main-process core: everything in main except the few lines that need Electron.
 * `createCore(host, deps)` wires secrets, profiles, the Appwrite client and the IPC handler table,
 * starts the local sandbox, and exposes the two entries the shell (or the test harness) calls:
 * `invoke` for IPC and `handleDeepLink` for every URL the OS hands us.
 */
import type { OutboxMessage } from '../../src-shared/appwrite'
import type { AppStatus, KeychainStatus, MethodKey, Result, SandboxSettingsDTO, SandboxSettingsPatch } from '../../src-shared/ipc'
import { createAccountClient } from './appwrite'
import { consoleUserAgent } from './user-agent'
import { AuthService } from './auth/auth-service'
import { toApiError, CoreError } from './auth/errors'
import { FlowJournal } from './auth/flow-journal'
import { FlowRegistry } from './auth/flows'
import { LinkEntry } from './auth/links'
import { openLoopbackListener } from './auth/loopback'
import { SignInFlows } from './auth/sign-in-flows'
import { Mailbox } from './mailbox/mailbox'
import { SandboxSettings } from './sandbox/sandbox-settings'
import type { Host } from './host'
import { runHandler, type HandlerTable, type MethodHandler } from './ipc/handler'
import { createHandlerTable } from './ipc/table'
import { registerCallbackScheme } from './profiles/callback-scheme'
import { ProfileStore } from './profiles/profile-store'
import { securePrivateDataFolder } from './storage/data-folder'
import { ServerDirectory } from './server/server-info'
import { LiveFeeds } from './live/live-feeds'
import { AlertHistory } from './live/alert-history'
import { SignInAlerts } from './live/alerts'
import { OwnWrites } from './live/own-writes'
import { probeSecretStore } from './secrets/probe'
import { ResilientSecretStore } from './secrets/resilient-store'
import type { SecretStore } from './secrets/secret-store'
import { join } from 'node:path'

export type { DesktopNotification, Host } from './host'

export interface RunningSandbox {
  readonly url: string
  /** Its outbox, read in-process for the Dev Mailbox (the embedded sandbox serves no dev routes). */
  outbox(): Promise<readonly OutboxMessage[]>
  /** Its project settings, read and changed in-process for the Sandbox screen. */
  settings(): SandboxSettingsDTO
  updateSettings(patch: SandboxSettingsPatch): SandboxSettingsDTO
  close(): Promise<void>
}

export interface CoreDeps {
  /** Opens the keychain; the probe falls back to memory when this fails. */
  openSecretStore(): Promise<SecretStore>
  /** Starts the local sandbox with its data under `dataDir`. */
  startSandbox(dataDir: string): Promise<RunningSandbox>
  /** How long one Appwrite request may take, answer included; DEFAULT_TIMEOUT_MS (30 s) when left out (tests shorten it). */
  readonly requestTimeoutMs?: number
}

export interface Core {
  /** Answers one IPC call. `channelKey` is `namespace.method`; unknown keys get an error value. */
  invoke(channelKey: string, arg: unknown): Promise<Result<unknown>>
  /** The single entry for deep links from open-url, second-instance and cold-start argv. */
  handleDeepLink(url: unknown): Promise<void>
  readonly keychain: KeychainStatus
  /** The OS says the network went away or came back: live feeds pause and resume. */
  setOnline(online: boolean): void
  dispose(): Promise<void>
}

export async function createCore(host: Host, deps: CoreDeps): Promise<Core> {
  // Before anything is written there: only this user may read the data folder.
  await securePrivateDataFolder(host.dataDir)
  const [{ store: probed, status: probedStatus }, sandbox] = await Promise.all([
    probeSecretStore(() => deps.openSecretStore()),
    deps.startSandbox(join(host.dataDir, 'sandbox')),
  ])
  const [{ store: profiles, recovered }, pendingFlows, alertHistory] = await Promise.all([
    ProfileStore.open(host.dataDir, sandbox.url),
    FlowJournal.open(host.dataDir, host.log),
    AlertHistory.open(host.dataDir, host.log),
  ])
  if (probedStatus.kind === 'memory') host.log(`keychain unavailable, using memory: ${probedStatus.reason}`)
  // A keychain that answered the probe can still fail later; sessions then wait in memory.
  const resilient = probed.kind === 'keychain' ? new ResilientSecretStore(probed, (s) => host.emit('keychainChanged', s), host.log) : null
  const secrets: SecretStore = resilient ?? probed
  const keychainStatus = (): KeychainStatus => resilient?.status() ?? probedStatus
  for (const profile of profiles.list()) registerCallbackScheme(host, profile)

  // The response format follows the server's API line, once known (server/server-info.ts).
  let responseFormat = (_profileId: string): string | undefined => undefined
  // Every request of the app goes through a watched client, so the events our own writes and
  // sign-ins cause are never raised as sign-in alerts (live/own-writes.ts).
  const ownWrites = new OwnWrites(() => host.now())
  const clientFor = (profileId: string) => {
    const profile = profiles.get(profileId)
    if (!profile) throw new CoreError('no_profile')
    const format = responseFormat(profileId)
    const client = createAccountClient({
      endpoint: profile.endpoint,
      projectId: profile.projectId,
      userAgent: consoleUserAgent(host.appVersion),
      ...(format !== undefined ? { responseFormat: format } : {}),
      ...(deps.requestTimeoutMs !== undefined ? { timeoutMs: deps.requestTimeoutMs } : {}),
    })
    return ownWrites.watch(profileId, client)
  }
  const auth = new AuthService(host, profiles, secrets, clientFor)
  const servers = new ServerDirectory({
    host,
    profiles,
    guestClient: clientFor,
    withSession: (id, call) => auth.withSession(id, call),
    signedIn: (id) => profiles.signedIn(id) !== null,
  })
  responseFormat = (id) => servers.responseFormat(id)
  auth.serverCheck = (id) => servers.refresh(id)
  const alerts = new SignInAlerts({ host, profiles, ownWrites, history: alertHistory })
  // One Realtime subscription per signed-in profile, following sign-ins and sign-outs.
  const live = new LiveFeeds({
    host,
    profile: (id) => profiles.get(id) ?? null,
    session: (id) => auth.heldSession(id),
    currentSessionId: (id) => auth.withSession(id, (client) => client.getSession({ sessionId: 'current' })).then((session) => session.$id),
    recheck: (id) => auth.confirmSession(id),
    observe: (event) => alerts.observe(event),
  })
  auth.sessionListener = {
    changed: (state) => {
      alerts.accountSeen(state.profileId, state.account)
      live.authChanged(state)
    },
    ending: (id) => live.endingHere(id),
    lost: (id) => live.lost(id),
  }
  // The loopback listener hands its links to the link entry, which needs the registry: the
  // closure is only called once both exist.
  const flows: FlowRegistry = new FlowRegistry({
    host,
    profile: (id) => profiles.get(id),
    openLoopback: () => openLoopbackListener((url) => links.fromLoopback(url)),
    journal: { restored: pendingFlows.entries, save: (entries) => pendingFlows.journal.save(entries) },
  })
  const links: LinkEntry = new LinkEntry({ host, auth, flows, profiles, clientFor })
  const sandboxSettings = new SandboxSettings({
    profile: (id) => profiles.get(id),
    read: () => sandbox.settings(),
    write: (patch) => sandbox.updateSettings(patch),
  })
  const signIn = new SignInFlows({
    host,
    auth,
    flows,
    profiles,
    clientFor,
    capabilities: (id) => servers.get(id).then((info) => info.capabilities),
    sandboxProviders: () => sandboxSettings.providers(),
  })
  const mailbox = new Mailbox({ profile: (id) => profiles.get(id), openLink: (url) => links.receive(url), outbox: () => sandbox.outbox() })
  const status = (): AppStatus => ({
    version: host.appVersion,
    keychain: keychainStatus(),
    profiles: profiles.list(),
    activeProfileId: profiles.activeProfileId,
  })
  // Start-up notices are handed out by app.start: no window listens for events while main starts.
  const startupNotices = [recovered, pendingFlows.notice].flatMap((message) => (message ? [{ level: 'warning' as const, message }] : []))
  const table: HandlerTable = createHandlerTable({
    host,
    auth,
    profiles,
    secrets,
    flows,
    signIn,
    links,
    mailbox,
    sandboxSettings,
    servers,
    alerts,
    status,
    startupNotices,
  })
  if (recovered) host.log(recovered)
  let disposed: Promise<void> | null = null

  return {
    get keychain() {
      return keychainStatus()
    },
    async invoke(channelKey, arg) {
      if (!Object.hasOwn(table, channelKey)) {
        return { ok: false, error: toApiError(new CoreError('invalid_argument', `Unknown method ${String(channelKey).slice(0, 80)}`)) }
      }
      const handler = table[channelKey as MethodKey] as unknown as MethodHandler<MethodKey>
      return runHandler(handler, arg, host.log)
    },
    handleDeepLink(url) {
      return links.fromOs(url)
    },
    setOnline(online) {
      live.setOnline(online)
    },
    dispose() {
      live.dispose()
      // The last write of the pending flows must land before the app (or the test harness) quits.
      resilient?.dispose()
      disposed ??= Promise.all([flows.dispose(), sandbox.close(), alerts.settled()]).then(() => pendingFlows.journal.flushed())
      return disposed
    },
  }
}
