import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Result, SandboxSettingsDTO, SandboxSettingsPatch } from '../../src-shared/ipc'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'

/**
 * The Local sandbox's project settings (the Sandbox screen; the Local sandbox profile only): which
 * sign-in methods are on, the password and session rules, and the OAuth providers. Main changes
 * the embedded sandbox in-process and answers with the settings now in force, which are kept here
 * so the sign-in screen offers what the sandbox accepts.
 */
export const useSandboxStore = defineStore('sandbox', () => {
  const { data: settings, status, error, load, accept } = useActiveProfileData((profileId) => window.api.sandbox.getSettings({ profileId }))
  /** The part being saved (a section name), or null. */
  const { busy, run } = useActiveProfileAction<string>()
  /**
   * Refused changes so far. A checkbox shows the click before the sandbox answers; one keyed on
   * this is drawn again from the settings after a refusal, instead of keeping the refused click.
   */
  const refusals = ref(0)

  /** OAuth2 providers the sandbox has on: the Local test provider is `oidc`. */
  const offeredProviders = computed<readonly string[]>(() => {
    const current = settings.value
    if (!current) return []
    return [...(current.localProvider === true ? ['oidc'] : []), ...current.oauthProviders.filter((p) => p.enabled).map((p) => p.name)]
  })

  async function update(part: string, patch: SandboxSettingsPatch): Promise<Result<SandboxSettingsDTO>> {
    const result = await run(part, (profileId) => window.api.sandbox.updateSettings({ profileId, settings: patch }))
    if (result.ok) accept(result.data)
    else refusals.value += 1
    return result
  }

  return { settings, status, error, busy, refusals, offeredProviders, load: () => load(), update }
})
