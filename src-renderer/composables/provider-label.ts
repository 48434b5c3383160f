import { storeToRefs } from 'pinia'
import { providerName } from '../oauth-providers'
import { useAppStore } from '../stores/app'
import { useSandboxStore } from '../stores/sandbox'

/**
 * What to call an OAuth2 provider on screen. On the Local sandbox, `oidc` is the built-in Local test
 * provider unless another issuer took its place (the sandbox's settings say which); elsewhere, and
 * before those settings are known, it is the provider's own name.
 */
export function useProviderLabel(): (provider: string) => string {
  const { activeProfile } = storeToRefs(useAppStore())
  const { settings } = storeToRefs(useSandboxStore())
  return (provider) => {
    const local = settings.value?.localProvider
    return activeProfile.value?.kind === 'sandbox' && provider === 'oidc' && local !== undefined && local !== null
      ? 'Local test provider'
      : providerName(provider)
  }
}
