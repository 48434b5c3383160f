/**
 * OAuth2 token flow in "the system browser" against a real OpenID Connect provider
 * (`oidc-provider`, the sandbox team's fixture) for the three redirect strategies, and MFA at
 * sign-in (TOTP and a recovery code) — through `invoke`/`handleDeepLink` against the sandbox.
 */
import { Secret, TOTP } from 'otpauth'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MfaChallenge, MfaFactors } from '../../../src-shared/appwrite'
import type { AuthState, FlowDTO, RedirectStrategy } from '../../../src-shared/ipc'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { Browser } from '../../server/support/browser'
import { startOidcProvider, type OidcTestProvider } from '../../server/support/oidc-provider'
import { appwrite, CoreWorld } from './core-world'

const profileId = SANDBOX_PROFILE_ID
const CLIENT_ID = 'account-console-tests'
const CLIENT_SECRET = 'oidc-client-secret-for-tests-0123'
const password = 'correct horse battery'

let idp: OidcTestProvider
let world: CoreWorld

beforeAll(async () => {
  idp = await startOidcProvider()
})
afterAll(async () => {
  await idp.close()
})
afterEach(async () => {
  await world?.close()
})

/** The app with the sandbox's `oidc` provider pointing at the test issuer, offered by the profile. */
async function oauthWorld(redirectStrategy: RedirectStrategy): Promise<CoreWorld> {
  world = await CoreWorld.start({
    sandbox: {
      config: {
        oauthProviders: {
          oidc: { enabled: true, appId: CLIENT_ID, secret: JSON.stringify({ clientSecret: CLIENT_SECRET, wellKnownEndpoint: idp.wellKnownUrl }) },
        },
      },
    },
  })
  idp.configure({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${world.sandbox.url}/account/sessions/oauth2/callback/oidc/local`] }],
    accounts: [
      { sub: 'alice-sub', email: 'alice@example.com', name: 'Alice Liddell' },
      { sub: 'nomail-sub', name: 'No Mail' },
    ],
  })
  const sandbox = (await world.status()).profiles[0]!
  await world.call('profiles.update', {
    profileId,
    label: sandbox.label,
    endpoint: sandbox.endpoint,
    projectId: 'local',
    redirectStrategy,
    oauthProviders: ['oidc'],
  })
  return world
}

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:'

/**
 * The person in the browser: opens the URL the app opened, signs in at the provider as
 * `account` (or cancels), allows access, and stops where the browser would hand over to the OS.
 */
async function browserSignIn(url: string, account: string | 'cancel'): Promise<{ handedToOs: URL | undefined; lastBody: string }> {
  const browser = new Browser()
  const toOs = (u: URL) => !isHttp(u)
  const start = await browser.follow(url, toOs)
  const loginPage = start.hops.at(-1)!.url
  expect(loginPage).toContain('/interaction/')
  if (account === 'cancel') {
    const aborted = await browser.submit(loginPage, { abort: '1' }, toOs)
    return { handedToOs: aborted.stoppedAt, lastBody: aborted.final.body }
  }
  const afterLogin = await browser.submit(loginPage, { login: account }, toOs)
  const consent = await browser.submit(afterLogin.hops.at(-1)!.url, { consent: '1' }, toOs)
  return { handedToOs: consent.stoppedAt, lastBody: consent.final.body }
}

describe('OAuth2 token flow in the system browser', () => {
  it('scheme: the browser hands account-console://oauth?flow=… to the OS, and the app signs in', async () => {
    await oauthWorld('scheme')
    const flow = await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc', remember: false })
    const openedUrl = new URL(world.opened.at(-1)!)
    expect(flow).toMatchObject({ kind: 'oauth', status: 'pending', address: `${openedUrl.origin}${openedUrl.pathname}` })
    // The nonce in the return URL never reaches the window; main copies the full URL on request.
    const nonce = new URL(openedUrl.searchParams.get('success')!).searchParams.get('flow')!
    expect(JSON.stringify(flow)).not.toContain(nonce)
    expect(await world.call('auth.copyFlowUrl', { flowId: flow.flowId })).toBeNull()
    expect(world.clipboard.at(-1)).toBe(openedUrl.toString())
    expect(Date.parse(flow.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000)
    const opened = new URL(world.opened.at(-1)!)
    expect(opened.pathname).toBe('/v1/account/tokens/oauth2/oidc')
    expect(opened.searchParams.get('success')).toMatch(/^account-console:\/\/oauth\?flow=[\w-]{43}$/)
    expect(opened.searchParams.get('failure')).toBe(opened.searchParams.get('success'))

    const { handedToOs } = await browserSignIn(opened.toString(), 'alice-sub')
    expect(handedToOs?.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/)
    await world.core.handleDeepLink(handedToOs!.toString())
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({
      status: 'signed-in',
      remembered: false,
      account: { email: 'alice@example.com', name: 'Alice Liddell' },
    })
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ flowId: flow.flowId, status: 'completed' })
    expect(world.keychain.values.size).toBe(0)

    // Reloading the browser tab hands the same link over again: refused.
    await world.core.handleDeepLink(handedToOs!.toString())
    expect(world.eventsNamed('notice').at(-1)?.message).toContain('already been used')
  })

  it('appwrite-callback: comes back as appwrite-callback-local://oauth', async () => {
    await oauthWorld('appwrite-callback')
    await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc', scopes: ['email'] })
    const { handedToOs } = await browserSignIn(world.opened.at(-1)!, 'alice-sub')
    expect(handedToOs?.protocol).toBe('appwrite-callback-local:')
    await world.core.handleDeepLink(handedToOs!.toString())
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('loopback: the browser lands on 127.0.0.1, gets a "close this tab" page, and the app signs in', async () => {
    await oauthWorld('loopback')
    await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc' })
    expect(new URL(world.opened.at(-1)!).searchParams.get('success')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\?flow=/)
    const { handedToOs, lastBody } = await browserSignIn(world.opened.at(-1)!, 'alice-sub')
    expect(handedToOs).toBeUndefined()
    expect(lastBody).toContain('You can close this tab')
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-in')
  })

  it('a refusal at the provider fails the flow with Appwrite’s reason and a notice', async () => {
    await oauthWorld('scheme')
    const flow = await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc' })
    const { handedToOs } = await browserSignIn(world.opened.at(-1)!, 'cancel')
    expect(handedToOs?.searchParams.get('error')).toBeTruthy()
    await world.core.handleDeepLink(handedToOs!.toString())
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({
      flowId: flow.flowId,
      status: 'failed',
      message: expect.stringContaining('The sign-in in the browser failed'),
    })
    expect(world.eventsNamed('notice').at(-1)).toMatchObject({ level: 'error' })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('signed-out')
  })

  it('the pasted link completes it when no protocol handler exists', async () => {
    await oauthWorld('scheme')
    const flow = await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc' })
    const { handedToOs } = await browserSignIn(world.opened.at(-1)!, 'alice-sub')
    expect(await world.call<FlowDTO>('auth.completeFromLink', { url: handedToOs!.toString() })).toMatchObject({ flowId: flow.flowId, status: 'completed' })
  })

  it('only offers the profile’s providers', async () => {
    await oauthWorld('scheme')
    expect(await world.fail('auth.startOAuth', { profileId, provider: 'github' })).toMatchObject({
      type: 'invalid_argument',
      message: expect.stringContaining('github'),
    })
    expect(await world.fail('auth.startOAuth', { profileId, provider: 'javascript:alert(1)' })).toMatchObject({ type: 'invalid_argument' })
    expect(world.opened).toHaveLength(0)
  })
})

/** Waits out the end of a 30-second TOTP step so the code is still current when it arrives (appwrite-behaviour §6: no ±1 window). */
async function currentTotp(secret: string): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000)
  if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 100))
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate()
}

/** Signs up in the app, then turns MFA on as the MFA screen would: TOTP enrolled and verified, recovery codes, mfa=true. */
async function userWithMfa(email: string): Promise<{ totpSecret: string; recoveryCodes: string[]; userId: string }> {
  const state = await world.call<AuthState>('auth.signUp', { profileId, name: 'M', email, password })
  const session = world.storedSession(state.account!.$id)!.value
  const call = (method: string, path: string, body?: unknown) => appwrite(world.sandbox.url, method, path, { session, body })
  const totp = await call('POST', '/account/mfa/authenticators/totp')
  const totpSecret = String(totp.body.secret)
  expect((await call('PUT', '/account/mfa/authenticators/totp', { otp: await currentTotp(totpSecret) })).status).toBe(200)
  const codes = await call('POST', '/account/mfa/recovery-codes')
  expect((await call('PATCH', '/account/mfa', { mfa: true })).status).toBe(200)
  await world.call('auth.signOut', { profileId })
  return { totpSecret, recoveryCodes: codes.body.recoveryCodes as string[], userId: state.account!.$id }
}

describe('MFA at sign-in', () => {
  it('password sign-in with MFA on → mfa-required (kept across a restart) → TOTP challenge → signed in', async () => {
    world = await CoreWorld.start()
    const { totpSecret, userId } = await userWithMfa('mfa-totp@example.com')

    const pending = await world.call<AuthState>('auth.signInWithPassword', { profileId, email: 'mfa-totp@example.com', password })
    expect(pending).toMatchObject({
      status: 'mfa-required',
      account: null,
      mfaFactors: { totp: true, recoveryCode: true, email: false, phone: false } satisfies Partial<MfaFactors>,
    })
    expect(world.eventsNamed('authChanged').at(-1)).toEqual(pending)
    expect(world.storedSession(userId)).not.toBeNull()
    await world.restart()
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('mfa-required')

    const challenge = await world.call<MfaChallenge>('mfa.createChallenge', { profileId, factor: 'totp' })
    expect(challenge).toMatchObject({ $id: expect.any(String), userId })
    const wrong = await world.fail('mfa.completeChallenge', { profileId, challengeId: challenge.$id, otp: '000000' })
    expect(wrong).toMatchObject({ type: 'user_invalid_token' })
    // A wrong code keeps the pending session: the person can try again.
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('mfa-required')

    const done = await world.call<AuthState>('mfa.completeChallenge', { profileId, challengeId: challenge.$id, otp: await currentTotp(totpSecret) })
    expect(done).toMatchObject({ status: 'signed-in', account: { $id: userId, mfa: true } })
    expect(world.eventsNamed('authChanged').at(-1)).toEqual(done)
  })

  it('a recovery code completes the challenge once; the same code is refused the next time', async () => {
    world = await CoreWorld.start()
    const { recoveryCodes } = await userWithMfa('mfa-code@example.com')
    const code = recoveryCodes[0]!

    await world.call('auth.signInWithPassword', { profileId, email: 'mfa-code@example.com', password })
    const first = await world.call<MfaChallenge>('mfa.createChallenge', { profileId, factor: 'recoverycode' })
    expect(await world.call<AuthState>('mfa.completeChallenge', { profileId, challengeId: first.$id, otp: code })).toMatchObject({ status: 'signed-in' })

    await world.call('auth.signOut', { profileId })
    await world.call('auth.signInWithPassword', { profileId, email: 'mfa-code@example.com', password })
    const second = await world.call<MfaChallenge>('mfa.createChallenge', { profileId, factor: 'recoverycode' })
    expect(await world.fail('mfa.completeChallenge', { profileId, challengeId: second.$id, otp: code })).toMatchObject({ type: 'user_invalid_token' })
    expect((await world.call<AuthState>('auth.getState', { profileId })).status).toBe('mfa-required')
    expect(await world.call<AuthState>('mfa.completeChallenge', { profileId, challengeId: second.$id, otp: recoveryCodes[1]! })).toMatchObject({
      status: 'signed-in',
    })
  })

  it('an e-mail OTP sign-in also stops at the second factor', async () => {
    world = await CoreWorld.start()
    const { totpSecret } = await userWithMfa('mfa-otp@example.com')
    const flow = await world.call<FlowDTO>('auth.sendEmailCode', { profileId, email: 'mfa-otp@example.com' })
    const state = await world.call<AuthState>('auth.verifyCode', { flowId: flow.flowId, code: await world.codeSentTo('mfa-otp@example.com') })
    expect(state.status).toBe('mfa-required')
    const challenge = await world.call<MfaChallenge>('mfa.createChallenge', { profileId, factor: 'totp' })
    expect((await world.call<AuthState>('mfa.completeChallenge', { profileId, challengeId: challenge.$id, otp: await currentTotp(totpSecret) })).status).toBe(
      'signed-in',
    )
  })

  it('refuses an unknown factor before asking Appwrite', async () => {
    world = await CoreWorld.start()
    expect(await world.fail('mfa.createChallenge', { profileId, factor: 'carrier-pigeon' })).toMatchObject({ type: 'invalid_argument' })
    expect(await world.fail('mfa.createChallenge', { profileId, factor: 'totp' })).toMatchObject({ type: 'not_signed_in' })
  })
})
