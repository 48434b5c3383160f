// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buttonNamed, fieldLabelled } from './dom-queries'
import { type FakeApiOptions, screenCalls } from './fake-api'
import { makeAccount } from './fake-records'
import { mountApp, routeBecomes, settle, unmountAfterEach, type MountedApp } from './mount-app'

const withAda: FakeApiOptions = { accounts: [{ account: makeAccount(), password: 'correct horse battery' }] }

let mounted: MountedApp | null = null
unmountAfterEach()

function field(app: MountedApp, text: string) {
  return fieldLabelled(app.wrapper, text)
}

function button(app: MountedApp, name: string) {
  return buttonNamed(app.wrapper, name)
}

describe('sign-in screen', () => {
  it('is where a signed-out person lands, with the active profile named', async () => {
    mounted = await mountApp('/', withAda)

    expect(mounted.router.currentRoute.value.name).toBe('sign-in')
    expect(mounted.wrapper.find('h1').text()).toBe('Sign in')
    expect(mounted.wrapper.text()).toContain('Local sandbox')
    expect(field(mounted, 'E-mail').attributes('type')).toBe('email')
    expect(field(mounted, 'Password').attributes('type')).toBe('password')
  })

  it('sends the typed e-mail and password for the active profile, then shows the profile', async () => {
    mounted = await mountApp('/sign-in', withAda)

    await field(mounted, 'E-mail').setValue('  ada@example.com ')
    await field(mounted, 'Password').setValue('correct horse battery')
    await mounted.wrapper.find('form').trigger('submit')
    await routeBecomes(mounted, 'profile')

    expect(screenCalls(mounted.fake.calls).at(-1)).toEqual({
      method: 'auth.signInWithPassword',
      args: { profileId: 'local', email: 'ada@example.com', password: 'correct horse battery', remember: true },
    })
    expect(mounted.wrapper.find('[data-testid="account-email"]').text()).toBe('ada@example.com')
  })

  it('shows a wrong password as a plain sentence in an alert, and stays on sign-in', async () => {
    mounted = await mountApp('/sign-in', withAda)

    await field(mounted, 'E-mail').setValue('ada@example.com')
    await field(mounted, 'Password').setValue('not the password')
    await button(mounted, 'Sign in').trigger('click')
    await settle()

    const alert = mounted.wrapper.find('[role="alert"]')
    expect(alert.exists()).toBe(true)
    expect(alert.text()).toBe('The e-mail or password is wrong.')
    expect(mounted.router.currentRoute.value.name).toBe('sign-in')
  })

  it('shows the button as busy while signing in, and ignores a second submit', async () => {
    mounted = await mountApp('/sign-in', withAda)
    const hold = mounted.fake.holdNext('auth.signInWithPassword')

    await field(mounted, 'E-mail').setValue('ada@example.com')
    await field(mounted, 'Password').setValue('correct horse battery')
    await mounted.wrapper.find('form').trigger('submit')
    await mounted.wrapper.find('form').trigger('submit')

    const signIn = button(mounted, 'Sign in')
    expect(signIn.attributes('aria-busy')).toBe('true')
    expect(mounted.fake.calls.filter((call) => call.method === 'auth.signInWithPassword')).toHaveLength(1)

    hold.release()
    await routeBecomes(mounted, 'profile')
  })

  it('asks for the missing fields without calling main', async () => {
    mounted = await mountApp('/sign-in', withAda)

    await mounted.wrapper.find('form').trigger('submit')

    expect(mounted.wrapper.text()).toContain('Enter your e-mail address.')
    expect(field(mounted, 'E-mail').attributes('aria-invalid')).toBe('true')
    expect(mounted.fake.calls.some((call) => call.method === 'auth.signInWithPassword')).toBe(false)
  })

  it('links to sign-up and back', async () => {
    mounted = await mountApp('/sign-in', withAda)

    await mounted.wrapper
      .findAll('a')
      .find((link) => link.text() === 'Create an account')
      ?.trigger('click')
    await settle()
    expect(mounted.router.currentRoute.value.name).toBe('sign-up')

    await mounted.wrapper
      .findAll('a')
      .find((link) => link.text() === 'I already have an account')
      ?.trigger('click')
    await settle()
    expect(mounted.router.currentRoute.value.name).toBe('sign-in')
  })

  it('does not carry an error over to the next screen', async () => {
    mounted = await mountApp('/sign-in', withAda)
    await field(mounted, 'E-mail').setValue('ada@example.com')
    await field(mounted, 'Password').setValue('not the password')
    await mounted.wrapper.find('form').trigger('submit')
    await settle()
    expect(mounted.wrapper.find('[role="alert"]').exists()).toBe(true)

    await mounted.router.push('/sign-up')
    await settle()

    expect(mounted.wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('toggles the password between hidden and shown', async () => {
    mounted = await mountApp('/sign-in', withAda)
    const toggle = mounted.wrapper.find('button[aria-controls]')

    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')

    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(field(mounted, 'Password').attributes('type')).toBe('text')
  })
})

describe('sign-in screen focus', () => {
  it('puts the cursor in the e-mail field on arrival', async () => {
    const app = await mountApp('/sign-in')
    expect(document.activeElement).toBe(fieldLabelled(app.wrapper, 'E-mail').element)
    app.wrapper.unmount()
  })
})
