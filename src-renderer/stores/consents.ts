import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { ApiError, ConsentDTO, ConsentTokenDTO, Result } from '../../src-shared/ipc'
import { onProfileSwitch } from './active-profile'
import { useActiveProfileAction } from '../composables/active-profile-action'
import { useActiveProfileData } from '../composables/active-profile-data'

/** A consent's token families as last read: loaded when its details are opened. */
export interface ConsentTokens {
  readonly status: 'loading' | 'ready' | 'error'
  readonly tokens: readonly ConsentTokenDTO[]
  readonly error: ApiError | null
}

/**
 * Connected apps: the third-party apps the user let in (OAuth2 consents) and, per app, its token
 * families (the devices or sessions it signed in on). Main strips anything token-like; this store
 * holds only what the screen shows.
 */
export const useConsentsStore = defineStore('consents', () => {
  const { data, status, error, load, accept, refresh } = useActiveProfileData((profileId) => window.api.consents.list({ profileId }))
  const consents = computed<readonly ConsentDTO[]>(() => data.value ?? [])
  const tokens = shallowRef<Readonly<Record<string, ConsentTokens>>>({})
  /** `consent:<id>` or `token:<id>` while that revocation runs. */
  const { busy, run } = useActiveProfileAction<string>()

  function setTokens(consentId: string, next: ConsentTokens): void {
    tokens.value = { ...tokens.value, [consentId]: next }
  }

  async function loadTokens(consentId: string): Promise<void> {
    const held = tokens.value[consentId]
    setTokens(consentId, { status: 'loading', tokens: held?.tokens ?? [], error: null })
    const result = await run(`tokens:${consentId}`, (profileId) => window.api.consents.listTokens({ profileId, consentId }))
    if (result.ok) setTokens(consentId, { status: 'ready', tokens: result.data, error: null })
    else setTokens(consentId, { status: 'error', tokens: held?.tokens ?? [], error: result.error })
  }

  /** Signs one device of the app out; the families left come back with the answer. */
  async function removeToken(consentId: string, tokenId: string): Promise<Result<readonly ConsentTokenDTO[]>> {
    const result = await run(`token:${tokenId}`, (profileId) => window.api.consents.removeToken({ profileId, consentId, tokenId }))
    if (result.ok) setTokens(consentId, { status: 'ready', tokens: result.data, error: null })
    return result
  }

  /** Takes the app's access away altogether; the consents left come back with the answer. */
  async function remove(consentId: string): Promise<Result<readonly ConsentDTO[]>> {
    const result = await run(`consent:${consentId}`, (profileId) => window.api.consents.remove({ profileId, consentId }))
    if (result.ok) {
      accept(result.data)
      const { [consentId]: _gone, ...rest } = tokens.value
      tokens.value = rest
    }
    return result
  }

  onProfileSwitch(() => {
    tokens.value = {}
  })

  return { consents, status, error, tokens, busy, load: () => load(), refresh: () => refresh(), loadTokens, removeToken, remove }
})
