/**
 * Public entry of the local sandbox: `startServer(options)` → `{ url, port, close, outbox }`.
 * Used by the main process (in-process sandbox), by `cli.ts`, by the tests and the benchmark.
 * This folder imports nothing from src-main or src-renderer.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { OutboxMessage } from '../src-shared/appwrite'
import { APPWRITE_ID_PATTERN } from '../src-shared/appwrite-rules'
import { DEFAULT_PROJECT_CONFIG, loadProjectConfigFile, mergeProjectConfig, type ProjectConfig } from './config'
import { databaseFile, metaValue, openDatabase, randomHexKey } from './store/database'
import { ChangeDetector } from './store/change-detector'
import { createRateLimiter } from './http/rate-limit'
import { ReadCache } from './http/read-cache'
import { reportedVersion, routesForVersion, type AppwriteVersionOption } from './http/appwrite-version'
import { createRequestHandler } from './http/router'
import { hostAllowList, isLoopbackHost } from './http/host-allow-list'
import { redirectPolicy } from './http/redirect-url'
import { ROUTE_MODULES } from './http/routes/index'
import { listMessages } from './mail/outbox'
import { createSmtpDelivery } from './mail/smtp'
import type { Sandbox } from './sandbox'
import { RealtimeHub } from './realtime/hub'
import { createRealtimeEndpoint } from './realtime/endpoint'
import { createLocalProvider, LOCAL_PROVIDER_CLIENT_ID } from './oauth/local-provider'
import { oidcSecretJson } from './oauth/oidc'
import {
  effectiveConfig,
  loadStoredSettings,
  localSlotFree,
  patchedSettings,
  readMeta,
  saveStoredSettings,
  settingsDto,
  writeMeta,
  type LocalSlot,
} from './settings'
import type { SandboxSettingsDTO, SandboxSettingsPatch } from '../src-shared/sandbox-settings'

export { DEFAULT_PROJECT_CONFIG, mergeProjectConfig, loadProjectConfigFile, ConfigError, AUTH_METHODS } from './config'
export type { ProjectConfig, AuthMethod, OAuthProviderConfig, MockPhoneNumber } from './config'
export { APPWRITE_VERSION_OPTIONS, type AppwriteVersionOption } from './http/appwrite-version'
export type { OutboxMessage } from '../src-shared/appwrite'
export type { SandboxSettingsDTO, SandboxSettingsPatch } from '../src-shared/sandbox-settings'
export { LOCAL_PROVIDER_PATH, PRESET_IDENTITIES } from './oauth/local-provider'

export interface SandboxOptions {
  /** Folder for `sandbox.db` (created if missing). */
  readonly dataDir: string
  /** 0 (default) = any free port. */
  readonly port?: number
  /**
   * Keep the port across restarts: with `port` 0, the port this data folder had last time is
   * tried first (a new one only if it is taken), and the one bound is saved with the data.
   */
  readonly keepPort?: boolean
  /**
   * Serve the Local test provider (oauth/local-provider.ts) under `/local-oidc/` and, unless the
   * configuration sets `oidc` up otherwise, offer it as the project's `oidc` provider (on by default).
   */
  readonly localProvider?: boolean
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default `local`. */
  readonly projectId?: string
  /** Default `Local sandbox` (also the TOTP issuer). */
  readonly projectName?: string
  /** JSON project configuration file (see config.ts). */
  readonly configFile?: string
  /** Overrides applied after the file. */
  readonly config?: Partial<ProjectConfig>
  /** Appwrite's abuse limits; default true. Tests turn them off like Appwrite's own suite. */
  readonly rateLimits?: boolean
  /** Extra redirect hostnames or URL schemes (added to the config's). */
  readonly platforms?: readonly string[]
  /** `host:port` of an SMTP server that also receives every e-mail. */
  readonly smtp?: string
  /** The Appwrite API line to speak: `1.9`, `2.3` or `both` (default; see http/appwrite-version.ts). */
  readonly appwriteVersion?: AppwriteVersionOption
  /**
   * Serve the sandbox-only routes under `/v1/dev/` to requests carrying this key in
   * `X-Sandbox-Dev-Key` (http/dev-key.ts). Omitted: no dev routes at all — the app's embedded
   * sandbox reads the outbox in-process through `outbox()`.
   */
  readonly devKey?: string
  /** Allow dev routes on a non-loopback address (they hand out sign-in secrets to anyone who has the key). */
  readonly devOnNetwork?: boolean
  /**
   * Slow-client limits: all headers within `headersMs` (default 10 s), the whole request within
   * `requestMs` (default 30 s), checked every `checkIntervalMs` (default 1 s).
   */
  readonly timeouts?: { readonly headersMs?: number; readonly requestMs?: number; readonly checkIntervalMs?: number }
  /** Open connections beyond this are refused (default 256). */
  readonly maxConnections?: number
  readonly log?: (line: string) => void
}

export interface SandboxServer {
  /** `http://127.0.0.1:<port>/v1` */
  readonly url: string
  readonly port: number
  readonly projectId: string
  close(): Promise<void>
  /** Messages in the outbox, newest first (those whose secret was used or expired are pruned). */
  outbox(): Promise<OutboxMessage[]>
  /** The project settings the Sandbox screen shows (settings.ts). */
  settings(): SandboxSettingsDTO
  /** Changes, saves and applies settings at once; a bad value throws ConfigError and changes nothing. */
  updateSettings(patch: SandboxSettingsPatch): SandboxSettingsDTO
}

/** How the app embeds the sandbox: the port stays, and the Local test provider is offered. */
export const EMBEDDED_SANDBOX_OPTIONS = { port: 0, keepPort: true, localProvider: true } as const satisfies Partial<SandboxOptions>

const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000 } as const
const DEFAULT_MAX_CONNECTIONS = 256

export function resolveProjectConfig(options: SandboxOptions): ProjectConfig {
  let config = DEFAULT_PROJECT_CONFIG
  if (options.configFile) config = loadProjectConfigFile(options.configFile, config)
  if (options.config) config = mergeProjectConfig(config, options.config, 'options.config')
  if (options.projectName !== undefined) config = mergeProjectConfig(config, { name: options.projectName }, 'options.projectName')
  if (options.platforms && options.platforms.length > 0) config = mergeProjectConfig(config, { platforms: [...options.platforms] }, 'options.platforms')
  return config
}

export async function startServer(options: SandboxOptions): Promise<SandboxServer> {
  if (!options || typeof options.dataDir !== 'string' || options.dataDir === '') throw new Error('startServer: dataDir is required')
  const projectId = options.projectId ?? 'local'
  if (!APPWRITE_ID_PATTERN.test(projectId)) throw new Error(`startServer: invalid project id "${projectId}"`)
  const host = options.host ?? '127.0.0.1'
  const devKey = options.devKey ?? null
  if (devKey !== null && devKey === '') throw new Error('startServer: devKey must not be empty')
  if (devKey !== null && !isLoopbackHost(host) && options.devOnNetwork !== true) {
    throw new Error(
      `startServer: refusing to serve the dev routes (sign-in links and codes) on the non-loopback address ${host}; turn them off, or allow them on the network explicitly`,
    )
  }
  const log = options.log ?? (() => undefined)
  const baseConfig = resolveProjectConfig(options)
  const config = baseConfig
  // Real delivery is optional and best effort; the outbox stays the source of truth (mail/outbox.ts).
  const deliver = options.smtp ? createSmtpDelivery(options.smtp, { log, from: `${config.name} <no-reply@localhost>` }) : null

  const db = openDatabase(options.dataDir)
  const jwtKey = Buffer.from(
    metaValue(db, 'jwtKey', () => randomHexKey(32)),
    'hex',
  )
  let stored = loadStoredSettings(db, log)
  // Only on a loopback address: the provider signs anyone in as anyone, which is fine on this machine only.
  const localAvailable = options.localProvider === true && isLoopbackHost(host) && localSlotFree(baseConfig)
  const localSecret = localAvailable ? metaValue(db, 'localProviderSecret', () => randomHexKey(32)) : ''
  const localSlot: LocalSlot | null = localAvailable
    ? {
        entry: (enabled) => ({
          enabled,
          appId: LOCAL_PROVIDER_CLIENT_ID,
          secret: oidcSecretJson({
            clientSecret: localSecret,
            wellKnownEndpoint: app.endpoint === '' ? '' : localProvider.wellKnownUrl(),
            authorizationEndpoint: '',
            tokenEndpoint: '',
            userinfoEndpoint: '',
          }),
        }),
      }
    : null
  const changes = new ChangeDetector(db, databaseFile(options.dataDir))
  const app: Sandbox = {
    db,
    projectId,
    // The Local test provider joins once its address is known (after listening).
    config: effectiveConfig(config, stored, null, log),
    jwtKey,
    version: reportedVersion(options.appwriteVersion ?? 'both'),
    limiter: createRateLimiter(options.rateLimits !== false),
    cache: new ReadCache(db, changes),
    devKey,
    deliver,
    realtime: new RealtimeHub(db),
    endpoint: '',
    apiHost: '',
    // Nothing is served until the bound port is known.
    hosts: { allows: () => false, described: '' },
    redirectPolicy: redirectPolicy({ projectId, config }, host),
    log,
  }

  const apiOrigin = (): string => (app.endpoint === '' ? '' : new URL(app.endpoint).origin)
  const localProvider = createLocalProvider({
    origin: apiOrigin,
    hostAllowed: (h) => app.hosts.allows(h),
    clients: () =>
      localAvailable
        ? [
            {
              clientId: LOCAL_PROVIDER_CLIENT_ID,
              clientSecret: localSecret,
              redirectUris: [`${apiOrigin()}/v1/account/sessions/oauth2/callback/oidc/${projectId}`],
            },
          ]
        : [],
  })
  const handleApi = createRequestHandler(app, routesForVersion(ROUTE_MODULES, options.appwriteVersion ?? 'both'))

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const server: Server = createServer(
    // A slow or stalled client cannot hold a socket for minutes (Node's defaults are 60 s / 300 s).
    { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkIntervalMs },
    (req, res) => {
      if (localAvailable && localProvider.handle(req, res)) return
      handleApi(req, res)
    },
  )
  server.keepAliveTimeout = 10_000
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A client that hung up (ECONNRESET) gets nothing and logs nothing; a timed-out one gets
    // 408 as Node would send it; anything else unreadable gets 400.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
  })
  const realtime = createRealtimeEndpoint(app, app.realtime)
  server.on('upgrade', (req, socket, head) => {
    if (!realtime.upgrade(req, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    }
  })
  // Sessions that expire while their socket is idle end it too.
  const sweep = setInterval(() => app.realtime.sweep(), 30_000)
  sweep.unref()

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  const keptPort = options.keepPort === true && (options.port ?? 0) === 0 ? Number(readMeta(db, 'port') ?? 0) : 0
  try {
    if (keptPort > 0 && keptPort < 65_536) {
      // The port this data had last time, so addresses copied from the app stay good; a new one only if it is taken.
      await listen(keptPort).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error
        log(`port ${keptPort} is taken; listening on a new one`)
        await listen(0)
      })
    } else {
      await listen(options.port ?? 0)
    }
  } catch (error) {
    clearInterval(sweep)
    changes.close()
    db.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  if (options.keepPort === true) writeMeta(db, 'port', String(port))
  const apiHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${apiHost}:${port}/v1`
  app.endpoint = url
  app.apiHost = `${apiHost}:${port}`
  app.hosts = hostAllowList(host, port, config.platforms)
  // The Local test provider's address is known now.
  app.config = effectiveConfig(config, stored, localSlot, log)
  const version = options.appwriteVersion ?? 'both'

  let closing: Promise<void> | null = null
  return {
    url,
    port,
    projectId,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweep)
        realtime.close()
        server.close(() => {
          changes.close()
          db.close()
          resolve()
        })
        server.closeIdleConnections()
        for (const socket of sockets) socket.destroy()
      })
      return closing
    },
    async outbox() {
      return listMessages(db).messages
    },
    settings() {
      return settingsDto(app.config, stored, localAvailable, version)
    },
    updateSettings(patch) {
      const next = patchedSettings(config, stored, patch, localAvailable)
      saveStoredSettings(db, next)
      stored = next
      app.config = effectiveConfig(config, stored, localSlot, log)
      return settingsDto(app.config, stored, localAvailable, version)
    },
  }
}
