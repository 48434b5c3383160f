// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import App from '../../../src-renderer/App.vue'
import { markReadyAfterStartup } from '../../../src-renderer/ready-mark'
import { createAppRouter } from '../../../src-renderer/router'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { buttonNamed } from './dom-queries'
import { createFakeApi, type FakeApiOptions, installApi, screenCalls } from './fake-api'
import { CLOUD_PROFILE, LOCAL_SANDBOX, makeAccount } from './fake-records'
import { mountApp, routeBecomes, settle, type MountedApp } from './mount-app'

const ada = makeAccount()
const signedIn: FakeApiOptions = { accounts: [{ account: ada, password: 'correct horse battery' }], signedIn: { local: ada.email } }

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  useToasts().clear()
})

function profileSelect(app: MountedApp) {
  const label = app.wrapper.findAll('label').find((candidate) => candidate.text() === 'Profile')
  if (!label) throw new Error('No control labelled Profile')
  return app.wrapper.find<HTMLSelectElement>(`#${CSS.escape(label.attributes('for') ?? '')}`)
}

describe('app shell', () => {
  it('shows the active profile in a select named "Profile"', async () => {
    mounted = await mountApp('/')
    const select = profileSelect(mounted)

    expect(select.element.tagName).toBe('SELECT')
    expect(select.element.selectedOptions[0]?.textContent).toBe('Local sandbox')
  })

  it('warns, with main’s reason, when sessions can only be kept in memory', async () => {
    mounted = await mountApp('/', { keychain: { kind: 'memory', reason: 'No Secret Service answered on D-Bus' } })

    const banner = mounted.wrapper.find('[data-testid="keychain-banner"]')
    expect(banner.exists()).toBe(true)
    expect(banner.attributes('role')).toBe('status')
    expect(banner.text()).toContain('Sessions are kept in memory only')
    expect(banner.text()).toContain('No Secret Service answered on D-Bus. You will have to sign in again')
    // Each sentence once.
    expect(banner.text().split('You will have to sign in again')).toHaveLength(2)
    expect(banner.text().split('kept in memory only')).toHaveLength(2)
  })

  it('follows the keychain failing mid-run and coming back, with a banner that says the session waits in memory', async () => {
    mounted = await mountApp('/')
    mounted.fake.emitKeychainChanged({ kind: 'memory', reason: 'The system keychain is locked. Your session is kept in memory for now.', retrying: true })
    await settle()
    const banner = mounted.wrapper.find('[data-testid="keychain-banner"]')
    expect(banner.text()).toContain('The keychain is not answering')
    expect(banner.text()).toContain('kept in memory for now')
    expect(banner.text()).not.toContain('each time you start the app')

    mounted.fake.emitKeychainChanged({ kind: 'keychain', reason: '' })
    await settle()
    expect(mounted.wrapper.find('[data-testid="keychain-banner"]').exists()).toBe(false)
  })

  it('shows the notices main found while starting (profiles restored) as toasts', async () => {
    mounted = await mountApp('/', {
      startupNotices: [{ level: 'warning', message: 'The saved profiles file was damaged, so the last good copy was restored.' }],
    })
    await settle()
    expect(useToasts().toasts.value.map((toast) => toast.message)).toContain('The saved profiles file was damaged, so the last good copy was restored.')
  })

  it('shows no keychain warning when the keychain works', async () => {
    mounted = await mountApp('/')
    expect(mounted.wrapper.find('[data-testid="keychain-banner"]').exists()).toBe(false)
  })

  it('opens on the profile when the stored session is still good', async () => {
    mounted = await mountApp('/', signedIn)
    await routeBecomes(mounted, 'profile')

    expect(mounted.wrapper.find('[data-testid="account-email"]').text()).toBe('ada@example.com')
    expect(mounted.wrapper.text()).toContain(ada.$id)
    expect(mounted.wrapper.find('[data-testid="email-verification"]').text()).toBe('Not verified')
    expect(mounted.wrapper.find('time').attributes('datetime')).toBe(ada.registration)
  })

  it('shows the cached account with an Offline badge when the server cannot be reached', async () => {
    mounted = await mountApp('/', { ...signedIn, offline: ['local'] })
    await routeBecomes(mounted, 'profile')

    expect(mounted.wrapper.find('[data-testid="account-email"]').text()).toBe('ada@example.com')
    expect(mounted.wrapper.find('.status-badge').text()).toBe('Offline')
    expect(mounted.wrapper.text()).toContain('You are offline')
  })

  it('signs out from the profile and returns to sign-in', async () => {
    mounted = await mountApp('/', signedIn)
    await routeBecomes(mounted, 'profile')

    await buttonNamed(mounted.wrapper, 'Sign out').trigger('click')
    await routeBecomes(mounted, 'sign-in')

    expect(mounted.fake.callsOf('auth.signOut')).toEqual([{ profileId: 'local' }])
    expect(useToasts().toasts.value.map((toast) => toast.message)).toContain('You are signed out.')
  })

  it('goes back to sign-in when main reports that the session ended', async () => {
    mounted = await mountApp('/', signedIn)
    await routeBecomes(mounted, 'profile')

    mounted.fake.emitAuthChanged({ profileId: 'local', status: 'signed-out', account: null })
    await routeBecomes(mounted, 'sign-in')
  })

  it('switches profile and shows that profile’s own state', async () => {
    mounted = await mountApp('/', { ...signedIn, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
    await routeBecomes(mounted, 'profile')

    await profileSelect(mounted).setValue('cloud')
    await routeBecomes(mounted, 'sign-in')

    expect(screenCalls(mounted.fake.calls).slice(-2)).toEqual([
      { method: 'profiles.select', args: { profileId: 'cloud' } },
      { method: 'auth.getState', args: { profileId: 'cloud' } },
    ])
    // The other profile's server is asked what it offers.
    expect(mounted.fake.calls).toContainEqual({ method: 'server.get', args: { profileId: 'cloud' } })
    expect(mounted.wrapper.text()).toContain('Appwrite Cloud')
  })

  it('shows main’s notices as toasts', async () => {
    mounted = await mountApp('/')

    mounted.fake.emitNotice({ level: 'warning', message: 'A sign-in link was ignored: it matched no sign-in in progress.' })
    await settle()

    expect(mounted.wrapper.text()).toContain('A sign-in link was ignored')
  })

  it('gives a late sign-in link’s notice a button that opens the sign-in screen, and keeps it until used', async () => {
    mounted = await mountApp('/profiles')
    mounted.fake.emitNotice({ level: 'warning', message: 'A link was ignored. That link has expired. Start again to get a new one.', action: 'start-sign-in' })
    await settle()
    expect(useToasts().toasts.value).toHaveLength(1)
    await buttonNamed(mounted.wrapper, 'Start sign-in again').trigger('click')
    await routeBecomes(mounted, 'sign-in')
    expect(useToasts().toasts.value).toHaveLength(0)
  })

  it('says so, and offers to try again, when start-up fails', async () => {
    const fake = createFakeApi()
    fake.failNext('app.start', { type: 'internal_error', code: 0, message: 'boom' })
    installApi(fake.api)
    const pinia = createPinia()
    const router = createAppRouter({ history: createMemoryHistory(), pinia })
    await router.push('/')
    const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: document.body })
    await settle()

    expect(wrapper.find('[role="alert"]').text()).toBe('Something went wrong inside the app. Try again; if it keeps happening, restart the app.')

    await buttonNamed(wrapper, 'Try again').trigger('click')
    await settle()

    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.find('h1').text()).toBe('Sign in')
    wrapper.unmount()
  })
})

describe('ready mark', () => {
  it('marks the page ready only after the first auth state is known', async () => {
    const fake = createFakeApi(signedIn)
    installApi(fake.api)
    const hold = fake.holdNext('app.start')
    const pinia = createPinia()
    const router = createAppRouter({ history: createMemoryHistory(), pinia })
    const target = document.createElement('div')

    const marking = markReadyAfterStartup(router, target)
    void router.push('/')
    await settle()
    expect(target.dataset.ready).toBeUndefined()

    hold.release()
    await marking
    expect(target.dataset.ready).toBe('true')
    expect(router.currentRoute.value.name).toBe('profile')
  })
})
