/**
 * `npm run server -- --port <p> --data <dir> [--project <id>] [--name <project name>]
 *   [--config file] [--rate-limits on|off] [--platform x]... [--smtp host:port] [--dev on|off] [--appwrite-version 1.9|2.3|both]
 *   [--dev-key key] [--dev-on-network] [--oidc-client-id id --oidc-client-secret secret --oidc-well-known url] [--local-provider on|off]`
 *
 * Prints `Local sandbox listening on http://127.0.0.1:<p>/v1 (project <id>)` once it accepts
 * requests, then — when the dev key was not given — `X-Sandbox-Dev-Key: <random key>` on its own
 * line. Bad flags → a message on stderr and exit code 2. SIGINT/SIGTERM close cleanly.
 */
import { isLoopbackHost } from './http/host-allow-list'
import { APPWRITE_ID_PATTERN } from '../src-shared/appwrite-rules'
import { MIN_DEV_KEY_LENGTH, randomDevKey } from './http/dev-key'
import { APPWRITE_VERSION_OPTIONS, ConfigError, startServer, type AppwriteVersionOption, type SandboxOptions } from './index'

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const USAGE = `Usage: npm run server -- --port <port> --data <dir> [options]

  --port <n>               port to listen on (0 = any free port)           default 8787
  --data <dir>             data folder for sandbox.db                        default ./.sandbox
  --host <address>         address to bind                                   default 127.0.0.1
  --project <id>           project id clients send as X-Appwrite-Project    default local
  --name <text>            project name (TOTP issuer, e-mails)              default "Local sandbox"
  --config <file>          JSON project configuration
  --rate-limits <on|off>   Appwrite's abuse limits                          default on
  --platform <host|scheme> extra allowed redirect hostname or URL scheme (repeatable)
  --smtp <host:port>       also deliver e-mails to this SMTP server
  --dev <on|off>           serve GET /v1/dev/outbox behind the dev key       default on
  --dev-key <key>          the X-Sandbox-Dev-Key for /v1/dev/* (16+ chars)   default random, printed
  --dev-on-network         DANGER: allow dev routes (sign-in links and codes) on a non-loopback --host
  --appwrite-version <v>   1.9 (no 2.x routes), 2.3 (no account logs) or both default both
  --oidc-client-id <id>, --oidc-client-secret <secret>, --oidc-well-known <url>
                           enable the generic "oidc" OAuth2 provider
  --max-connections <n>    open connections (HTTP and realtime) before new ones are refused
                                                                             default 256
  --local-provider <on|off> serve the Local test provider under /local-oidc/ and offer it
                           as "oidc" when no other oidc issuer is given       default on
  --help                   show this help`

function onOff(flag: string, value: string): boolean {
  if (value === 'on' || value === 'true') return true
  if (value === 'off' || value === 'false') return false
  throw new UsageError(`${flag} must be "on" or "off", got "${value}"`)
}

/** Parsed flags: sandbox options, plus whether the dev key was made up here (then it is printed). */
export type CliOptions = SandboxOptions & { help?: boolean; devKeyGenerated?: boolean }

/** Parse CLI arguments into sandbox options (pure apart from the random dev key, for tests). */
export function parseArgs(argv: readonly string[]): CliOptions {
  let port = 8787
  let dataDir = './.sandbox'
  let host: string | undefined
  let projectId: string | undefined
  let projectName: string | undefined
  let configFile: string | undefined
  let rateLimits = true
  let smtp: string | undefined
  let dev = true
  let appwriteVersion: AppwriteVersionOption = 'both'
  let devKey: string | undefined
  let devOnNetwork = false
  let localProvider = true
  let maxConnections: number | undefined
  const platforms: string[] = []
  const oidc: { clientId?: string; clientSecret?: string; wellKnown?: string } = {}

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return { dataDir, help: true }
    let flag = arg
    let value: string | undefined
    const eq = arg.indexOf('=')
    if (arg.startsWith('--') && eq !== -1) {
      flag = arg.slice(0, eq)
      value = arg.slice(eq + 1)
    }
    const next = (): string => {
      if (value !== undefined) return value
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--port': {
        const raw = next()
        const n = Number(raw)
        if (!/^\d+$/.test(raw) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${raw}"`)
        port = n
        break
      }
      case '--data':
        dataDir = next()
        break
      case '--host':
        host = next()
        break
      case '--project': {
        const id = next()
        if (!APPWRITE_ID_PATTERN.test(id)) throw new UsageError(`--project must be a valid Appwrite id, got "${id}"`)
        projectId = id
        break
      }
      case '--name':
        projectName = next()
        break
      case '--config':
        configFile = next()
        break
      case '--rate-limits':
        rateLimits = onOff(flag, next())
        break
      case '--platform':
        platforms.push(next().trim().toLowerCase())
        break
      case '--smtp': {
        const hp = next()
        if (!/^[^:\s]+:\d{1,5}$/.test(hp)) throw new UsageError(`--smtp must be host:port, got "${hp}"`)
        smtp = hp
        break
      }
      case '--dev':
        dev = onOff(flag, next())
        break
      case '--appwrite-version': {
        const raw = next()
        if (!(APPWRITE_VERSION_OPTIONS as readonly string[]).includes(raw)) {
          throw new UsageError(`--appwrite-version must be one of ${APPWRITE_VERSION_OPTIONS.join(', ')}, got "${raw}"`)
        }
        appwriteVersion = raw as AppwriteVersionOption
        break
      }
      case '--dev-key': {
        const key = next()
        if (key.length < MIN_DEV_KEY_LENGTH || /\s/.test(key)) {
          throw new UsageError(`--dev-key must be at least ${MIN_DEV_KEY_LENGTH} characters without spaces (it guards sign-in secrets)`)
        }
        devKey = key
        break
      }
      case '--dev-on-network':
        devOnNetwork = true
        break
      case '--max-connections': {
        const raw = next()
        const n = Number(raw)
        if (!/^\d+$/.test(raw) || n < 1 || n > 100_000) throw new UsageError(`--max-connections must be a number from 1 to 100000, got "${raw}"`)
        maxConnections = n
        break
      }
      case '--local-provider':
        localProvider = onOff(flag, next())
        break
      case '--oidc-client-id':
        oidc.clientId = next()
        break
      case '--oidc-client-secret':
        oidc.clientSecret = next()
        break
      case '--oidc-well-known':
        oidc.wellKnown = next()
        break
      default:
        throw new UsageError(`unknown option "${arg}"`)
    }
  }
  const hasOidc = oidc.clientId !== undefined || oidc.clientSecret !== undefined || oidc.wellKnown !== undefined
  if (hasOidc && (!oidc.clientId || !oidc.clientSecret || !oidc.wellKnown)) {
    throw new UsageError('--oidc-client-id, --oidc-client-secret and --oidc-well-known go together')
  }
  if (dev && host !== undefined && !isLoopbackHost(host) && !devOnNetwork) {
    throw new UsageError(
      `--host ${host} is reachable from other machines, and the dev routes hand out sign-in links and codes: add --dev off, or --dev-on-network if you really mean to serve them there`,
    )
  }
  const devKeyGenerated = dev && devKey === undefined
  return {
    dataDir,
    port,
    rateLimits,
    appwriteVersion,
    platforms,
    localProvider,
    ...(dev ? { devKey: devKey ?? randomDevKey(), devKeyGenerated } : {}),
    ...(dev && devOnNetwork ? { devOnNetwork } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(maxConnections !== undefined ? { maxConnections } : {}),
    ...(projectId !== undefined ? { projectId } : {}),
    ...(projectName !== undefined ? { projectName } : {}),
    ...(configFile !== undefined ? { configFile } : {}),
    ...(smtp !== undefined ? { smtp } : {}),
    ...(hasOidc
      ? {
          config: {
            oauthProviders: {
              oidc: {
                enabled: true,
                appId: oidc.clientId as string,
                secret: JSON.stringify({ clientSecret: oidc.clientSecret, wellKnownEndpoint: oidc.wellKnown }),
              },
            },
          },
        }
      : {}),
  }
}

async function main(): Promise<void> {
  let options: CliOptions
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`)
    process.exit(2)
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({ ...options, log: (line) => process.stderr.write(`${line}\n`) })
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `could not start the sandbox: ${(error as Error).message}`
    process.stderr.write(`${message}\n`)
    process.exit(error instanceof ConfigError ? 2 : 1)
  }
  process.stdout.write(`Local sandbox listening on ${server.url} (project ${server.projectId})\n`)
  // Scripts read the listening line as before; the key follows on its own line, ready to paste as a header.
  if (options.devKeyGenerated && options.devKey) process.stdout.write(`X-Sandbox-Dev-Key: ${options.devKey}\n`)
  if (options.devOnNetwork)
    process.stderr.write(`WARNING: dev routes are served on ${options.host ?? ''}: anyone with the dev key can read sign-in links and codes\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${signal}: closing the sandbox\n`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main()
}
