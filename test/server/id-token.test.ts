/**
 * `POST /account/sessions/id-token` through the official SDK 28: ID tokens signed by a test issuer
 * whose JWKS the sandbox fetches over HTTP (the sandbox's `issuer`/`jwksUri` provider settings),
 * every verification failure, account resolution by verified e-mail, linking while signed in.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Account, Client, IdTokenProvider } from 'appwrite-28'
import { newUserSession, sdkError, signUp, uniqueEmail, useSandbox } from './support/sandbox'

const CLIENT_ID = 'console-desktop.apps.example'
let issuer = ''
let jwksServer: Server
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })

function idToken(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000)
  const header = { alg: options.alg ?? 'RS256', kid: options.kid ?? 'k1', typ: 'JWT' }
  const body = { iss: issuer, aud: CLIENT_ID, sub: 'subject-1', iat: now, exp: now + 600, ...claims }
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode(header)}.${encode(body)}`
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), options.key ?? signing.privateKey).toString('base64url')}`
}

function account(session?: string): Account {
  const client = new Client().setEndpoint(sandbox.url).setProject(sandbox.project)
  if (session) client.setSession(session)
  return new Account(client)
}

beforeAll(async () => {
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] }))
  })
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve))
})
const sandbox = useSandbox(() => ({
  config: {
    oauthProviders: {
      google: { enabled: true, appId: 'web-client', secret: '', nativeClientIds: [CLIENT_ID], issuer, jwksUri: `${issuer}/jwks` },
      apple: { enabled: false, appId: 'com.example.console', secret: '', issuer, jwksUri: `${issuer}/jwks` },
    },
  },
}))

describe('ID-token sessions', () => {
  it('signs up a new user from a verified Google token, with the oauth2 factor and the access token stored', async () => {
    const email = uniqueEmail('native')
    const session = await account().createIdTokenSession({
      provider: IdTokenProvider.Google,
      idToken: idToken({ sub: 'google-new-1', email, email_verified: true, name: 'Native Person' }),
      accessToken: 'provider-access',
      accessTokenExpiry: 3600,
    })
    expect(session).toMatchObject({ provider: 'google', providerUid: 'google-new-1', providerAccessToken: 'provider-access', current: true })
    expect(session.factors).toEqual(['email', 'oauth2'])
    const user = await account().createIdTokenSession({
      provider: IdTokenProvider.Google,
      idToken: idToken({ sub: 'google-new-1', email, email_verified: true }),
    })
    expect(user.userId).toBe(session.userId)
  })

  it('adopts an existing account by e-mail only when the provider verified the e-mail', async () => {
    const email = uniqueEmail('existing')
    const userId = await signUp(sandbox, email)
    expect(
      await sdkError(
        account().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: idToken({ sub: 'g-unverified', email, email_verified: false }) }),
      ),
    ).toMatchObject({
      code: 400,
      type: 'general_bad_request',
    })
    const session = await account().createIdTokenSession({
      provider: IdTokenProvider.Google,
      idToken: idToken({ sub: 'g-verified', email, email_verified: true }),
    })
    expect(session.userId).toBe(userId)
  })

  it('links to the signed-in account and replaces its session; another user’s e-mail is a conflict', async () => {
    const me = await newUserSession(sandbox)
    const linked = await account(me.session).createIdTokenSession({
      provider: IdTokenProvider.Google,
      idToken: idToken({ sub: 'g-link-1', email: me.email, email_verified: true }),
    })
    expect(linked.userId).toBe(me.userId)
    expect((await sdkError(account(me.session).get())).code).toBe(401)
    const other = await newUserSession(sandbox)
    const conflict = await sdkError(
      account(other.session).createIdTokenSession({
        provider: IdTokenProvider.Google,
        idToken: idToken({ sub: 'g-other', email: me.email, email_verified: true }),
      }),
    )
    expect(conflict).toMatchObject({ code: 409, type: 'user_already_exists' })
  })

  it('refuses a blocked user with 403 user_blocked', async () => {
    const email = uniqueEmail('blocked')
    const blocker = new Client().setEndpoint(sandbox.url).setProject(sandbox.project)
    const raw = await fetch(`${sandbox.url}/account/sessions/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': sandbox.project },
      body: JSON.stringify({ provider: 'google', idToken: idToken({ sub: 'g-blocked', email, email_verified: true }) }),
    })
    const fallback = JSON.parse(raw.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
    blocker.setSession(fallback[`a_session_${sandbox.project}`] ?? '')
    await new Account(blocker).updateStatus()
    expect(
      await sdkError(account().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: idToken({ sub: 'g-blocked', email, email_verified: true }) })),
    ).toMatchObject({
      code: 403,
      type: 'user_blocked',
    })
  })

  it('refuses each broken token with user_oauth2_token_invalid naming the check', async () => {
    const now = Math.floor(Date.now() / 1000)
    const cases: Array<[string, string]> = [
      ['not-a-jwt', 'Malformed token'],
      [idToken({}, { kid: '' }), 'Missing key ID'],
      [idToken({}, { kid: 'k9' }), 'Unknown signing key'],
      [idToken({}, { key: stranger.privateKey }), 'Invalid signature'],
      [idToken({}, { alg: 'none' }).split('.').slice(0, 2).join('.') + '.', 'Invalid signature'],
      [idToken({ exp: now - 3600 }), 'Token expired'],
      [idToken({ iat: now + 3600 }), 'Token issued in the future'],
      [idToken({ iss: 'https://accounts.google.com.evil.example' }), 'Invalid issuer'],
      [idToken({ aud: 'someone-else' }), 'Audience mismatch'],
      [idToken({ nonce: 'expected' }), 'Nonce required'],
      [idToken({ sub: '' }), 'Missing subject'],
    ]
    for (const [token, reason] of cases) {
      const error = await sdkError(account().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: token }))
      expect(error.type, reason).toBe('user_oauth2_token_invalid')
      expect(error.code).toBe(401)
      expect(error.message, reason).toContain(reason)
    }
    const mismatch = await sdkError(
      account().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: idToken({ nonce: 'expected' }), nonce: 'other' }),
    )
    expect(mismatch.message).toContain('Nonce mismatch')
  })

  it('accepts the nonce raw or as its SHA-256 hex', async () => {
    const hashed = createHash('sha256').update('n-123').digest('hex')
    for (const claim of ['n-123', hashed]) {
      const session = await account().createIdTokenSession({
        provider: IdTokenProvider.Google,
        idToken: idToken({ sub: `g-nonce-${claim.length}`, email: uniqueEmail(), email_verified: true, nonce: claim }),
        nonce: 'n-123',
      })
      expect(session.provider).toBe('google')
    }
  })

  it('refuses disabled, unconfigured and unsupported providers', async () => {
    expect(await sdkError(account().createIdTokenSession({ provider: IdTokenProvider.Apple, idToken: idToken({}), nonce: 'x' }))).toMatchObject({
      code: 412,
      type: 'project_provider_disabled',
    })
    const raw = await fetch(`${sandbox.url}/account/sessions/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': sandbox.project },
      body: JSON.stringify({ provider: 'github', idToken: idToken({}) }),
    })
    expect(raw.status).toBe(400)
    expect(((await raw.json()) as { type: string }).type).toBe('project_provider_unsupported')
  })
})
