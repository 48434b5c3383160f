// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useAppStore } from '../../../src-renderer/stores/app'
import { useAuthStore } from '../../../src-renderer/stores/auth'
import { createFakeApi, type FakeApi, type FakeApiOptions, installApi } from './fake-api'
import { CLOUD_PROFILE, ERRORS, LOCAL_SANDBOX, makeAccount } from './fake-records'

const ada = makeAccount()
const withAda: FakeApiOptions = { accounts: [{ account: ada, password: 'correct horse battery' }] }

function setUp(options: FakeApiOptions = withAda): FakeApi {
  const fake = createFakeApi(options)
  installApi(fake.api)
  setActivePinia(createPinia())
  return fake
}

describe('app store', () => {
  beforeEach(() => void setUp())

  it('loads profiles, the active profile and the keychain status from main', async () => {
    const fake = setUp({ keychain: { kind: 'memory', reason: 'No Secret Service answered on D-Bus.' } })
    const app = useAppStore()

    expect(await app.start()).not.toBeNull()

    expect(app.profiles.map((profile) => profile.label)).toEqual(['Local sandbox'])
    expect(app.activeProfile?.label).toBe('Local sandbox')
    expect(app.keychain).toEqual({ kind: 'memory', reason: 'No Secret Service answered on D-Bus.' })
    expect(fake.calls.map((call) => call.method)).toEqual(['app.start'])
  })

  it('switches the active profile through profiles.select', async () => {
    const fake = setUp({ profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
    const app = useAppStore()
    await app.start()

    expect((await app.selectProfile('cloud')).ok).toBe(true)

    expect(app.activeProfileId).toBe('cloud')
    expect(app.activeProfile?.label).toBe('Appwrite Cloud')
    expect(fake.calls.at(-1)).toEqual({ method: 'profiles.select', args: { profileId: 'cloud' } })
  })

  it('keeps the active profile and the error when main refuses the switch', async () => {
    setUp()
    const app = useAppStore()
    await app.start()

    expect((await app.selectProfile('gone')).ok).toBe(false)

    expect(app.activeProfileId).toBe('local')
    expect(app.error?.type).toBe('no_profile')
  })

  it('keeps the status from the start-up answer and hands its auth part back', async () => {
    const fake = setUp({ profiles: [LOCAL_SANDBOX, CLOUD_PROFILE], activeProfileId: 'cloud' })
    const app = useAppStore()

    const auth = await app.start()

    expect(auth).toEqual({ ok: true, data: { profileId: 'cloud', status: 'signed-out', account: null } })
    expect(app.activeProfile?.label).toBe('Appwrite Cloud')
    expect(app.loading).toBe(false)
    expect(fake.calls.map((call) => call.method)).toEqual(['app.start'])
  })

  it('answers null and keeps the error when main gives no start-up answer', async () => {
    const fake = setUp()
    fake.failNext('app.start', { type: 'internal_error', code: 0, message: 'boom' })
    const app = useAppStore()

    expect(await app.start()).toBeNull()

    expect(app.status).toBeNull()
    expect(app.error?.message).toBe('boom')
  })

  it('turns a rejected IPC call into an internal_error value', async () => {
    const fake = setUp()
    fake.rejectNext('app.start', new Error('No handler registered for ac:app.start'))
    const app = useAppStore()

    expect(await app.start()).toBeNull()

    expect(app.error).toEqual({ type: 'internal_error', code: 0, message: 'No handler registered for ac:app.start' })
    expect(app.loading).toBe(false)
  })
})

describe('auth store', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = setUp()
  })

  async function started(): Promise<ReturnType<typeof useAuthStore>> {
    const auth = useAuthStore()
    await auth.start()
    return auth
  }

  it('starts with one call that brings the app status and the active profile’s state', async () => {
    const auth = await started()

    expect(fake.calls.map((call) => call.method)).toEqual(['app.start'])
    expect(useAppStore().activeProfileId).toBe('local')
    expect(auth.state?.profileId).toBe('local')
    expect(auth.settled).toBe(true)
    expect(auth.status).toBe('signed-out')
    expect(auth.isSignedIn).toBe(false)
  })

  it('shares one start-up between concurrent callers', async () => {
    const auth = useAuthStore()
    await Promise.all([auth.start(), auth.start(), auth.start()])

    expect(fake.calls.filter((call) => call.method === 'app.start')).toHaveLength(1)
  })

  it('only checks the session again when started once the status is known', async () => {
    const auth = await started()
    await auth.start()

    expect(fake.calls.map((call) => call.method)).toEqual(['app.start', 'auth.getState'])
    expect(fake.calls[1]?.args).toEqual({ profileId: 'local' })
  })

  it('starts signed out with the error when the start-up session check fails', async () => {
    fake = setUp({ ...withAda, signedIn: { local: 'ada@example.com' }, startupCheckError: ERRORS.network })
    const auth = await started()

    expect(auth.settled).toBe(true)
    expect(useAppStore().activeProfile?.label).toBe('Local sandbox')
    expect(auth.error?.type).toBe('network_error')
    expect(auth.phase).toBe('signed-out')
  })

  it('settles even when main cannot report the app status', async () => {
    fake.failNext('app.start', { type: 'internal_error', code: 0, message: 'boom' })
    const auth = await started()

    expect(auth.settled).toBe(true)
    expect(useAppStore().error?.message).toBe('boom')
    expect(fake.calls.map((call) => call.method)).toEqual(['app.start'])
  })

  it('signs in with the active profile and exposes the account', async () => {
    const auth = await started()

    expect((await auth.signIn({ email: 'ada@example.com', password: 'correct horse battery' })).ok).toBe(true)

    expect(fake.calls.at(-1)).toEqual({
      method: 'auth.signInWithPassword',
      args: { profileId: 'local', email: 'ada@example.com', password: 'correct horse battery', remember: true },
    })
    expect(auth.status).toBe('signed-in')
    expect(auth.isSignedIn).toBe(true)
    expect(auth.account?.email).toBe('ada@example.com')
    expect(auth.error).toBeNull()
  })

  it('keeps Appwrite’s error type, code and message when the password is wrong', async () => {
    const auth = await started()

    expect((await auth.signIn({ email: 'ada@example.com', password: 'wrong password' })).ok).toBe(false)

    expect(auth.error).toEqual(ERRORS.invalidCredentials)
    expect(auth.isSignedIn).toBe(false)
  })

  it('is loading while a sign-in runs, and not after', async () => {
    const auth = await started()
    const hold = fake.holdNext('auth.signInWithPassword')

    const signingIn = auth.signIn({ email: 'ada@example.com', password: 'correct horse battery' })
    await Promise.resolve()
    expect(auth.loading).toBe(true)

    hold.release()
    await signingIn
    expect(auth.loading).toBe(false)
  })

  it('clears the previous error once an attempt succeeds', async () => {
    const auth = await started()
    await auth.signIn({ email: 'ada@example.com', password: 'nope nope nope' })
    expect(auth.error).not.toBeNull()

    await auth.signIn({ email: 'ada@example.com', password: 'correct horse battery' })

    expect(auth.error).toBeNull()
  })

  it('signs up, which leaves the new account signed in', async () => {
    const auth = await started()

    expect((await auth.signUp({ name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol-1959' })).ok).toBe(true)

    expect(auth.account?.name).toBe('Grace Hopper')
    expect(auth.status).toBe('signed-in')
  })

  it('reports user_already_exists on sign-up with a taken e-mail', async () => {
    const auth = await started()

    expect((await auth.signUp({ name: '', email: 'ada@example.com', password: 'another-password' })).ok).toBe(false)

    expect(auth.error?.type).toBe('user_already_exists')
  })

  it('signs out', async () => {
    fake = setUp({ ...withAda, signedIn: { local: 'ada@example.com' } })
    const auth = await started()
    expect(auth.isSignedIn).toBe(true)

    expect((await auth.signOut()).ok).toBe(true)

    expect(auth.status).toBe('signed-out')
    expect(auth.account).toBeNull()
    expect(fake.calls.at(-1)).toEqual({ method: 'auth.signOut', args: { profileId: 'local' } })
  })

  it('treats an offline profile with a cached account as signed in', async () => {
    setUp({ ...withAda, signedIn: { local: 'ada@example.com' }, offline: ['local'] })
    const auth = await started()

    expect(auth.status).toBe('offline')
    expect(auth.isOffline).toBe(true)
    expect(auth.isSignedIn).toBe(true)
    expect(auth.account?.email).toBe('ada@example.com')
  })

  it('follows auth changes that main reports for the active profile', async () => {
    const auth = await started()

    fake.emitAuthChanged({ profileId: 'local', status: 'signed-in', account: ada })
    expect(auth.account?.email).toBe('ada@example.com')

    fake.emitAuthChanged({ profileId: 'local', status: 'signed-out', account: null })
    expect(auth.isSignedIn).toBe(false)
  })

  it('ignores auth changes for a profile that is not active', async () => {
    const auth = await started()

    fake.emitAuthChanged({ profileId: 'cloud', status: 'signed-in', account: ada })

    expect(auth.isSignedIn).toBe(false)
  })

  it('unsubscribes from main’s events when the store is disposed', async () => {
    const auth = await started()
    expect(fake.listenerCount()).toBe(1)

    auth.$dispose()

    expect(fake.listenerCount()).toBe(0)
  })

  it('drops an answer that arrives after the profile was switched', async () => {
    fake = setUp({ ...withAda, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
    const auth = await started()
    const app = useAppStore()
    const hold = fake.holdNext('auth.signInWithPassword')

    const signingIn = auth.signIn({ email: 'ada@example.com', password: 'correct horse battery' })
    await app.selectProfile('cloud')
    hold.release()

    expect(await signingIn).toMatchObject({ ok: false, error: { type: 'cancelled' } })
    expect(auth.account).toBeNull()
  })

  it('never shows the previous profile’s account after a switch whose check failed', async () => {
    fake = setUp({ ...withAda, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE], signedIn: { local: 'ada@example.com' } })
    const auth = await started()
    const app = useAppStore()
    expect(auth.isSignedIn).toBe(true)

    await app.selectProfile('cloud')
    expect(auth.isStale).toBe(true)
    fake.failNext('auth.getState', ERRORS.network)
    await auth.load()

    expect(auth.isStale).toBe(false)
    expect(auth.account).toBeNull()
    expect(auth.error?.type).toBe('network_error')
  })
})
