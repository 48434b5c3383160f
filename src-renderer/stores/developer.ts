import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ApiError } from '../../src-shared/ipc'
import { callForActiveProfile } from './active-profile'

export interface CreatedToken {
  readonly expiresAt: string
  readonly preview: string
}

/**
 * The Developer panel's JWT. Main creates it and puts it on the clipboard; the window only ever
 * learns when it expires and a harmless preview of its first characters.
 */
export const useDeveloperStore = defineStore('developer', () => {
  const token = shallowRef<CreatedToken | null>(null)
  const creating = ref(false)
  const error = shallowRef<ApiError | null>(null)

  async function createJwt(duration: number): Promise<boolean> {
    creating.value = true
    try {
      const result = await callForActiveProfile((profileId) => window.api.developer.createJwt({ profileId, duration }))
      if (!result.ok) {
        error.value = result.error
        return false
      }
      token.value = result.data
      error.value = null
      return true
    } finally {
      creating.value = false
    }
  }

  return { token, creating, error, createJwt }
})
