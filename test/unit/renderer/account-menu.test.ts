// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buttonNamed } from './dom-queries'
import { type FakeApiOptions } from './fake-api'
import { makeAccount } from './fake-records'
import { mountApp, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

const ada = makeAccount()
const signedIn: FakeApiOptions = { accounts: [{ account: ada, password: 'correct horse battery' }], signedIn: { local: ada.email } }

unmountAfterEach()
const app = mountedApp

function trigger() {
  return app().wrapper.find<HTMLButtonElement>('button[aria-haspopup="menu"]')
}

function item(text: string) {
  const found = app()
    .wrapper.findAll<HTMLElement>('[role="menuitem"]')
    .find((candidate) => candidate.text() === text)
  if (!found) throw new Error(`no menu item ${text}`)
  return found
}

describe('account menu', () => {
  it('is not there when nobody is signed in', async () => {
    await mountApp('/sign-in', signedIn.accounts ? { accounts: signedIn.accounts } : {})
    expect(trigger().exists()).toBe(false)
  })

  it('names the account, and opens from the keyboard on the first item', async () => {
    await mountApp('/', signedIn)
    await routeBecomes(app(), 'profile')

    // The name is the button's own text (the initials beside it are hidden from screen readers).
    expect(trigger().find('[aria-hidden="true"]').text()).toBe('AL')
    expect(trigger().text().replace('AL', '').trim()).toBe('Account: Ada Lovelace')
    expect(trigger().attributes('aria-expanded')).toBe('false')
    await trigger().trigger('keydown', { key: 'ArrowDown' })
    await settle()

    expect(trigger().attributes('aria-expanded')).toBe('true')
    expect(document.activeElement?.textContent?.trim()).toBe('Sign out of this device')
    await app().wrapper.find('[role="menu"]').trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement?.textContent?.trim()).toBe('Sign out everywhere…')
    await app().wrapper.find('[role="menu"]').trigger('keydown', { key: 'Escape' })
    await settle()
    expect(app().wrapper.find('[role="menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(trigger().element)
  })

  it('signs out of this device', async () => {
    await mountApp('/', signedIn)
    await routeBecomes(app(), 'profile')
    await trigger().trigger('click')
    await settle()

    await item('Sign out of this device').trigger('click')
    await routeBecomes(app(), 'sign-in')

    expect(app().fake.callsOf('auth.signOut')).toEqual([{ profileId: 'local' }])
  })

  it('asks before signing out everywhere, and does nothing on Cancel', async () => {
    await mountApp('/', signedIn)
    await routeBecomes(app(), 'profile')
    await trigger().trigger('click')
    await settle()
    await item('Sign out everywhere…').trigger('click')
    await settle()

    const dialog = app()
      .wrapper.findAll<HTMLDialogElement>('dialog')
      .find((candidate) => candidate.text().includes('Sign out everywhere?'))
    expect(dialog?.element.open).toBe(true)
    expect(dialog?.text()).toContain('on every other device and browser')
    await buttonNamed(app().wrapper, 'Cancel').trigger('click')
    await settle()

    expect(dialog?.element.open).toBe(false)
    expect(app().fake.calls.some((call) => call.method === 'auth.signOutEverywhere')).toBe(false)
  })

  it('signs out everywhere once confirmed, and says so', async () => {
    await mountApp('/', signedIn)
    await routeBecomes(app(), 'profile')
    await trigger().trigger('click')
    await settle()
    await item('Sign out everywhere…').trigger('click')
    await settle()

    await buttonNamed(app().wrapper, 'Sign out everywhere').trigger('click')
    await routeBecomes(app(), 'sign-in')

    expect(app().fake.calls.find((call) => call.method === 'auth.signOutEverywhere')?.args).toEqual({ profileId: 'local' })
    expect(app().wrapper.text()).toContain('You are signed out on every device.')
  })

  it('keeps the dialog open with the reason when signing out everywhere fails', async () => {
    await mountApp('/', signedIn)
    await routeBecomes(app(), 'profile')
    app().fake.failNext('auth.signOutEverywhere', { type: 'network_error', code: 0, message: 'ECONNREFUSED' })
    await trigger().trigger('click')
    await settle()
    await item('Sign out everywhere…').trigger('click')
    await settle()
    await buttonNamed(app().wrapper, 'Sign out everywhere').trigger('click')
    await settle()

    const dialog = app()
      .wrapper.findAll<HTMLDialogElement>('dialog')
      .find((candidate) => candidate.text().includes('Sign out everywhere?'))
    expect(dialog?.element.open).toBe(true)
    expect(dialog?.find('[role="alert"]').text()).toContain('The server could not be reached.')
    expect(app().router.currentRoute.value.name).toBe('profile')
  })
})

describe('offline at start-up', () => {
  it('keeps the session and says so when the server cannot be reached and no account is known yet', async () => {
    await mountApp('/', { ...signedIn, offlineWithoutAccount: ['local'] })
    await routeBecomes(app(), 'offline')

    expect(app().wrapper.find('h1').text()).toBe('You are offline')
    expect(app().wrapper.text()).toContain('your session is kept')
    // The account menu still offers a deliberate sign-out.
    expect(trigger().exists()).toBe(true)
  })

  it('tries again, and shows the account once the server answers', async () => {
    await mountApp('/', { ...signedIn, offlineWithoutAccount: ['local'] })
    await routeBecomes(app(), 'offline')
    await buttonNamed(app().wrapper, 'Try again').trigger('click')
    await settle()
    expect(app().router.currentRoute.value.name).toBe('offline')
    expect(app().wrapper.text()).toContain('Still no answer from the server. Your session is kept.')

    // The network is back: main now answers with the account.
    app().fake.emitAuthChanged({ profileId: 'local', status: 'signed-in', account: ada })
    await routeBecomes(app(), 'profile')
  })

  it('signs out of this device on purpose', async () => {
    await mountApp('/', { ...signedIn, offlineWithoutAccount: ['local'] })
    await routeBecomes(app(), 'offline')

    await buttonNamed(app().wrapper, 'Sign out of this device').trigger('click')
    await routeBecomes(app(), 'sign-in')
  })
})
