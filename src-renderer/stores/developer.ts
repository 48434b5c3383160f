import { defineStore } from 'pinia'
import { useActiveProfileCall } from '../composables/active-profile-call'

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
    running: creating,
    error,
    call: createJwt,
  } = useActiveProfileCall<CreatedToken, [duration: number]>((profileId, duration) => window.api.developer.createJwt({ profileId, duration }))

  return { token, creating, error, createJwt }
})
