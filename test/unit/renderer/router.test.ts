// @vitest-environment happy-dom
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter, redirectFor } from '../../../src-renderer/router'
import { useAuthStore } from '../../../src-renderer/stores/auth'
import { createFakeApi, type FakeApiOptions, installApi } from './fake-api'
import { makeAccount } from './fake-records'

const ada = makeAccount()
const signedIn: FakeApiOptions = { accounts: [{ account: ada, password: 'correct horse battery' }], signedIn: { local: ada.email } }

async function navigate(path: string, options: FakeApiOptions = {}) {
  const fake = createFakeApi(options)
  installApi(fake.api)
  const pinia = createPinia()
  const router = createAppRouter({ history: createMemoryHistory(), pinia })
  await router.push(path)
  return { router, fake, pinia }
}

describe('router guard', () => {
  it('sends a signed-out person from the profile to sign-in', async () => {
    const { router } = await navigate('/profile')
    expect(router.currentRoute.value.name).toBe('sign-in')
  })

  it('sends a signed-out person from the root to sign-in', async () => {
    const { router } = await navigate('/')
    expect(router.currentRoute.value.name).toBe('sign-in')
  })

  it('lets a signed-out person open sign-up', async () => {
    const { router } = await navigate('/sign-up')
    expect(router.currentRoute.value.name).toBe('sign-up')
  })

  it('sends a signed-in person from sign-in and sign-up to the profile', async () => {
    const first = await navigate('/sign-in', signedIn)
    expect(first.router.currentRoute.value.name).toBe('profile')

    await first.router.push('/sign-up')
    expect(first.router.currentRoute.value.name).toBe('profile')
  })

  it('keeps an offline person with a cached account on the profile', async () => {
    const { router } = await navigate('/sign-in', { ...signedIn, offline: ['local'] })
    expect(router.currentRoute.value.name).toBe('profile')
  })

  it('sends unknown paths home', async () => {
    const { router } = await navigate('/no/such/screen', signedIn)
    expect(router.currentRoute.value.name).toBe('profile')
  })

  it('waits for the stored session check before the first screen, and checks only once', async () => {
    const { router, fake, pinia } = await navigate('/profile', signedIn)

    expect(useAuthStore(pinia).settled).toBe(true)
    await router.push('/sign-in')
    await router.push('/')

    expect(fake.calls.map((call) => call.method)).toEqual(['app.start'])
  })

  it('lets a route without an access rule through either way', () => {
    expect(redirectFor({ meta: {} }, true)).toBeNull()
    expect(redirectFor({ meta: {} }, false)).toBeNull()
  })

  describe('auth phases', () => {
    const mfaPending: FakeApiOptions = {
      accounts: [{ account: makeAccount({ mfa: true }), password: 'correct horse battery' }],
      mfa: { [ada.email]: { factors: { totp: true, phone: false, email: false, recoveryCode: true } } },
    }

    it('keeps a sign-in that waits for a second factor on the challenge step, and nowhere else', async () => {
      const { router, pinia } = await navigate('/sign-in', mfaPending)
      await useAuthStore(pinia).signIn({ email: ada.email, password: 'correct horse battery' })

      for (const path of ['/profile', '/sign-in', '/sign-up', '/offline', '/']) {
        await router.push(path)
        expect(router.currentRoute.value.name).toBe('mfa-challenge')
      }
    })

    it('sends signed-in and signed-out people away from the challenge step', async () => {
      expect((await navigate('/sign-in/second-step', signedIn)).router.currentRoute.value.name).toBe('profile')
      expect((await navigate('/sign-in/second-step')).router.currentRoute.value.name).toBe('sign-in')
    })

    it('shows the offline screen when a session is kept but no account is known, and only then', async () => {
      const offline = await navigate('/profile', { ...signedIn, offlineWithoutAccount: ['local'] })
      expect(offline.router.currentRoute.value.name).toBe('offline')
      expect((await navigate('/offline', signedIn)).router.currentRoute.value.name).toBe('profile')
      expect((await navigate('/offline')).router.currentRoute.value.name).toBe('sign-in')
    })

    it('opens the profile manager, the Dev Mailbox and flows in every phase', async () => {
      for (const options of [{}, signedIn, { ...signedIn, offlineWithoutAccount: ['local'] }]) {
        for (const [path, name] of [
          ['/profiles', 'profiles'],
          ['/dev-mailbox', 'dev-mailbox'],
          ['/flow/flow-1', 'flow'],
        ] as const) {
          const { router } = await navigate(path, options)
          expect(router.currentRoute.value.name).toBe(name)
        }
      }
    })

    it('keeps the sign-in methods for signed-out people', async () => {
      for (const path of ['/sign-in/email-code', '/sign-in/phone-code', '/sign-in/magic-link', '/forgot-password']) {
        expect((await navigate(path, signedIn)).router.currentRoute.value.name).toBe('profile')
        expect((await navigate(path)).router.currentRoute.value.path).toBe(path)
      }
    })

    it('answers each phase with its home, and still reads the old true/false', () => {
      const signedOutOnly = { meta: { access: 'signed-out' as const } }
      expect(redirectFor(signedOutOnly, 'mfa')).toEqual({ name: 'mfa-challenge' })
      expect(redirectFor(signedOutOnly, 'offline')).toEqual({ name: 'offline' })
      expect(redirectFor(signedOutOnly, true)).toEqual({ name: 'profile' })
      expect(redirectFor(signedOutOnly, false)).toBeNull()
      expect(redirectFor({ meta: { access: 'any' } }, 'mfa')).toBeNull()
    })
  })
})
