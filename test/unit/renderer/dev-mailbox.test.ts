// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buttonNamed, fieldLabelled, linkNamed } from './dom-queries'
import { type FakeApiOptions } from './fake-api'
import { CLOUD_PROFILE, LOCAL_SANDBOX, makeAccount, makeMessage } from './fake-records'
import { mountApp, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

const withAda: FakeApiOptions = { accounts: [{ account: makeAccount(), password: 'correct horse battery' }] }

unmountAfterEach()
const app = mountedApp

describe('Dev Mailbox', () => {
  it('lists the outbox newest first, with channel, recipient, subject, time and the body with link placeholders', async () => {
    const mailbox = [
      makeMessage({ id: 'm2', channel: 'sms', to: '+14155550123', subject: '', body: '123456 is your Local sandbox verification code.', links: [] }),
      makeMessage({ id: 'm1', createdAt: '2025-03-14T09:00:00.000+00:00' }),
    ]
    await mountApp('/dev-mailbox', { ...withAda, mailbox })
    await settle()

    const items = app().wrapper.findAll('ol[aria-label="Messages"] > li')
    expect(items.map((item) => item.attributes('data-message-id'))).toEqual(['m2', 'm1'])
    expect(items[0]?.text()).toContain('Text message')
    expect(items[0]?.text()).toContain('+14155550123')
    expect(items[0]?.text()).toContain('123456 is your Local sandbox verification code.')
    expect(items[1]?.text()).toContain('E-mail')
    expect(items[1]?.find('h2').text()).toBe('Login')
    expect(items[1]?.find('pre').text()).toContain('[link 1]')
    expect(items[1]?.find('time').attributes('datetime')).toBe('2025-03-14T09:00:00.000+00:00')
    expect(buttonNamed(app().wrapper, 'Open link 1').exists()).toBe(true)
  })

  it('is open to signed-out people from the top bar, and says when there is nothing yet', async () => {
    await mountApp('/sign-in', withAda)
    await linkNamed(app().wrapper, 'Dev Mailbox').trigger('click')
    await routeBecomes(app(), 'dev-mailbox')

    expect(app().wrapper.find('h1').text()).toBe('Dev Mailbox')
    expect(app().wrapper.text()).toContain('No messages yet')
  })

  it('finishes a magic link inside the app: "Open link 1" signs in', async () => {
    // The fake outbox ties its message to flow-1, the flow the sign-in below starts.
    await mountApp('/sign-in/magic-link', { ...withAda, mailbox: [makeMessage({ subject: 'Login [flow-1]' })] })
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a link').trigger('click')
    await routeBecomes(app(), 'flow')

    await linkNamed(app().wrapper, 'Dev Mailbox').trigger('click')
    await routeBecomes(app(), 'dev-mailbox')
    await buttonNamed(app().wrapper, 'Open link 1').trigger('click')
    await routeBecomes(app(), 'profile')

    expect(app().fake.calls.find((call) => call.method === 'mailbox.openLink')?.args).toEqual({ profileId: 'local', messageId: 'message-1', linkIndex: 1 })
    expect(app().fake.flow('flow-1')?.status).toBe('completed')
  })

  it('opens a recovery link on the new-password screen', async () => {
    await mountApp('/forgot-password', { ...withAda, mailbox: [makeMessage({ subject: 'Password Reset [flow-1]' })] })
    await fieldLabelled(app().wrapper, 'E-mail').setValue('ada@example.com')
    await buttonNamed(app().wrapper, 'E-mail me a reset link').trigger('click')
    await routeBecomes(app(), 'flow')
    await app().router.push('/dev-mailbox')
    await settle()

    await buttonNamed(app().wrapper, 'Open link 1').trigger('click')
    await routeBecomes(app(), 'flow')

    expect(app().wrapper.find('h1').text()).toBe('Choose a new password')
  })

  it('says why a link could not be used', async () => {
    await mountApp('/dev-mailbox', { ...withAda, mailbox: [makeMessage({ subject: 'Login [flow-1]' })] })
    await settle()
    app().fake.failNext('mailbox.openLink', { type: 'flow_not_found', code: 0, message: 'That link was already used.' })

    await buttonNamed(app().wrapper, 'Open link 1').trigger('click')
    await settle()

    expect(app().wrapper.text()).toContain('That link or code is not waiting in this app any more.')
    expect(app().router.currentRoute.value.name).toBe('dev-mailbox')
  })

  it('reloads on Refresh', async () => {
    await mountApp('/dev-mailbox', withAda)
    await settle()
    await buttonNamed(app().wrapper, 'Refresh').trigger('click')
    await settle()

    expect(app().fake.calls.filter((call) => call.method === 'mailbox.list')).toHaveLength(2)
  })

  it('shows a list error with a way to try again', async () => {
    const fakeOptions = { ...withAda }
    await mountApp('/sign-in', fakeOptions)
    app().fake.failNext('mailbox.list', { type: 'network_error', code: 0, message: 'ECONNREFUSED' })
    await app().router.push('/dev-mailbox')
    await settle()

    expect(app().wrapper.find('[role="alert"]').text()).toContain('The server could not be reached.')
    await buttonNamed(app().wrapper, 'Try again').trigger('click')
    await settle()
    expect(app().wrapper.text()).toContain('No messages yet')
  })

  it('is only for the local sandbox', async () => {
    await mountApp('/dev-mailbox', { ...withAda, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE], activeProfileId: 'cloud' })
    await settle()

    expect(app().wrapper.text()).toContain('Only for the local sandbox')
    expect(app().fake.calls.some((call) => call.method === 'mailbox.list')).toBe(false)
    expect(
      app()
        .wrapper.findAll('a')
        .some((link) => link.text() === 'Dev Mailbox'),
    ).toBe(false)
  })
})
