// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { buttonNamed, checkboxLabelled, fieldLabelled, linkNamed } from './dom-queries'
import { type FakeApiOptions } from './fake-api'
import { CLOUD_PROFILE, ERRORS, FAKE_CODE, FAKE_PHRASE, LOCAL_SANDBOX, makeAccount, makeSandboxSettings, SERVER_2_3 } from './fake-records'
import { mountApp, mountOver, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

const withAda: FakeApiOptions = { accounts: [{ account: makeAccount(), password: 'correct horse battery' }] }
const withProviders: FakeApiOptions = { ...withAda, profiles: [{ ...LOCAL_SANDBOX, oauthProviders: ['github', 'oidc'] }] }

unmountAfterEach()
const app = mountedApp

function lastCall(method: string) {
  return app()
    .fake.calls.filter((call) => call.method === method)
    .at(-1)
}

async function typeCode(code: string): Promise<void> {
  await fieldLabelled(app().wrapper, '6-digit code').setValue(code)
  await settle()
}

describe('sign-in screen: every method', () => {
  it('offers codes, a link, the profile’s providers and a guest session beside the password', async () => {
    await mountApp('/sign-in', withProviders)
    const { wrapper } = app()

    expect(linkNamed(wrapper, 'E-mail me a code').exists()).toBe(true)
    expect(linkNamed(wrapper, 'E-mail me a sign-in link').exists()).toBe(true)
    expect(linkNamed(wrapper, 'Text me a code').exists()).toBe(true)
    expect(linkNamed(wrapper, 'Forgot password?').exists()).toBe(true)
    expect(buttonNamed(wrapper, 'Continue with GitHub').exists()).toBe(true)
    // On the Local sandbox the `oidc` slot is the built-in Local test provider.
    expect(buttonNamed(wrapper, 'Continue with Local test provider').exists()).toBe(true)
    expect(buttonNamed(wrapper, 'Continue as guest').exists()).toBe(true)
  })

  it('names oidc by its own name on a server that is not the Local sandbox', async () => {
    await mountApp('/sign-in', { ...withAda, profiles: [{ ...CLOUD_PROFILE, oauthProviders: ['oidc'] }] })
    expect(buttonNamed(app().wrapper, 'Continue with OpenID Connect').exists()).toBe(true)
  })

  it('on the Local sandbox offers what its settings have on, and nothing turned off', async () => {
    const authMethods = { ...makeSandboxSettings().authMethods, magicUrl: false, anonymous: false }
    await mountApp('/sign-in', { ...withAda, sandbox: makeSandboxSettings({ authMethods }) })
    const { wrapper } = app()
    expect(buttonNamed(wrapper, 'Continue with Local test provider').exists()).toBe(true)
    expect(linkNamed(wrapper, 'E-mail me a code').exists()).toBe(true)
    expect(() => linkNamed(wrapper, 'E-mail me a sign-in link')).toThrow('No link named')
    expect(() => buttonNamed(wrapper, 'Continue as guest')).toThrow('No button named')
  })

  it('shows no provider buttons for a profile without providers (the Local test provider turned off)', async () => {
    await mountApp('/sign-in', { ...withAda, sandbox: makeSandboxSettings({ localProvider: false }) })
    expect(
      app()
        .wrapper.findAll('button')
        .filter((button) => button.text().startsWith('Continue with')),
    ).toHaveLength(0)
  })

  it('keeps the session by default, and passes the choice when it is turned off', async () => {
    await mountApp('/sign-in', withAda)
    const keep = checkboxLabelled(app().wrapper, 'Keep me signed in')
    expect(keep.element.checked).toBe(true)

    await keep.setValue(false)
    expect(app().wrapper.text()).toContain('Your session ends when you quit the app.')
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await fieldLabelled(app().wrapper, 'Password').setValue('correct horse battery')
    await app().wrapper.find('form').trigger('submit')
    await routeBecomes(app(), 'profile')

    expect(lastCall('auth.signInWithPassword')?.args).toMatchObject({ remember: false })
  })

  it('says sessions stay in memory, instead of offering the choice, when there is no keychain', async () => {
    await mountApp('/sign-in', { ...withAda, keychain: { kind: 'memory', reason: 'No Secret Service answered.' } })

    expect(
      app()
        .wrapper.findAll('label')
        .some((label) => label.text() === 'Keep me signed in'),
    ).toBe(false)
    expect(app().wrapper.find('[data-testid="memory-only"]').text()).toContain('kept in memory only')
    expect(app().wrapper.find('[data-testid="memory-only"]').text()).toContain('It will end when you quit the app.')
  })

  it('continues as a guest and lands on the account', async () => {
    await mountApp('/sign-in', withAda)

    await buttonNamed(app().wrapper, 'Continue as guest').trigger('click')
    await routeBecomes(app(), 'profile')

    expect(lastCall('auth.signInAnonymously')?.args).toEqual({ profileId: 'local', remember: true })
  })

  it('explains a blocked account in plain words', async () => {
    await mountApp('/sign-in', withAda)
    app().fake.failNext('auth.signInWithPassword', ERRORS.blocked)

    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await fieldLabelled(app().wrapper, 'Password').setValue('correct horse battery')
    await app().wrapper.find('form').trigger('submit')
    await settle()

    expect(app().wrapper.find('[role="alert"]').text()).toBe(
      'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.',
    )
  })
})

describe('e-mail code', () => {
  it('sends the code with the security phrase, shows the phrase, and signs in with a pasted code', async () => {
    await mountApp('/sign-in', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await linkNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'sign-in-email-code')

    // The e-mail typed on the sign-in screen comes along.
    expect(fieldLabelled(app().wrapper, 'E-mail').element.value).toBe('ada@example.com')
    await checkboxLabelled(app().wrapper, 'Add a security phrase').setValue(true)
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'flow')

    expect(lastCall('auth.sendEmailCode')?.args).toEqual({ profileId: 'local', email: 'ada@example.com', phrase: true, remember: true })
    expect(app().wrapper.find('h1').text()).toBe('Check your e-mail')
    expect(app().wrapper.find('[data-testid="security-phrase"]').text()).toContain(FAKE_PHRASE)

    // Pasting "123 456" is read as its digits and sent at once.
    await typeCode('123 456')
    await routeBecomes(app(), 'profile')
    expect(lastCall('auth.verifyCode')?.args).toEqual({ flowId: 'flow-1', code: FAKE_CODE })
  })

  it('says a wrong code is wrong, clears it, and accepts the right one next', async () => {
    await mountApp('/sign-in/email-code', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'flow')

    await typeCode('999999')
    const field = fieldLabelled(app().wrapper, '6-digit code')
    expect(app().wrapper.text()).toContain('That code is not right, or it has expired.')
    expect(field.element.value).toBe('')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(app().router.currentRoute.value.name).toBe('flow')

    await typeCode(FAKE_CODE)
    await routeBecomes(app(), 'profile')
  })

  it('asks for an e-mail address before sending anything', async () => {
    await mountApp('/sign-in/email-code', withAda)
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await settle()

    expect(app().wrapper.text()).toContain('Enter your e-mail address.')
    expect(lastCall('auth.sendEmailCode')).toBeUndefined()
  })

  it('sends a new code to the same address and follows the new flow', async () => {
    await mountApp('/sign-in/email-code', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'flow')

    await buttonNamed(app().wrapper, 'Send a new code').trigger('click')
    await settle()

    expect(app().router.currentRoute.value.params.flowId).toBe('flow-2')
    expect(lastCall('auth.sendEmailCode')?.args).toMatchObject({ email: 'ada@example.com' })
    expect(app().wrapper.text()).toContain('A new code is on its way.')
  })
})

describe('phone code', () => {
  it('sends the number in the form Appwrite wants and signs in with the texted code', async () => {
    await mountApp('/sign-in/phone-code', withAda)
    await fieldLabelled(app().wrapper, 'Phone number').setValue('+1 (415) 555-0123')
    await buttonNamed(app().wrapper, 'Text me a code').trigger('click')
    await routeBecomes(app(), 'flow')

    expect(lastCall('auth.sendPhoneCode')?.args).toEqual({ profileId: 'local', phone: '+14155550123', remember: true })
    expect(app().wrapper.find('h1').text()).toBe('Check your text messages')
    await typeCode(FAKE_CODE)
    await routeBecomes(app(), 'profile')
  })

  it('asks for the international format before sending', async () => {
    await mountApp('/sign-in/phone-code', withAda)
    await fieldLabelled(app().wrapper, 'Phone number').setValue('0415 555 0123')
    await buttonNamed(app().wrapper, 'Text me a code').trigger('click')
    await settle()

    expect(app().wrapper.text()).toContain('Enter the number with + and the country code')
    expect(lastCall('auth.sendPhoneCode')).toBeUndefined()
  })
})

describe('magic link', () => {
  it('waits on "check your e-mail" and moves on by itself when the link arrives', async () => {
    await mountApp('/sign-in/magic-link', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a link').trigger('click')
    await routeBecomes(app(), 'flow')
    expect(app().wrapper.find('h1').text()).toBe('Check your e-mail')
    expect(app().wrapper.text()).toContain('We sent a sign-in link to ada@example.com.')
    expect(app().wrapper.text()).toContain('Dev Mailbox')

    app().fake.deliverLink('flow-1')
    await routeBecomes(app(), 'profile')
  })

  it('explains an expired link and offers to start again', async () => {
    await mountApp('/sign-in/magic-link', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a link').trigger('click')
    await routeBecomes(app(), 'flow')

    const flow = app().fake.flow('flow-1')
    if (!flow) throw new Error('no flow')
    app().fake.emitFlowUpdated({ ...flow, status: 'expired', message: 'That link has expired. Start again to get a new one.' })
    await settle()

    expect(app().wrapper.find('h1').text()).toBe('That link or code has expired')
    expect(app().wrapper.find('[data-testid="flow-message"]').text()).toBe('That link has expired. Start again to get a new one.')
    expect(linkNamed(app().wrapper, 'Start again').attributes('href')).toContain('magic-link')
  })

  it('cancels in main, then goes back to sign-in', async () => {
    await mountApp('/sign-in/magic-link', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a link').trigger('click')
    await routeBecomes(app(), 'flow')

    await buttonNamed(app().wrapper, 'Cancel').trigger('click')
    await routeBecomes(app(), 'sign-in')

    expect(lastCall('auth.cancelFlow')?.args).toEqual({ flowId: 'flow-1' })
    expect(app().fake.flow('flow-1')?.status).toBe('cancelled')
  })
})

describe('OAuth in the browser', () => {
  it('waits for the browser, with the address to copy', async () => {
    await mountApp('/sign-in', withProviders)
    await buttonNamed(app().wrapper, 'Continue with GitHub').trigger('click')
    await routeBecomes(app(), 'flow')

    expect(lastCall('auth.startOAuth')?.args).toEqual({ profileId: 'local', provider: 'github', remember: true })
    expect(app().wrapper.find('h1').text()).toBe('Continue in your browser')
    expect(app().wrapper.text()).toContain('We opened the GitHub sign-in page')
    expect(app().wrapper.find('[data-testid="oauth-url"]').text()).toBe('https://provider.example/authorize')
    // Main copies the full URL (it carries the return link's nonce); the window only asks.
    await buttonNamed(app().wrapper, 'Copy sign-in address').trigger('click')
    await vi.waitFor(() => expect(app().wrapper.text()).toContain('Copied'))
    expect(lastCall('auth.copyFlowUrl')?.args).toEqual({ flowId: 'flow-1' })
    // The paste-the-link fallback stays folded away until asked for.
    const toggle = buttonNamed(app().wrapper, 'The browser could not send you back?')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(
      app()
        .wrapper.findAll('label')
        .some((label) => label.text() === 'Paste the link'),
    ).toBe(false)

    app().fake.deliverLink('flow-1')
    await routeBecomes(app(), 'profile')
  })

  it('takes a pasted link when the browser cannot come back by itself', async () => {
    await mountApp('/sign-in', withProviders)
    await buttonNamed(app().wrapper, 'Continue with GitHub').trigger('click')
    await routeBecomes(app(), 'flow')

    await buttonNamed(app().wrapper, 'The browser could not send you back?').trigger('click')
    await fieldLabelled(app().wrapper, 'Paste the link').setValue('account-console://oauth?fakeFlow=flow-1')
    await buttonNamed(app().wrapper, 'Continue with this link').trigger('click')
    await routeBecomes(app(), 'profile')

    expect(lastCall('auth.completeFromLink')?.args).toEqual({ url: 'account-console://oauth?fakeFlow=flow-1' })
  })

  it('says why a pasted link was refused, and keeps waiting', async () => {
    await mountApp('/sign-in', withProviders)
    await buttonNamed(app().wrapper, 'Continue with GitHub').trigger('click')
    await routeBecomes(app(), 'flow')

    await buttonNamed(app().wrapper, 'The browser could not send you back?').trigger('click')
    await fieldLabelled(app().wrapper, 'Paste the link').setValue('https://evil.example/?secret=1')
    await buttonNamed(app().wrapper, 'Continue with this link').trigger('click')
    await settle()

    expect(app().wrapper.text()).toContain('That link is not for this app.')
    expect(app().router.currentRoute.value.name).toBe('flow')
    expect(app().wrapper.find('h1').text()).toBe('Continue in your browser')
  })

  it('shows why the provider could not be started', async () => {
    await mountApp('/sign-in', withProviders)
    app().fake.failNext('auth.startOAuth', { type: 'project_provider_disabled', code: 412, message: 'This provider is disabled.' })
    await buttonNamed(app().wrapper, 'Continue with GitHub').trigger('click')
    await settle()

    expect(app().wrapper.find('[role="alert"]').text()).toBe('This sign-in provider is not turned on for the project.')
    expect(app().router.currentRoute.value.name).toBe('sign-in')
  })
})

describe('password recovery', () => {
  it('asks for the e-mail, waits for the link, then takes a new password with the rule shown', async () => {
    await mountApp('/sign-in', withAda)
    await linkNamed(app().wrapper, 'Forgot password?').trigger('click')
    await routeBecomes(app(), 'forgot-password')
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a reset link').trigger('click')
    await routeBecomes(app(), 'flow')
    expect(app().wrapper.text()).toContain('We sent a link to reset your password to ada@example.com.')

    app().fake.deliverLink('flow-1')
    await settle()
    expect(app().wrapper.find('h1').text()).toBe('Choose a new password')

    await fieldLabelled(app().wrapper, 'New password').setValue('short')
    expect(app().wrapper.find('[data-testid="password-rule"]').text()).toContain('3 more')
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await settle()
    expect(lastCall('auth.completeRecovery')).toBeUndefined()

    await fieldLabelled(app().wrapper, 'New password').setValue('a brand new password')
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await routeBecomes(app(), 'profile')
    expect(lastCall('auth.completeRecovery')?.args).toEqual({ flowId: 'flow-1', password: 'a brand new password' })
  })

  it('goes back to sign-in with a sentence when main does not sign in afterwards', async () => {
    await mountApp('/forgot-password', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a reset link').trigger('click')
    await routeBecomes(app(), 'flow')
    app().fake.deliverLink('flow-1')
    await settle()

    // Appwrite changed the password but main could not sign in with it.
    const signedOut = { profileId: 'local', status: 'signed-out' as const, account: null }
    const original = app().fake.api.auth.completeRecovery
    Object.assign(app().fake.api.auth, {
      completeRecovery: async (args: { flowId: string; password: string }) => {
        await original(args)
        return { ok: true as const, data: signedOut }
      },
    })
    await fieldLabelled(app().wrapper, 'New password').setValue('a brand new password')
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await routeBecomes(app(), 'sign-in')

    expect(app().wrapper.text()).toContain('Your password is changed. Sign in with your new password.')
    expect(fieldLabelled(app().wrapper, 'E-mail').element.value).toBe('ada@example.com')
  })

  it('on a server with recovery by code: code and new password on one screen, a wrong code said and retried', async () => {
    await mountApp('/forgot-password', { ...withAda, server: SERVER_2_3 })
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await settle()
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await checkboxLabelled(app().wrapper, 'Add a security phrase').setValue(true)
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'flow')
    expect(lastCall('auth.requestRecovery')?.args).toEqual({ profileId: 'local', email: 'ada@example.com', phrase: true })
    expect(app().wrapper.find('h1').text()).toBe('Reset your password')
    expect(app().wrapper.text()).toContain('We sent a 6-digit code to reset your password to ada@example.com.')
    expect(app().wrapper.text()).toContain(FAKE_PHRASE)

    await fieldLabelled(app().wrapper, 'New password').setValue('a brand new password')
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await settle()
    // Nothing sent without the six digits.
    expect(lastCall('auth.completeRecovery')).toBeUndefined()
    expect(app().wrapper.text()).toContain('Enter all 6 digits of the code.')

    await fieldLabelled(app().wrapper, '6-digit code').setValue('999999')
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await settle()
    expect(app().wrapper.text()).toContain('That code is not right, or it has expired.')
    expect(fieldLabelled(app().wrapper, 'New password').element.value).toBe('a brand new password')

    await fieldLabelled(app().wrapper, '6-digit code').setValue(FAKE_CODE)
    await buttonNamed(app().wrapper, 'Set new password').trigger('click')
    await routeBecomes(app(), 'profile')
    expect(lastCall('auth.completeRecovery')?.args).toEqual({ flowId: 'flow-1', password: 'a brand new password', code: FAKE_CODE })
  })

  it('says so when no account has that e-mail', async () => {
    await mountApp('/forgot-password', withAda)
    await fieldLabelled(app().wrapper, 'E-mail').setValue('nobody@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a reset link').trigger('click')
    await settle()

    expect(app().wrapper.find('[role="alert"]').text()).toBe('No account matches. Check the e-mail address.')
  })
})

describe('flows that are gone', () => {
  it('says a flow main does not know is not waiting any more', async () => {
    await mountApp('/flow/flow-404', withAda)
    await settle()

    expect(app().wrapper.find('h1').text()).toBe('This is not waiting any more')
    expect(app().wrapper.text()).toContain('That link or code is not waiting in this app any more.')
  })

  it('opens on a flow after a reload by asking main for it', async () => {
    await mountApp('/sign-in/email-code', { ...withAda, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a code').trigger('click')
    await routeBecomes(app(), 'flow')
    app().wrapper.unmount()

    // A fresh window over the same "main".
    const { fake } = app()
    const { wrapper } = await mountOver(fake, '/flow/flow-1')
    await settle()

    expect(fake.calls.at(-1)).toEqual({ method: 'auth.getFlow', args: { flowId: 'flow-1' } })
    expect(wrapper.find('h1').text()).toBe('Check your e-mail')
  })
})
