/**
 * Every sign-in method that leaves the app, end to end through `invoke` and `handleDeepLink`
 * against the real sandbox: e-mail OTP, phone OTP, magic URL (scheme, appwrite-callback,
 * loopback, pasted, Dev Mailbox), password recovery, e-mail verification links, and refused
 * links (forged, replayed, expired).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStatus, AuthState, FlowDTO, MailboxMessageDTO, RedirectStrategy } from '../../../src-shared/ipc'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { DEFAULT_PROJECT_CONFIG } from '../../../src-server'
import { appwrite, CoreWorld, type CoreWorldOptions } from './core-world'

const profileId = SANDBOX_PROFILE_ID
const email = 'lin@example.com'
const password = 'correct horse battery'
const MINUTE = 60_000

let world: CoreWorld
afterEach(async () => {
  await world?.close()
})

async function newWorld(options?: CoreWorldOptions): Promise<CoreWorld> {
  world = await CoreWorld.start(options)
  return world
}

async function useStrategy(redirectStrategy: RedirectStrategy, oauthProviders: string[] = []): Promise<void> {
  const sandbox = (await world.status()).profiles[0]!
  await world.call<AppStatus>('profiles.update', {
    profileId,
    label: sandbox.label,
    endpoint: sandbox.endpoint,
    projectId: sandbox.projectId,
    redirectStrategy,
    oauthProviders,
  })
}

function lastNotice(): string {
  return world.eventsNamed('notice').at(-1)?.message ?? ''
}

describe('e-mail OTP', () => {
  it('sends a code (with the security phrase), refuses a wrong one, signs in with the right one', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendEmailCode', { profileId, email, phrase: true, remember: false })
    expect(flow).toMatchObject({ kind: 'email-otp', status: 'pending', destination: email, phrase: expect.stringMatching(/^\w+ \w+$/) })
    expect((await world.lastMessageTo(email)).body).toContain(flow.phrase)
    const code = await world.codeSentTo(email)

    const wrong = await world.fail('auth.verifyCode', { flowId: flow.flowId, code: code === '000000' ? '111111' : '000000' })
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect((await world.call<FlowDTO>('auth.getFlow', { flowId: flow.flowId })).status).toBe('pending')

    const state = await world.call<AuthState>('auth.verifyCode', { flowId: flow.flowId, code: `${code.slice(0, 3)} ${code.slice(3)}` })
    expect(state).toMatchObject({ status: 'signed-in', remembered: false, account: { email, emailVerification: true } })
    expect(world.keychain.values.size).toBe(0)
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect(world.eventsNamed('authChanged').at(-1)).toMatchObject({ status: 'signed-in' })
    expect(await world.fail('auth.verifyCode', { flowId: flow.flowId, code })).toMatchObject({ type: 'flow_not_found' })
  })

  it('forgets the flow when Appwrite refuses to send, and validates the code', async () => {
    await newWorld({ sandbox: { config: { authMethods: { ...DEFAULT_PROJECT_CONFIG.authMethods, emailOtp: false } } } })
    expect(await world.fail('auth.sendEmailCode', { profileId, email })).toMatchObject({ type: 'user_auth_method_unsupported' })
    expect(await world.fail('auth.verifyCode', { flowId: 'nope', code: '123456' })).toMatchObject({ type: 'flow_not_found' })
    expect(await world.fail('auth.verifyCode', { flowId: 'nope', code: '12<34>' })).toMatchObject({ type: 'invalid_argument' })
  })

  it('explains a code that ran out of time', async () => {
    let offset = 0
    await newWorld({ now: () => Date.now() + offset })
    const flow = await world.call<FlowDTO>('auth.sendEmailCode', { profileId, email })
    const code = await world.codeSentTo(email)
    offset = 15 * MINUTE
    expect(await world.fail('auth.verifyCode', { flowId: flow.flowId, code })).toMatchObject({
      type: 'flow_expired',
      message: 'The code has expired. Send a new one.',
    })
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'expired' })
  })
})

describe('a blocked account', () => {
  it('ends an e-mail code and a magic link with the blocked notice, never signed in', async () => {
    await newWorld()
    const first = await world.call<FlowDTO>('auth.sendEmailCode', { profileId, email })
    await world.call<AuthState>('auth.verifyCode', { flowId: first.flowId, code: await world.codeSentTo(email) })
    const second = await world.call<FlowDTO>('auth.sendEmailCode', { profileId, email })
    const code = await world.codeSentTo(email)
    const magic = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    expect(await world.call<AuthState>('account.block', { profileId })).toMatchObject({ status: 'signed-out' })

    expect(await world.fail('auth.verifyCode', { flowId: second.flowId, code })).toMatchObject({ type: 'user_blocked' })
    await world.core.handleDeepLink(link)
    expect(await world.call<FlowDTO>('auth.getFlow', { flowId: magic.flowId })).toMatchObject({
      status: 'failed',
      message: 'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.',
    })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
    expect(world.eventsNamed('authChanged').at(-1)).toMatchObject({ status: 'signed-out' })
  })
})

describe('phone OTP', () => {
  it('texts a code and signs in with it', async () => {
    await newWorld()
    const phone = '+14155550123'
    const flow = await world.call<FlowDTO>('auth.sendPhoneCode', { profileId, phone })
    expect(flow).toMatchObject({ kind: 'phone-otp', destination: phone })
    expect((await world.lastMessageTo(phone)).channel).toBe('sms')
    const state = await world.call<AuthState>('auth.verifyCode', { flowId: flow.flowId, code: await world.codeSentTo(phone) })
    expect(state).toMatchObject({ status: 'signed-in', remembered: true, account: { phone, phoneVerification: true } })
    expect(await world.fail('auth.sendPhoneCode', { profileId, phone: '0155 555' })).toMatchObject({
      type: 'invalid_argument',
      message: expect.stringContaining('country code'),
    })
  })
})

describe('magic URL', () => {
  it('completes from the deep link in the mail; the replayed link is refused with a notice', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email, phrase: true })
    const link = await world.linkSentTo(email)
    expect(link).toMatch(/^account-console:\/\/magic-url\?flow=[\w-]{43}&userId=\w+&secret=[0-9a-f]{64}&expire=.+&project=local$/)
    await world.core.handleDeepLink(link)
    const state = await world.call<AuthState>('auth.getState', { profileId })
    expect(state).toMatchObject({ status: 'signed-in', account: { email } })
    expect(world.eventsNamed('flowUpdated').at(-1)).toEqual({ ...flow, status: 'completed' })
    expect(world.eventsNamed('notice')).toHaveLength(0)

    // The secret in the link never crossed to the window.
    const secret = new URL(link).searchParams.get('secret')!
    expect(JSON.stringify(world.events)).not.toContain(secret)

    await world.core.handleDeepLink(link)
    expect(lastNotice()).toBe('A link was ignored. That link has already been used.')
    expect((await world.call<AuthState>('auth.getState', { profileId })).account?.email).toBe(email)
  })

  it('drops a forged link with a notice and changes nothing', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const real = new URL(await world.linkSentTo(email))
    const forged = new URL(real)
    forged.searchParams.set('flow', 'A'.repeat(43))
    await world.core.handleDeepLink(forged.toString())
    expect(lastNotice()).toContain('No sign-in in this app is waiting for that link.')
    const wrongKind = new URL(real.toString().replace('://magic-url', '://recovery'))
    await world.core.handleDeepLink(wrongKind.toString())
    expect(lastNotice()).toContain('does not belong')
    await world.core.handleDeepLink('account-console://delete-everything?flow=' + 'A'.repeat(43))
    expect(lastNotice()).toContain('That link does not lead to a step this app knows.')
    expect(lastNotice()).not.toMatch(/unknown|\(none\)/)
    await world.core.handleDeepLink('account-console://?flow=' + 'A'.repeat(43))
    expect(lastNotice()).toContain('That link does not lead to a step this app knows.')
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
    expect((await world.call<FlowDTO>('auth.getFlow', { flowId: flow.flowId })).status).toBe('pending')
    // The real link still works afterwards.
    await world.core.handleDeepLink(real.toString())
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('explains an expired link and does not sign in', async () => {
    let offset = 0
    await newWorld({ now: () => Date.now() + offset })
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    offset = 61 * MINUTE
    await world.core.handleDeepLink(link)
    expect(lastNotice()).toBe('A link was ignored. That link has expired. Start again to get a new one.')
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'expired' })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('signs in with a link that arrives after the app was closed and started again', async () => {
    await newWorld()
    await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email, remember: true })
    const link = await world.linkSentTo(email)
    await world.restart()
    await world.core.handleDeepLink(link)
    expect((await world.call<AuthState>('auth.getState', { profileId })).account?.email).toBe(email)
    expect(world.eventsNamed('notice')).toHaveLength(0)
  })

  it('after a restart past the link’s time, says it expired and offers to start the sign-in again', async () => {
    let offset = 0
    await newWorld({ now: () => Date.now() + offset })
    await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    offset = 61 * MINUTE
    await world.restart()
    await world.core.handleDeepLink(link)
    expect(world.eventsNamed('notice').at(-1)).toEqual({
      level: 'warning',
      message: 'A link was ignored. That link has expired. Start again to get a new one.',
      action: 'start-sign-in',
    })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('a link nothing waits for says to start again, with the button; a malformed one gets no button', async () => {
    await newWorld()
    await world.core.handleDeepLink(`account-console://magic-url?flow=${'B'.repeat(43)}&userId=u1&secret=${'c'.repeat(64)}`)
    expect(world.eventsNamed('notice').at(-1)).toEqual({
      level: 'warning',
      message: 'A link was ignored. No sign-in in this app is waiting for that link. Start the sign-in again.',
      action: 'start-sign-in',
    })
    await world.core.handleDeepLink('account-console://magic-url?flow=short')
    expect(world.eventsNamed('notice').at(-1)).not.toHaveProperty('action')
  })

  it('a cancelled flow refuses its link', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    expect(await world.call<FlowDTO>('auth.cancelFlow', { flowId: flow.flowId })).toMatchObject({ status: 'cancelled' })
    await world.core.handleDeepLink(await world.linkSentTo(email))
    expect(lastNotice()).toContain('cancelled')
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('a flow cancelled after its link was claimed ends signed out, with no session kept', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    // The link is claimed synchronously; its sign-in request is still on the wire when the person cancels.
    const arriving = world.core.handleDeepLink(link)
    expect(await world.call<FlowDTO>('auth.cancelFlow', { flowId: flow.flowId })).toMatchObject({ status: 'cancelled' })
    await arriving
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
    expect(world.eventsNamed('authChanged').at(-1)).toMatchObject({ status: 'signed-out' })
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'cancelled' })
    expect(world.keychain.values.size).toBe(0)
  })

  it('comes back by appwrite-callback-<project>:// when the profile says so', async () => {
    await newWorld()
    await useStrategy('appwrite-callback')
    await world.call('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    expect(link).toMatch(/^appwrite-callback-local:\/\/magic-url\?flow=/)
    await world.core.handleDeepLink(link)
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('comes back by a one-shot loopback listener: the browser gets a page, the app signs in', async () => {
    await newWorld()
    await useStrategy('loopback')
    await world.call('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/magic-url\?flow=/)
    const origin = new URL(link).origin
    const favicon = await fetch(`${origin}/favicon.ico`)
    expect(favicon.status).toBe(404)
    const page = await fetch(link)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(await page.text()).toContain('You can close this tab')
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
    // One-shot: the listener is gone.
    await expect(fetch(link)).rejects.toThrow()
  })

  it('completes from a pasted link and answers the outcome; junk and replays are errors', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = await world.linkSentTo(email)
    expect(await world.fail('auth.completeFromLink', { url: 'https://evil.example/magic-url' })).toMatchObject({ type: 'invalid_argument' })
    expect(await world.call<FlowDTO>('auth.completeFromLink', { url: `  ${link}\n` })).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect(await world.fail('auth.completeFromLink', { url: link })).toMatchObject({ type: 'flow_not_found', message: 'That link has already been used.' })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('fails the flow, with a notice, when Appwrite refuses the token', async () => {
    await newWorld()
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const link = new URL(await world.linkSentTo(email))
    link.searchParams.set('secret', 'f'.repeat(64))
    await world.core.handleDeepLink(link.toString())
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({
      flowId: flow.flowId,
      status: 'failed',
      message: expect.stringContaining('no longer valid'),
    })
    expect(world.eventsNamed('notice').at(-1)).toMatchObject({ level: 'error' })
  })
})

describe('Dev Mailbox', () => {
  it('lists the outbox newest first with links hidden, and opens a link through the deep-link entry', async () => {
    await newWorld()
    await world.call('auth.sendEmailCode', { profileId, email: 'first@example.com' })
    const flow = await world.call<FlowDTO>('auth.sendMagicLink', { profileId, email })
    const messages = await world.call<MailboxMessageDTO[]>('mailbox.list', { profileId })
    expect(messages.map((m) => m.to)).toEqual([email, 'first@example.com'])
    const [magic] = messages
    expect(magic).toMatchObject({ channel: 'email', subject: 'Login', links: [{ index: 1, label: 'account-console://magic-url' }] })
    expect(magic!.body).toContain('[link 1]')
    expect(magic!.body).not.toMatch(/secret|flow=|account-console:/)
    expect(JSON.stringify(messages)).not.toContain(new URL(await world.linkSentTo(email)).searchParams.get('secret')!)

    expect(await world.fail('mailbox.openLink', { profileId, messageId: magic!.id, linkIndex: 2 })).toMatchObject({ type: 'invalid_argument' })
    expect(await world.call<FlowDTO>('mailbox.openLink', { profileId, messageId: magic!.id, linkIndex: 1 })).toMatchObject({
      flowId: flow.flowId,
      status: 'completed',
    })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
    expect(await world.fail('mailbox.openLink', { profileId, messageId: magic!.id, linkIndex: 1 })).toMatchObject({ type: 'flow_not_found' })
  })

  it('is only for sandbox profiles', async () => {
    await newWorld()
    const status = await world.call<AppStatus>('profiles.add', {
      label: 'Cloud',
      endpoint: 'https://cloud.appwrite.io',
      projectId: 'p1',
      redirectStrategy: 'scheme',
      oauthProviders: [],
    })
    expect(await world.fail('mailbox.list', { profileId: status.profiles[1]!.id })).toMatchObject({ type: 'not_sandbox' })
    expect(await world.fail('mailbox.openLink', { profileId: status.profiles[1]!.id, messageId: 'x', linkIndex: 1 })).toMatchObject({ type: 'not_sandbox' })
  })
})

describe('password recovery', () => {
  it('on a 1.9 server: request → link → needs-password → new password → signed in with it', async () => {
    await newWorld({ sandbox: { appwriteVersion: '1.9' } })
    const user = await world.call<AuthState>('auth.signUp', { profileId, name: 'Lin', email, password })
    await world.call('auth.signOut', { profileId })
    const flow = await world.call<FlowDTO>('auth.requestRecovery', { profileId, email })
    expect(flow).toMatchObject({ kind: 'recovery', status: 'pending', destination: email })
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'too early 12345' })).toMatchObject({ type: 'flow_not_found' })

    await world.core.handleDeepLink(await world.linkSentTo(email))
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'needs-password' })
    expect((await world.call<FlowDTO>('auth.getFlow', { flowId: flow.flowId })).status).toBe('needs-password')

    const state = await world.call<AuthState>('auth.completeRecovery', { flowId: flow.flowId, password: 'a brand new secret' })
    expect(state).toMatchObject({ status: 'signed-in', account: { $id: user.account!.$id } })
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect((await appwrite(world.sandbox.url, 'POST', '/account/sessions/email', { body: { email, password } })).status).toBe(401)
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'again and again' })).toMatchObject({ type: 'flow_not_found' })
  })

  it('on a 2.3 server: a mailed code (with the phrase asked for) and the new password on one step, then signed in', async () => {
    await newWorld({ sandbox: { appwriteVersion: '2.3' } })
    const user = await world.call<AuthState>('auth.signUp', { profileId, name: 'Lin', email, password })
    await world.call('auth.signOut', { profileId })
    const flow = await world.call<FlowDTO>('auth.requestRecovery', { profileId, email, phrase: true })
    expect(flow).toMatchObject({ kind: 'recovery-code', status: 'pending', destination: email })
    expect(flow.phrase).toMatch(/\w+ \w+/)
    const message = await world.lastMessageTo(email)
    expect(message.body).toContain(flow.phrase)
    // No link in the mail: nothing for the app to catch.
    expect(message.body).not.toMatch(/account-console:\/\//)
    const code = await world.codeSentTo(email)

    // A wrong code and a too-weak password are said and leave the flow waiting for another try.
    const wrong = code === '000000' ? '111111' : '000000'
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'a brand new secret', code: wrong })).toMatchObject({
      type: 'user_invalid_token',
    })
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'short', code })).toMatchObject({ type: 'general_argument_invalid' })
    expect((await world.call<FlowDTO>('auth.getFlow', { flowId: flow.flowId })).status).toBe('pending')
    // The code path is not the link path: a password alone does not complete it.
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'a brand new secret' })).toMatchObject({ type: 'flow_not_found' })

    const state = await world.call<AuthState>('auth.completeRecovery', { flowId: flow.flowId, password: 'a brand new secret', code })
    expect(state).toMatchObject({ status: 'signed-in', account: { $id: user.account!.$id } })
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect((await appwrite(world.sandbox.url, 'POST', '/account/sessions/email', { body: { email, password } })).status).toBe(401)
    expect(await world.fail('auth.completeRecovery', { flowId: flow.flowId, password: 'again and again', code })).toMatchObject({ type: 'flow_not_found' })
  })

  it('an unknown e-mail is Appwrite’s user_not_found and leaves nothing waiting', async () => {
    await newWorld()
    expect(await world.fail('auth.requestRecovery', { profileId, email: 'nobody@example.com' })).toMatchObject({ type: 'user_not_found', code: 404 })
  })
})

describe('e-mail verification link', () => {
  it('verifies the address when the link comes back, and refreshes the signed-in account', async () => {
    await newWorld()
    await world.call('auth.signUp', { profileId, name: '', email, password })
    const flow = await world.call<FlowDTO>('account.sendEmailVerification', { profileId })
    expect(flow).toMatchObject({ kind: 'verify-email', status: 'pending' })
    const link = await world.linkSentTo(email)
    expect(link).toMatch(/^account-console:\/\/verify-email\?flow=/)
    await world.core.handleDeepLink(link)
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect(world.eventsNamed('authChanged').at(-1)).toMatchObject({ status: 'signed-in', account: { emailVerification: true } })
    await world.core.handleDeepLink(link)
    expect(lastNotice()).toContain('already been used')
  })
})
