/**
 * The Local sandbox's project settings as the Sandbox screen shows and changes them: what the
 * Appwrite console lets a project owner set under Auth → Settings (appwrite-behaviour §3), plus
 * the built-in Local test provider. Shared by the sandbox (which validates and applies them), main
 * (which passes them on in-process) and the renderer. No client secret ever travels back out: a
 * provider only says whether one is set.
 */

/** Auth methods a project can switch off (Appwrite's `auths.*` flags). */
export const SANDBOX_AUTH_METHODS = ['emailPassword', 'magicUrl', 'emailOtp', 'anonymous', 'invites', 'jwt', 'phone'] as const
export type SandboxAuthMethod = (typeof SANDBOX_AUTH_METHODS)[number]

/** Bounds as Appwrite's console enforces them. */
export const SANDBOX_LIMITS = {
  passwordHistory: { min: 0, max: 20 },
  sessionDuration: { min: 0, max: 31_536_000 },
  sessionLimit: { min: 1, max: 100 },
} as const

export interface SandboxProviderDTO {
  /** Appwrite's provider id (`github`, `oidc`…). */
  readonly name: string
  readonly enabled: boolean
  readonly appId: string
  /** Whether a client secret is stored; the secret itself never leaves the sandbox's settings. */
  readonly secretSet: boolean
}

export interface SandboxSettingsDTO {
  readonly authMethods: Readonly<Record<SandboxAuthMethod, boolean>>
  /** Reject reuse of the last N passwords (0 = off). */
  readonly passwordHistory: number
  readonly passwordDictionary: boolean
  readonly personalDataCheck: boolean
  /** Session length in seconds. */
  readonly sessionDuration: number
  /** Sessions per user; the oldest is removed past it. */
  readonly sessionLimit: number
  /** A password change or recovery ends the user's other sessions. */
  readonly invalidateSessions: boolean
  /**
   * The Local test provider in the `oidc` slot: true/false = on/off; null when `oidc` is set up
   * for another issuer (by a config file), so the local one is not offered.
   */
  readonly localProvider: boolean | null
  /** Other providers as configured (never the local one). */
  readonly oauthProviders: readonly SandboxProviderDTO[]
  /** Which Appwrite API line the sandbox speaks (chosen at start). */
  readonly appwriteVersion: string
}

export interface SandboxProviderInput {
  readonly name: string
  readonly enabled: boolean
  readonly appId?: string
  /** Write-only; omitted = keep the stored one. */
  readonly secret?: string
}

/** A change: only the fields given are changed. */
export interface SandboxSettingsPatch {
  readonly authMethods?: Partial<Record<SandboxAuthMethod, boolean>>
  readonly passwordHistory?: number
  readonly passwordDictionary?: boolean
  readonly personalDataCheck?: boolean
  readonly sessionDuration?: number
  readonly sessionLimit?: number
  readonly invalidateSessions?: boolean
  readonly localProvider?: boolean
  readonly oauthProviders?: readonly SandboxProviderInput[]
}
