// @vitest-environment happy-dom
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter, redirectFor } from '../../../src-renderer/router'
import { useAuthStore } from '../../../src-renderer/stores/auth'
import { createFakeApi, installApi, makeAccount, type FakeApiOptions } from './fake-api'

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

    expect(fake.calls.filter((call) => call.method === 'auth.getState')).toHaveLength(1)
  })

  it('lets a route without an access rule through either way', () => {
    expect(redirectFor({ meta: {} }, true)).toBeNull()
    expect(redirectFor({ meta: {} }, false)).toBeNull()
  })
})
