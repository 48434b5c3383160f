/**
 * Project configuration of the sandbox: what the Appwrite console would let an owner set on a
 * project's Auth settings. Defaults are those of a fresh Appwrite 1.9 project (appwrite-behaviour §3.3,
 * §5 "Password policy", §12 for the session limit).
 *
 * Loaded from an optional JSON file (`--config`) and merged with programmatic overrides; the
 * result is validated here so the rest of the server can trust it.
 */
import { readFileSync } from 'node:fs'
import { PHONE_PATTERN } from '../src-shared/appwrite-rules'

/** Auth methods a project can switch off (Appwrite's `auths.*` flags, appwrite-behaviour §3.1 group `auth`). */
export const AUTH_METHODS = ['emailPassword', 'magicUrl', 'emailOtp', 'anonymous', 'invites', 'jwt', 'phone'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]

/**
 * One OAuth2 provider as Appwrite stores it: `<provider>Enabled`, `<provider>Appid`,
 * `<provider>Secret` (appwrite-behaviour §7.3). For `oidc` the secret is a JSON string with
 * `clientSecret`, `wellKnownEndpoint`, `authorizationEndpoint`, `tokenEndpoint`, `userinfoEndpoint`.
 */
export interface OAuthProviderConfig {
  readonly enabled: boolean
  readonly appId: string
  readonly secret: string
  /**
   * ID-token sign-in (2.x, `google`/`apple` only, appwrite-behaviour §13.4): its own switch in
   * Appwrite's 2.x API; when unset, `enabled` decides, as Appwrite's code did before it.
   */
  readonly nativeEnabled?: boolean
  /** More client ids an ID token's audience may name (mobile/desktop apps), besides `appId`. */
  readonly nativeClientIds?: readonly string[]
  /** Sandbox only: the issuer and JWKS address to verify ID tokens with instead of the provider's own. */
  readonly issuer?: string
  readonly jwksUri?: string
}

/** A project "mock number": logins to it get a fixed OTP and no SMS is sent (appwrite-behaviour §3.2). */
export interface MockPhoneNumber {
  readonly phone: string
  readonly otp: string
}

export interface ProjectConfig {
  readonly name: string
  /** Session length in seconds (`auths.duration`, 0–31 536 000). */
  readonly sessionDuration: number
  /** Max sessions per user (`auths.maxSessions`, 1–100); the oldest are evicted. */
  readonly sessionLimit: number
  /** Max users in the project; 0 = unlimited (`auths.limit`). */
  readonly userLimit: number
  /** Reject reuse of the last N passwords (0–20). */
  readonly passwordHistory: number
  /** Reject passwords from the bundled common-password list. */
  readonly passwordDictionary: boolean
  /** Reject passwords containing the user's id, e-mail, name or phone. */
  readonly personalDataCheck: boolean
  /** Password change / recovery deletes the user's other sessions (1.8+ default true). */
  readonly invalidateSessions: boolean
  /** Send a "new session" e-mail on logins (appwrite-behaviour §3.3). */
  readonly sessionAlerts: boolean
  readonly authMethods: Readonly<Record<AuthMethod, boolean>>
  /**
   * Extra redirect targets besides the defaults (§7.4): a hostname (`app.example.com`,
   * `*.example.com`) or a custom URL scheme (`myapp`). Also accepted as web origins.
   */
  readonly platforms: readonly string[]
  readonly oauthProviders: Readonly<Record<string, OAuthProviderConfig>>
  readonly mockNumbers: readonly MockPhoneNumber[]
}

export const DEFAULT_PROJECT_CONFIG: ProjectConfig = Object.freeze({
  name: 'Local sandbox',
  sessionDuration: 31_536_000,
  sessionLimit: 10,
  userLimit: 0,
  passwordHistory: 0,
  passwordDictionary: false,
  personalDataCheck: false,
  invalidateSessions: true,
  sessionAlerts: false,
  authMethods: Object.freeze({
    emailPassword: true,
    magicUrl: true,
    emailOtp: true,
    anonymous: true,
    invites: true,
    jwt: true,
    phone: true,
  }),
  platforms: Object.freeze([]) as readonly string[],
  oauthProviders: Object.freeze({}) as Readonly<Record<string, OAuthProviderConfig>>,
  mockNumbers: Object.freeze([]) as readonly MockPhoneNumber[],
})

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function intIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${field} must be an integer between ${min} and ${max}`)
  }
  return value
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${field} must be true or false`)
  return value
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ConfigError(`${field} must be a string`)
  return value
}

function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`${field} must be an array of strings`)
  return value.map((item, i) => str(item, `${field}[${i}]`))
}

function httpUrl(value: unknown, field: string): string {
  const text = str(value, field)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`${field} must be an http(s) URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${field} must be an http(s) URL`)
  return text
}

/** The whole-number settings and the range (inclusive) each accepts. */
const INTEGER_SETTINGS = {
  sessionDuration: [0, 31_536_000],
  sessionLimit: [1, 100],
  userLimit: [0, 1_000_000_000],
  passwordHistory: [0, 20],
} as const satisfies Partial<Record<keyof ProjectConfig, readonly [number, number]>>

/** The on/off settings. */
const SWITCH_SETTINGS = ['passwordDictionary', 'personalDataCheck', 'invalidateSessions', 'sessionAlerts'] as const satisfies readonly (keyof ProjectConfig)[]

function isIntegerSetting(key: string): key is keyof typeof INTEGER_SETTINGS {
  return Object.hasOwn(INTEGER_SETTINGS, key)
}

function isSwitchSetting(key: string): key is (typeof SWITCH_SETTINGS)[number] {
  return (SWITCH_SETTINGS as readonly string[]).includes(key)
}

/**
 * Merge a partial, untrusted configuration over a base one, validating every field.
 * Unknown keys are rejected so a typo in a config file is reported, not ignored.
 */
export function mergeProjectConfig(base: ProjectConfig, input: unknown, source = 'config'): ProjectConfig {
  if (input === undefined) return base
  if (!isRecord(input)) throw new ConfigError(`${source}: the project configuration must be a JSON object`)
  const out: { -readonly [K in keyof ProjectConfig]: ProjectConfig[K] } = { ...base }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    const field = `${source}: ${key}`
    if (isIntegerSetting(key)) {
      const [min, max] = INTEGER_SETTINGS[key]
      out[key] = intIn(value, field, min, max)
      continue
    }
    if (isSwitchSetting(key)) {
      out[key] = bool(value, field)
      continue
    }
    switch (key) {
      case 'name':
        out.name = str(value, field)
        break
      case 'authMethods': {
        if (!isRecord(value)) throw new ConfigError(`${field} must be an object`)
        const methods: Record<AuthMethod, boolean> = { ...out.authMethods }
        for (const [method, on] of Object.entries(value)) {
          if (!(AUTH_METHODS as readonly string[]).includes(method)) {
            throw new ConfigError(`${field}.${method} is not an auth method (one of ${AUTH_METHODS.join(', ')})`)
          }
          methods[method as AuthMethod] = bool(on, `${field}.${method}`)
        }
        out.authMethods = methods
        break
      }
      case 'platforms': {
        if (!Array.isArray(value)) throw new ConfigError(`${field} must be an array of hostnames or schemes`)
        out.platforms = [...out.platforms, ...value.map((p, i) => str(p, `${field}[${i}]`).trim().toLowerCase())]
        break
      }
      case 'oauthProviders': {
        if (!isRecord(value)) throw new ConfigError(`${field} must be an object keyed by provider name`)
        const providers: Record<string, OAuthProviderConfig> = { ...out.oauthProviders }
        for (const [provider, conf] of Object.entries(value)) {
          if (!isRecord(conf)) throw new ConfigError(`${field}.${provider} must be an object`)
          const secret = conf['secret']
          providers[provider] = {
            enabled: conf['enabled'] === undefined ? true : bool(conf['enabled'], `${field}.${provider}.enabled`),
            appId: conf['appId'] === undefined ? '' : str(conf['appId'], `${field}.${provider}.appId`),
            // The oidc secret may be given as an object for convenience; Appwrite stores a JSON string.
            secret: secret === undefined ? '' : isRecord(secret) ? JSON.stringify(secret as Json) : str(secret, `${field}.${provider}.secret`),
            ...(conf['nativeEnabled'] !== undefined ? { nativeEnabled: bool(conf['nativeEnabled'], `${field}.${provider}.nativeEnabled`) } : {}),
            ...(conf['nativeClientIds'] !== undefined ? { nativeClientIds: stringArray(conf['nativeClientIds'], `${field}.${provider}.nativeClientIds`) } : {}),
            ...(conf['issuer'] !== undefined ? { issuer: str(conf['issuer'], `${field}.${provider}.issuer`) } : {}),
            ...(conf['jwksUri'] !== undefined ? { jwksUri: httpUrl(conf['jwksUri'], `${field}.${provider}.jwksUri`) } : {}),
          }
        }
        out.oauthProviders = providers
        break
      }
      case 'mockNumbers': {
        if (!Array.isArray(value)) throw new ConfigError(`${field} must be an array of {phone, otp}`)
        out.mockNumbers = value.map((entry, i) => {
          if (!isRecord(entry)) throw new ConfigError(`${field}[${i}] must be {phone, otp}`)
          const phone = str(entry['phone'], `${field}[${i}].phone`)
          const otp = str(entry['otp'], `${field}[${i}].otp`)
          if (!PHONE_PATTERN.test(phone)) throw new ConfigError(`${field}[${i}].phone must look like +16175551212`)
          if (!/^\d{6}$/.test(otp)) throw new ConfigError(`${field}[${i}].otp must be 6 digits`)
          return { phone, otp }
        })
        break
      }
      default:
        throw new ConfigError(`${field} is not a known setting`)
    }
  }
  return Object.freeze(out)
}

/** Read a JSON project configuration file and merge it over the defaults. */
export function loadProjectConfigFile(path: string, base: ProjectConfig = DEFAULT_PROJECT_CONFIG): ProjectConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${path}: ${(cause as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(cause as Error).message}`)
  }
  return mergeProjectConfig(base, parsed, path)
}
