/**
 * The Local sandbox as a playground (issue 14 items 1 and 2), through core's `invoke` as the
 * window calls it: the built-in Local test provider works from a fresh start with nothing set up,
 * the Sandbox settings change the embedded sandbox in-process and apply at once, the sandbox keeps
 * its port, and an OAuth start the server refuses is said at once instead of opening a browser.
 */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStatus, AuthState, FlowDTO, ProfileDTO, SandboxSettingsDTO } from '../../../src-shared/ipc'
import { SANDBOX_PROFILE_ID } from '../../../src-main/core/profiles/profile-store'
import { EMBEDDED_SANDBOX_OPTIONS } from '../../../src-server'
import { oauthStartRefusal } from '../../../src-main/core/appwrite/account'
import { CoreWorld } from './core-world'

const profileId = SANDBOX_PROFILE_ID
let world: CoreWorld

afterEach(async () => {
  await world?.close()
})

function embedded(): Promise<CoreWorld> {
  return CoreWorld.start({ sandbox: { ...EMBEDDED_SANDBOX_OPTIONS } })
}

/** One request as the browser makes it (no redirect followed; Sec-Fetch headers of a form navigation). */
function browserRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; location: string; cookie: string; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? '',
          cookie: (res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** The person in the browser at the Local test provider: picks the typed identity and signs in; returns where the browser is sent at the end. */
async function signInAtLocalProvider(startUrl: string, identity: { name: string; email: string }): Promise<string> {
  const start = await browserRequest(startUrl)
  expect(start.status).toBe(301)
  const page = await browserRequest(start.location)
  expect(page.body).toContain('Local test provider')
  const requestId = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const origin = new URL(start.location).origin
  const answered = await browserRequest(`${origin}/local-oidc/authorize`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: page.cookie,
      origin,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    },
    body: new URLSearchParams({ request: requestId, identity: 'typed', name: identity.name, email: identity.email, action: 'allow' }).toString(),
  })
  expect(answered.status).toBe(303)
  const callback = await browserRequest(answered.location)
  const redirect = await browserRequest(new URL(callback.location, answered.location).toString())
  expect(redirect.status).toBe(301)
  return redirect.location
}

describe('a fresh app with no configuration', () => {
  it('offers the Local test provider and signs in with it by the app link', async () => {
    world = await embedded()
    const profile = (await world.status()).profiles.find((p) => p.id === profileId) as ProfileDTO
    expect(profile.oauthProviders).toEqual([])
    const settings = await world.call<SandboxSettingsDTO>('sandbox.getSettings', { profileId })
    expect(settings.localProvider).toBe(true)

    const flow = await world.call<FlowDTO>('auth.startOAuth', { profileId, provider: 'oidc' })
    expect(flow.status).toBe('pending')
    const back = await signInAtLocalProvider(world.opened.at(-1)!, { name: 'Pat Player', email: 'pat@example.test' })
    expect(back.startsWith('account-console://oauth')).toBe(true)
    await world.core.handleDeepLink(back)
    expect(await world.call<AuthState>('auth.getState', { profileId })).toMatchObject({
      status: 'signed-in',
      account: { email: 'pat@example.test', name: 'Pat Player' },
    })
  })

  it('keeps the sandbox’s port across a restart, and the profile’s endpoint with it', async () => {
    world = await embedded()
    const before = (await world.status()).profiles.find((p) => p.id === profileId)!.endpoint
    await world.restart()
    expect((await world.status()).profiles.find((p) => p.id === profileId)!.endpoint).toBe(before)
  })
})

describe('Sandbox settings, in-process', () => {
  it('apply at once: an auth method turned off is refused by the next sign-in', async () => {
    world = await embedded()
    const after = await world.call<SandboxSettingsDTO>('sandbox.updateSettings', {
      profileId,
      settings: { authMethods: { anonymous: false }, sessionLimit: 5 },
    })
    expect(after.authMethods.anonymous).toBe(false)
    expect(after.sessionLimit).toBe(5)
    expect(await world.fail('auth.signInAnonymously', { profileId })).toMatchObject({ type: 'user_auth_method_unsupported' })
    await world.restart()
    expect((await world.call<SandboxSettingsDTO>('sandbox.getSettings', { profileId })).authMethods.anonymous).toBe(false)
  })

  it('refuse other profiles, unknown fields and values out of range, with the reason', async () => {
    world = await embedded()
    const added = await world.core.invoke('profiles.add', {
      label: 'Elsewhere',
      endpoint: 'https://appwrite.example.com/v1',
      projectId: 'p1',
      redirectStrategy: 'scheme',
      oauthProviders: [],
    })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    const remote = (added.data as AppStatus).profiles.find((p) => p.label === 'Elsewhere') as ProfileDTO
    expect(await world.fail('sandbox.getSettings', { profileId: remote.id })).toMatchObject({ type: 'not_sandbox' })
    expect(await world.fail('sandbox.updateSettings', { profileId, settings: { sessionLimit: 0 } })).toMatchObject({ type: 'invalid_argument' })
    expect(await world.fail('sandbox.updateSettings', { profileId, settings: { userLimit: 3 } })).toMatchObject({ type: 'invalid_argument' })
    expect(await world.fail('sandbox.updateSettings', { profileId, settings: { oauthProviders: [{ name: 'myspace', enabled: true }] } })).toMatchObject({
      type: 'invalid_argument',
      message: expect.stringContaining('myspace'),
    })
  })
})

describe('an OAuth start the server refuses is said at once (issue 14 item 2)', () => {
  it('the Local test provider turned off: 412 project_provider_disabled, no browser, the flow ends', async () => {
    world = await embedded()
    await world.call('sandbox.updateSettings', { profileId, settings: { localProvider: false } })
    // Still listed by the profile: the server is asked and says no.
    const sandbox = (await world.status()).profiles.find((p) => p.id === profileId)!
    await world.call('profiles.update', {
      profileId,
      label: sandbox.label,
      endpoint: sandbox.endpoint,
      projectId: 'local',
      redirectStrategy: 'scheme',
      oauthProviders: ['oidc', 'github'],
    })
    expect(await world.fail('auth.startOAuth', { profileId, provider: 'oidc' })).toMatchObject({ type: 'project_provider_disabled', code: 412 })
    expect(await world.fail('auth.startOAuth', { profileId, provider: 'github' })).toMatchObject({ type: 'project_provider_disabled', code: 412 })
    expect(world.opened).toHaveLength(0)
    expect(world.eventsNamed('flowUpdated').at(-1)).toMatchObject({ kind: 'oauth', status: 'failed' })
  })

  it('a provider the server does not implement: project_provider_unsupported', async () => {
    world = await embedded()
    await world.call('sandbox.updateSettings', {
      profileId,
      settings: { oauthProviders: [{ name: 'github', enabled: true, appId: 'gh', secret: 'gh-secret' }] },
    })
    expect(await world.fail('auth.startOAuth', { profileId, provider: 'github' })).toMatchObject({ type: 'project_provider_unsupported' })
    expect(world.opened).toHaveLength(0)
  })
})

describe('reading a refused OAuth start (an HTML page with the status, as Appwrite answers it)', () => {
  it('takes the type from JSON, else from the page, else from the status', () => {
    expect(
      oauthStartRefusal({ status: 412, contentType: 'application/json', text: '{"message":"off","code":412,"type":"project_provider_disabled"}' }),
    ).toMatchObject({
      type: 'project_provider_disabled',
      code: 412,
      message: 'off',
    })
    const page =
      '<html><body><h1>Error 400</h1><p>Invalid `success` param: URL host must be one of: localhost</p><p><code>general_argument_invalid</code></p></body></html>'
    expect(oauthStartRefusal({ status: 400, contentType: 'text/html', text: page })).toMatchObject({
      type: 'general_argument_invalid',
      code: 400,
      message: 'Invalid `success` param: URL host must be one of: localhost',
    })
    expect(oauthStartRefusal({ status: 412, contentType: 'text/html', text: '<h1>Error</h1>' })).toMatchObject({ type: 'project_provider_disabled', code: 412 })
    expect(oauthStartRefusal({ status: 503, contentType: 'text/html', text: '' })).toMatchObject({
      type: 'general_server_error',
      message: expect.stringContaining('HTTP 503'),
    })
    expect(oauthStartRefusal({ status: 400, contentType: 'text/html', text: '<p>A &amp; B &#x1F600; &#9999999;</p>' }).message).toBe('A & B 😀 &#9999999;')
  })
})
