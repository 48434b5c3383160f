// @vitest-environment happy-dom
/**
 * The Sandbox screen over the fake: a method turned off there is changed in the sandbox at once and
 * no longer offered on the sign-in screen; a refusal is said in words and the box keeps its state;
 * a profile that is not the Local sandbox gets an explanation and no settings call.
 */
import { describe, expect, it } from 'vitest'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { describeError } from '../../../src-renderer/errors'
import { checkboxLabelled, linkNamed } from './dom-queries'
import { CLOUD_PROFILE, makeAccount } from './fake-records'
import { mountApp, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

unmountAfterEach()
const app = mountedApp
const toasts = (): string[] => useToasts().toasts.value.map((toast) => toast.message)

describe('Sandbox screen', () => {
  it('turns a sign-in method off at once, and the sign-in screen stops offering it', async () => {
    await mountApp('/sandbox')
    await routeBecomes(app(), 'sandbox-settings')
    const magicLink = checkboxLabelled(app().wrapper, 'Sign-in link by e-mail')
    expect(magicLink.element.checked).toBe(true)

    await magicLink.setValue(false)
    await settle()
    expect(app().fake.callsOf('sandbox.updateSettings')).toEqual([{ profileId: 'local', settings: { authMethods: { magicUrl: false } } }])
    expect(app().fake.sandboxSettings.authMethods.magicUrl).toBe(false)
    expect(magicLink.element.checked).toBe(false)
    expect(toasts()).toContain('Sign-in link by e-mail turned off.')

    await app().router.push('/sign-in')
    await routeBecomes(app(), 'sign-in')
    expect(linkNamed(app().wrapper, 'E-mail me a code').exists()).toBe(true)
    expect(() => linkNamed(app().wrapper, 'E-mail me a sign-in link')).toThrow('No link named')
  })

  it('says why a change was refused, and the sandbox keeps what it had', async () => {
    await mountApp('/sandbox')
    await routeBecomes(app(), 'sandbox-settings')
    const refusal = { type: 'general_argument_invalid', code: 400, message: 'Invalid `authMethods` param.' }
    app().fake.failNext('sandbox.updateSettings', refusal)
    await checkboxLabelled(app().wrapper, 'Guest').setValue(false)
    await settle()
    expect(toasts()).toEqual([describeError(refusal)])
    expect(app().fake.sandboxSettings.authMethods.anonymous).toBe(true)
    expect(checkboxLabelled(app().wrapper, 'Guest').element.checked).toBe(true)
  })

  it('on a real Appwrite profile explains where its settings live and asks nothing', async () => {
    await mountApp('/sandbox', { profiles: [CLOUD_PROFILE], accounts: [{ account: makeAccount(), password: 'correct horse battery' }] })
    await routeBecomes(app(), 'sandbox-settings')
    expect(app().wrapper.text()).toContain('Only for the local sandbox')
    expect(app().fake.callsOf('sandbox.getSettings')).toEqual([])
  })
})
