import { defineStore } from 'pinia'
import { useActiveProfileData } from '../composables/active-profile-data'

export interface CreatedToken {
  readonly expiresAt: string
  readonly preview: string
}

/**
 * The Developer panel's JWT. Main creates it and puts it on the clipboard; the window only ever
 * learns when it expires and a harmless preview of its first characters.
 */
export const useDeveloperStore = defineStore('developer', () => {
  const {
    data: token,
    loading: creating,
    error,
    load,
  } = useActiveProfileData<CreatedToken, [duration: number]>((profileId, duration) => window.api.developer.createJwt({ profileId, duration }))

  /** Seconds the token lasts. */
  function createJwt(duration: number) {
    return load({}, duration)
  }

  return { token, creating, error, createJwt }
})
