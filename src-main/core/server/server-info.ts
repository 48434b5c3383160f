/**
 * Which Appwrite a profile talks to, and what it offers (issue 11 item 1). The version comes from
 * the public `GET /v1/health/version` (or, when that is refused, from the `version` every Appwrite
 * error body carries); the capabilities follow from the version's API line, except account logs,
 * which are learnt from `GET /account/logs` itself once signed in: 2.x servers lack them, and so do
 * self-hosted 1.9.6 builds from after mid-2026 (appwrite-behaviour §13.8, §13.9).
 *
 * The answer is cached with the profile (profiles.json, no secret in it) and asked again at every
 * sign-in. Screens ask `capabilities`, never the version string.
 */
import type { ServerCapabilities, ServerInfoDTO } from '../../../src-shared/ipc'
import { AppwriteError, NetworkError, Query, RESPONSE_FORMAT, RESPONSE_FORMAT_2X, type AccountClient } from '../appwrite'
import type { Host } from '../host'
import type { ProfileStore, ServerRecord } from '../profiles/profile-store'

/** `major.minor` of a reported version (`2.3.0`, `1.9.6-rc1`…), or null when it is not one. */
export function versionNumbers(version: string): { readonly major: number; readonly minor: number } | null {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim())
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null
}

function atLeast(version: { major: number; minor: number } | null, major: number, minor: number): boolean {
  return version !== null && (version.major > major || (version.major === major && version.minor >= minor))
}

/**
 * The 2.x additions by the Cloud spec each first appears in (appwrite-behaviour §13.9). Unknown
 * account logs count as present on the 1.x line (the screen then asks, and says so if they are
 * gone) and absent on 2.x, whose specs have none.
 */
export function capabilitiesFor(version: string, accountLogs: boolean | null): ServerCapabilities {
  const numbers = versionNumbers(version)
  const twoX = atLeast(numbers, 2, 0)
  return {
    recoveryByCode: atLeast(numbers, 2, 3),
    verificationByCode: atLeast(numbers, 2, 2),
    consents: twoX,
    idTokenSessions: atLeast(numbers, 2, 1),
    accountLogs: accountLogs ?? !twoX,
  }
}

/** The response format to ask a server for: 2.3.0 on the 2.x line, our 1.x format otherwise. */
export function responseFormatFor(version: string | null): string {
  return version !== null && atLeast(versionNumbers(version), 2, 0) ? RESPONSE_FORMAT_2X : RESPONSE_FORMAT
}

export function toServerInfo(record: ServerRecord | null): ServerInfoDTO {
  return {
    version: record?.version ?? '',
    capabilities: capabilitiesFor(record?.version ?? '', record?.accountLogs ?? null),
    checkedAt: record?.checkedAt ?? '',
  }
}

/** The `version` of an Appwrite error body, if it has one. */
function versionInErrorBody(error: AppwriteError): string | null {
  if (error.response === undefined) return null
  try {
    const body: unknown = JSON.parse(error.response)
    const version = typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined
    return typeof version === 'string' && version !== '' ? version : null
  } catch {
    return null
  }
}

export async function readServerVersion(client: AccountClient): Promise<string> {
  try {
    return (await client.getServerVersion()).version
  } catch (error) {
    // A proxy or an older setup may refuse the health route; Appwrite's error still names itself.
    if (error instanceof AppwriteError) {
      const version = versionInErrorBody(error)
      if (version !== null) return version
    }
    throw error
  }
}

/**
 * Whether `GET /account/logs` exists, asked with a signed-in client: a 404 `general_route_not_found`
 * means gone; any other refusal (MFA still pending…) says nothing, so null.
 */
export async function probeAccountLogs(client: AccountClient): Promise<boolean | null> {
  try {
    await client.listLogs({ queries: [Query.limit(1)], total: false })
    return true
  } catch (error) {
    if (error instanceof AppwriteError && error.code === 404 && error.type === 'general_route_not_found') return false
    if (error instanceof AppwriteError || error instanceof NetworkError) return null
    throw error
  }
}

export interface ServerDirectoryDeps {
  readonly host: Pick<Host, 'now' | 'log'>
  readonly profiles: ProfileStore
  /** A client without a session, for the public version route. */
  readonly guestClient: (profileId: string) => AccountClient
  /** Runs a call with the profile's session (only asked when `signedIn` says there is one). */
  readonly withSession: <T>(profileId: string, call: (client: AccountClient) => Promise<T>) => Promise<T>
  readonly signedIn: (profileId: string) => boolean
}

export class ServerDirectory {
  constructor(private readonly deps: ServerDirectoryDeps) {}

  /** The cached record (null = never asked). */
  cached(profileId: string): ServerRecord | null {
    return this.deps.profiles.server(profileId)
  }

  /** For `createAccountClient`: what to put in `X-Appwrite-Response-Format`. */
  responseFormat(profileId: string): string {
    return responseFormatFor(this.cached(profileId)?.version ?? null)
  }

  /**
   * The server as the screens see it. Asks the server when nothing is cached, when logs are still
   * unknown (they need a session), or on `refresh`; an unreachable server leaves the cache as it was.
   */
  async get(profileId: string, options: { readonly refresh?: boolean } = {}): Promise<ServerInfoDTO> {
    const cached = this.cached(profileId)
    const logsToLearn = cached?.accountLogs === null && this.deps.signedIn(profileId)
    if (options.refresh === true || cached === null || logsToLearn) await this.refresh(profileId)
    return toServerInfo(this.cached(profileId))
  }

  /** Asks the server again (at sign-in). Never throws: a failure is logged and the cache kept. */
  async refresh(profileId: string): Promise<void> {
    try {
      const version = await readServerVersion(this.deps.guestClient(profileId))
      const logs = await this.#probeLogs(profileId)
      const previous = this.cached(profileId)
      // Same server, no answer about logs this time: keep what an earlier session learnt.
      const accountLogs = logs ?? (previous?.version === version ? previous.accountLogs : null)
      await this.deps.profiles.setServer(profileId, { version, accountLogs, checkedAt: new Date(this.deps.host.now()).toISOString() })
    } catch (error) {
      this.deps.host.log(`server check of profile ${profileId} skipped: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  async #probeLogs(profileId: string): Promise<boolean | null> {
    if (!this.deps.signedIn(profileId)) return null
    try {
      return await this.deps.withSession(profileId, probeAccountLogs)
    } catch (error) {
      // Not signed in after all, or the keychain refused: logs stay unknown.
      this.deps.host.log(`account logs check of profile ${profileId} skipped: ${error instanceof Error ? error.message : String(error)}`)
      return null
    }
  }
}
