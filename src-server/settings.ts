/**
 * Project settings changed at run time (the app's Sandbox screen): kept in the sandbox's own
 * database (`meta.settings`), merged over the configuration the sandbox was started with, and
 * applied to the running sandbox at once — routes read `app.config` per request.
 *
 * The Local test provider (oauth/local-provider.ts) sits in the `oidc` slot unless the start-up
 * configuration already sets `oidc` up for another issuer.
 */
import type { SandboxProviderDTO, SandboxSettingsDTO, SandboxSettingsPatch } from '../src-shared/sandbox-settings'
import { ConfigError, mergeProjectConfig, type OAuthProviderConfig, type ProjectConfig } from './config'
import type { Database } from './store/database'
import { OAUTH_PROVIDER_NAMES } from './oauth/registry'

const SETTINGS_KEY = 'settings'

export interface StoredSettings {
  /** A partial project configuration in the config-file shape (validated by mergeProjectConfig). */
  readonly overrides: Record<string, unknown>
  /** The Local test provider on or off; undefined = on (the default). */
  readonly localProvider?: boolean
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}

export function readMeta(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row ? row.value : null
}

/** What was saved; an unreadable record is ignored (the start-up configuration applies). */
export function loadStoredSettings(db: Database, log: (line: string) => void): StoredSettings {
  const text = readMeta(db, SETTINGS_KEY)
  if (text === null) return { overrides: {} }
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
    const record = parsed as Record<string, unknown>
    const overrides = record['overrides']
    const local = record['localProvider']
    return {
      overrides: typeof overrides === 'object' && overrides !== null && !Array.isArray(overrides) ? (overrides as Record<string, unknown>) : {},
      ...(typeof local === 'boolean' ? { localProvider: local } : {}),
    }
  } catch (error) {
    log(`saved sandbox settings ignored: ${error instanceof Error ? error.message : String(error)}`)
    return { overrides: {} }
  }
}

export function saveStoredSettings(db: Database, settings: StoredSettings): void {
  writeMeta(db, SETTINGS_KEY, JSON.stringify(settings))
}

export interface LocalSlot {
  /** The `oidc` entry pointing at the Local test provider (the endpoint is known once listening). */
  entry(enabled: boolean): OAuthProviderConfig
}

/** Start-up configuration + saved settings (+ the Local test provider when it owns `oidc`). */
export function effectiveConfig(base: ProjectConfig, stored: StoredSettings, local: LocalSlot | null, log: (line: string) => void): ProjectConfig {
  let config = base
  try {
    config = mergeProjectConfig(base, stored.overrides, 'saved settings')
  } catch (error) {
    log(`saved sandbox settings ignored: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (local === null) return config
  return Object.freeze({ ...config, oauthProviders: Object.freeze({ ...config.oauthProviders, oidc: local.entry(stored.localProvider ?? true) }) })
}

/** True when the Local test provider may take the `oidc` slot: nothing else configured it at start. */
export function localSlotFree(base: ProjectConfig): boolean {
  return !Object.hasOwn(base.oauthProviders, 'oidc')
}

export function settingsDto(config: ProjectConfig, stored: StoredSettings, localAvailable: boolean, appwriteVersion: string): SandboxSettingsDTO {
  const providers: SandboxProviderDTO[] = Object.entries(config.oauthProviders)
    .filter(([name]) => !(localAvailable && name === 'oidc'))
    .map(([name, entry]) => ({ name, enabled: entry.enabled, appId: entry.appId, secretSet: entry.secret !== '' }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return {
    authMethods: { ...config.authMethods },
    passwordHistory: config.passwordHistory,
    passwordDictionary: config.passwordDictionary,
    personalDataCheck: config.personalDataCheck,
    sessionDuration: config.sessionDuration,
    sessionLimit: config.sessionLimit,
    invalidateSessions: config.invalidateSessions,
    localProvider: localAvailable ? (stored.localProvider ?? true) : null,
    oauthProviders: providers,
    appwriteVersion,
  }
}

/**
 * The saved settings after a change. Every value is checked here (the caller is the app, whose
 * arguments came from the window): a bad one throws ConfigError and nothing is saved.
 */
export function patchedSettings(base: ProjectConfig, stored: StoredSettings, patch: SandboxSettingsPatch, localAvailable: boolean): StoredSettings {
  const overrides: Record<string, unknown> = { ...stored.overrides }
  const scalar = ['passwordHistory', 'passwordDictionary', 'personalDataCheck', 'sessionDuration', 'sessionLimit', 'invalidateSessions'] as const
  for (const key of scalar) if (patch[key] !== undefined) overrides[key] = patch[key]
  if (patch.authMethods !== undefined) {
    const before = (overrides['authMethods'] ?? {}) as Record<string, unknown>
    overrides['authMethods'] = { ...before, ...patch.authMethods }
  }
  if (patch.oauthProviders !== undefined) {
    const before = (overrides['oauthProviders'] ?? {}) as Record<string, Record<string, unknown>>
    const providers: Record<string, Record<string, unknown>> = { ...before }
    const current = mergeProjectConfig(base, overrides, 'settings').oauthProviders
    for (const input of patch.oauthProviders) {
      if (!(OAUTH_PROVIDER_NAMES as readonly string[]).includes(input.name)) throw new ConfigError(`${input.name} is not an Appwrite OAuth2 provider`)
      if (localAvailable && input.name === 'oidc') throw new ConfigError('oidc is the Local test provider here; turn it on or off instead')
      const existing = current[input.name]
      providers[input.name] = {
        enabled: input.enabled,
        appId: input.appId ?? existing?.appId ?? '',
        secret: input.secret ?? existing?.secret ?? '',
      }
    }
    overrides['oauthProviders'] = providers
  }
  // Throws on anything out of range, before it is saved.
  mergeProjectConfig(base, overrides, 'settings')
  return {
    overrides,
    ...(patch.localProvider !== undefined
      ? { localProvider: patch.localProvider }
      : stored.localProvider !== undefined
        ? { localProvider: stored.localProvider }
        : {}),
  }
}
