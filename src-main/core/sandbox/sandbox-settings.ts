/**
 * The Sandbox screen's settings (issue 14 item 1): the embedded sandbox runs in this process, so
 * its project settings are read and changed by calling it directly — never over HTTP, and never
 * through its dev routes (the embedded sandbox serves none). Only for the Local sandbox profile:
 * a real Appwrite project is configured in the Appwrite console, not from a client.
 */
import type { ProfileDTO } from '../../../src-shared/ipc'
import type { SandboxSettingsDTO, SandboxSettingsPatch } from '../../../src-shared/sandbox-settings'
import { CoreError } from '../auth/errors'

export interface SandboxSettingsDeps {
  readonly profile: (profileId: string) => ProfileDTO | null
  readonly read: () => SandboxSettingsDTO
  /** Validates, saves and applies; throws the sandbox's ConfigError on a bad value. */
  readonly write: (patch: SandboxSettingsPatch) => SandboxSettingsDTO
}

/** OAuth2 providers the sandbox has on: the Local test provider (as `oidc`) and any other switched on. */
export function offeredProviders(settings: SandboxSettingsDTO): string[] {
  return [...(settings.localProvider === true ? ['oidc'] : []), ...settings.oauthProviders.filter((p) => p.enabled).map((p) => p.name)]
}

export class SandboxSettings {
  constructor(private readonly deps: SandboxSettingsDeps) {}

  get(profileId: string): SandboxSettingsDTO {
    this.#sandbox(profileId)
    return this.deps.read()
  }

  update(profileId: string, patch: SandboxSettingsPatch): SandboxSettingsDTO {
    this.#sandbox(profileId)
    try {
      return this.deps.write(patch)
    } catch (error) {
      // The sandbox's own check (config.ts) said no: say which value, as an argument error.
      if (error instanceof Error && error.name === 'ConfigError') throw new CoreError('invalid_argument', error.message.replace(/^settings: /, ''))
      throw error
    }
  }

  /** Providers the Local sandbox profile offers on sign-in besides those listed in the profile. */
  providers(): string[] {
    return offeredProviders(this.deps.read())
  }

  #sandbox(profileId: string): void {
    const profile = this.deps.profile(profileId)
    if (!profile) throw new CoreError('no_profile')
    if (profile.kind !== 'sandbox') throw new CoreError('not_sandbox')
  }
}
