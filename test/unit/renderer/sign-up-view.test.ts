// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buttonNamed, fieldLabelled } from './dom-queries'
import { makeAccount } from './fake-records'
import { mountApp, routeBecomes, settle, unmountAfterEach, type MountedApp } from './mount-app'

let mounted: MountedApp | null = null
unmountAfterEach()

function rule(app: MountedApp): string {
  return app.wrapper.find('[data-testid="password-rule"]').text()
}

describe('sign-up screen', () => {
  it('shows Appwrite’s password rule as you type', async () => {
    mounted = await mountApp('/sign-up')
    const password = fieldLabelled(mounted.wrapper, 'Password')

    expect(rule(mounted)).toContain('Use at least 8 characters.')

    await password.setValue('abc')
    expect(rule(mounted)).toContain('Use at least 8 characters.')
    expect(rule(mounted)).toContain('5 more')

    await password.setValue('abcdefgh')
    expect(rule(mounted)).toContain('Length is fine: 8 to 256 characters.')
    expect(rule(mounted)).not.toContain('more')

    await password.setValue('x'.repeat(257))
    expect(rule(mounted)).toContain('Use at most 256 characters.')
    expect(rule(mounted)).toContain('1 too many')
  })

  it('ties the rule to the password field so screen readers read it with the field', async () => {
    mounted = await mountApp('/sign-up')
    const password = fieldLabelled(mounted.wrapper, 'Password')
    const describedBy = password.attributes('aria-describedby') ?? ''

    const hint = mounted.wrapper.find(`#${CSS.escape(describedBy.split(' ')[0] ?? '')}`)
    expect(hint.text()).toContain('Use at least 8 characters.')
  })

  it('refuses a short password on submit without calling main, and says why', async () => {
    mounted = await mountApp('/sign-up')

    await fieldLabelled(mounted.wrapper, 'E-mail').setValue('grace@example.com')
    await fieldLabelled(mounted.wrapper, 'Password').setValue('short')
    await buttonNamed(mounted.wrapper, 'Create account').trigger('click')
    await settle()

    expect(fieldLabelled(mounted.wrapper, 'Password').attributes('aria-invalid')).toBe('true')
    expect(rule(mounted)).toContain('Use at least 8 characters.')
    expect(mounted.wrapper.find('[data-testid="password-rule"]').classes()).toContain('password-rule--invalid')
    expect(mounted.fake.calls.some((call) => call.method === 'auth.signUp')).toBe(false)
  })

  it('creates the account with name, e-mail and password, then shows the profile', async () => {
    mounted = await mountApp('/sign-up')

    await fieldLabelled(mounted.wrapper, 'Name').setValue('Grace Hopper')
    await fieldLabelled(mounted.wrapper, 'E-mail').setValue('grace@example.com')
    await fieldLabelled(mounted.wrapper, 'Password').setValue('cobol-1959')
    await buttonNamed(mounted.wrapper, 'Create account').trigger('click')
    await routeBecomes(mounted, 'profile')

    expect(mounted.fake.calls.find((call) => call.method === 'auth.signUp')?.args).toEqual({
      profileId: 'local',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      password: 'cobol-1959',
      remember: true,
    })
    expect(mounted.wrapper.find('[data-testid="account-email"]').text()).toBe('grace@example.com')
    expect(mounted.wrapper.find('h1').text()).toBe('Grace Hopper')
  })

  it('refuses a name over 128 characters with a sentence, and sends a 128-emoji name whole', async () => {
    mounted = await mountApp('/sign-up')
    const name = fieldLabelled(mounted.wrapper, 'Name')
    await name.setValue('x'.repeat(130))
    expect(name.attributes('aria-invalid')).toBe('true')
    expect(mounted.wrapper.text()).toContain('2 characters too many: at most 128 are allowed.')
    await fieldLabelled(mounted.wrapper, 'E-mail').setValue('grace@example.com')
    await fieldLabelled(mounted.wrapper, 'Password').setValue('cobol-1959')
    await buttonNamed(mounted.wrapper, 'Create account').trigger('click')
    await settle()
    expect(mounted.fake.calls.some((call) => call.method === 'auth.signUp')).toBe(false)

    await name.setValue('🦋'.repeat(128))
    expect(mounted.wrapper.text()).not.toContain('too many')
    await buttonNamed(mounted.wrapper, 'Create account').trigger('click')
    await routeBecomes(mounted, 'profile')
    expect(mounted.fake.calls.find((call) => call.method === 'auth.signUp')?.args).toMatchObject({ name: '🦋'.repeat(128) })
  })

  it('says so in plain words when the e-mail is taken', async () => {
    mounted = await mountApp('/sign-up', { accounts: [{ account: makeAccount(), password: 'correct horse battery' }] })

    await fieldLabelled(mounted.wrapper, 'E-mail').setValue('ada@example.com')
    await fieldLabelled(mounted.wrapper, 'Password').setValue('another-password')
    await buttonNamed(mounted.wrapper, 'Create account').trigger('click')
    await settle()

    expect(mounted.wrapper.find('[role="alert"]').text()).toBe('An account with this e-mail already exists.')
    expect(mounted.router.currentRoute.value.name).toBe('sign-up')
  })
})
