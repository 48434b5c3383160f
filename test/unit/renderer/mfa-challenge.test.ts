// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buttonNamed, checkboxLabelled, fieldLabelled } from './dom-queries'
import { type FakeApiOptions, screenCalls } from './fake-api'
import { FAKE_MFA_CODE, makeAccount } from './fake-records'
import { mountApp, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

const ada = makeAccount({ mfa: true })
const allFactors = { totp: true, phone: true, email: true, recoveryCode: true }
const withMfa: FakeApiOptions = {
  accounts: [{ account: ada, password: 'correct horse battery' }],
  mfa: { [ada.email]: { factors: allFactors, recoveryCodes: ['a1b2c3d4e5', 'f6a7b8c9d0'] } },
}

unmountAfterEach()
const app = mountedApp

async function signInToSecondStep(options: FakeApiOptions = withMfa): Promise<void> {
  await mountApp('/sign-in', options)
  await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
  await fieldLabelled(app().wrapper, 'Password').setValue('correct horse battery')
  await app().wrapper.find('form').trigger('submit')
  await routeBecomes(app(), 'mfa-challenge')
}

async function choose(label: string): Promise<void> {
  await checkboxLabelled(app().wrapper, label).setValue(true)
  await buttonNamed(app().wrapper, 'Continue').trigger('click')
  await settle()
}

describe('MFA at sign-in', () => {
  it('goes to the second step when Appwrite asks for more factors, offering the account’s factors', async () => {
    await signInToSecondStep()

    expect(app().wrapper.find('h1').text()).toBe('Confirm it is you')
    const legend = app().wrapper.find('legend')
    expect(legend.text()).toBe('Second step')
    const labels = app()
      .wrapper.findAll('fieldset label')
      .map((label) => label.find('.choice-list__label').text())
    expect(labels).toEqual(['Authenticator app', 'Text message', 'E-mail', 'Recovery code'])
  })

  it('offers only the factors the account has', async () => {
    await signInToSecondStep({ ...withMfa, mfa: { [ada.email]: { factors: { totp: false, phone: false, email: true, recoveryCode: true } } } })

    const labels = app()
      .wrapper.findAll('fieldset label')
      .map((label) => label.find('.choice-list__label').text())
    expect(labels).toEqual(['E-mail', 'Recovery code'])
  })

  it('keeps the second step as its own place: no account screens until it is done', async () => {
    await signInToSecondStep()

    await app().router.push('/profile')
    expect(app().router.currentRoute.value.name).toBe('mfa-challenge')
    await app().router.push('/sign-in')
    expect(app().router.currentRoute.value.name).toBe('mfa-challenge')
  })

  it('says a wrong authenticator code is wrong and accepts the right one on the same challenge', async () => {
    await signInToSecondStep()
    await choose('Authenticator app')
    expect(app().fake.calls.at(-1)).toEqual({ method: 'mfa.createChallenge', args: { profileId: 'local', factor: 'totp' } })

    await fieldLabelled(app().wrapper, 'Code from your authenticator app').setValue('000000')
    await settle()
    expect(app().wrapper.text()).toContain('That code is not right. Check the code your app shows now and try again.')
    expect(app().router.currentRoute.value.name).toBe('mfa-challenge')

    await fieldLabelled(app().wrapper, 'Code from your authenticator app').setValue(FAKE_MFA_CODE)
    await routeBecomes(app(), 'profile')
    const answers = app().fake.calls.filter((call) => call.method === 'mfa.completeChallenge')
    expect(answers.map((call) => (call.args as { challengeId: string }).challengeId)).toEqual(['challenge-1', 'challenge-1'])
  })

  it('sends an e-mail code and can send a new one', async () => {
    await signInToSecondStep()
    await choose('E-mail')

    expect(app().wrapper.text()).toContain('We e-mailed you a 6-digit code.')
    await buttonNamed(app().wrapper, 'Send a new code').trigger('click')
    await settle()
    expect(app().fake.calls.filter((call) => call.method === 'mfa.createChallenge')).toHaveLength(2)

    await fieldLabelled(app().wrapper, 'Code from the e-mail').setValue(FAKE_MFA_CODE)
    await routeBecomes(app(), 'profile')
  })

  it('accepts a recovery code once, and refuses it the second time with a clear sentence', async () => {
    await signInToSecondStep()
    await choose('Recovery code')
    await fieldLabelled(app().wrapper, 'Recovery code').setValue(' A1B2C3D4E5 ')
    await buttonNamed(app().wrapper, 'Confirm').trigger('click')
    await routeBecomes(app(), 'profile')
    expect(screenCalls(app().fake.calls).at(-1)).toMatchObject({ method: 'mfa.completeChallenge', args: { otp: 'a1b2c3d4e5' } })

    // Sign out, sign in again and try the same code.
    await app().wrapper.find('button[aria-haspopup="menu"]').trigger('click')
    await settle()
    const signOut = app()
      .wrapper.findAll('[role="menuitem"]')
      .find((item) => item.text() === 'Sign out of this device')
    await signOut?.trigger('click')
    await routeBecomes(app(), 'sign-in')
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await fieldLabelled(app().wrapper, 'Password').setValue('correct horse battery')
    await app().wrapper.find('form').trigger('submit')
    await routeBecomes(app(), 'mfa-challenge')
    await choose('Recovery code')
    await fieldLabelled(app().wrapper, 'Recovery code').setValue('a1b2c3d4e5')
    await buttonNamed(app().wrapper, 'Confirm').trigger('click')
    await settle()

    expect(app().wrapper.text()).toContain('That recovery code was not accepted. Each recovery code works only once')
    expect(app().router.currentRoute.value.name).toBe('mfa-challenge')

    await fieldLabelled(app().wrapper, 'Recovery code').setValue('f6a7b8c9d0')
    await buttonNamed(app().wrapper, 'Confirm').trigger('click')
    await routeBecomes(app(), 'profile')
  })

  it('lets you pick another method, or sign out', async () => {
    await signInToSecondStep()
    await choose('Authenticator app')
    await buttonNamed(app().wrapper, 'Use another method').trigger('click')
    await settle()
    expect(app().wrapper.find('h1').text()).toBe('Confirm it is you')

    await buttonNamed(app().wrapper, 'Sign out and use another account').trigger('click')
    await routeBecomes(app(), 'sign-in')
  })

  it('starts the authenticator challenge at once when it is the only factor', async () => {
    await signInToSecondStep({ ...withMfa, mfa: { [ada.email]: { factors: { totp: true, phone: false, email: false, recoveryCode: false } } } })
    await settle()

    expect(app().wrapper.find('h1').text()).toBe('Enter the code')
    expect(app().fake.calls.at(-1)).toEqual({ method: 'mfa.createChallenge', args: { profileId: 'local', factor: 'totp' } })
  })
})
