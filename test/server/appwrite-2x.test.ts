/**
 * The 2.x Account additions through Appwrite's own web SDK 28 (npm alias `appwrite-28`): recovery
 * and e-mail verification by code, consents (third-party apps), `/health/version`, and the
 * `--appwrite-version` lines; plus the fidelity fixes found against Appwrite's tests.
 */
import { describe, expect, it } from 'vitest'
import { Account, Client, Query } from 'appwrite-28'
import { createConsent } from '../../src-server/domain/consents'
import { parseDevice } from '../../src-server/domain/device'
import {
  PASSWORD,
  call,
  codeIn,
  latestMessage,
  linkParams,
  newUserSession,
  openSandboxDb,
  sdkError,
  signUp,
  uniqueEmail,
  useSandbox,
  withSandbox,
  type TestSandbox,
} from './support/sandbox'

function account28(sandbox: TestSandbox, session?: string): Account {
  const client = new Client().setEndpoint(sandbox.url).setProject(sandbox.project)
  if (session) client.setSession(session)
  return new Account(client)
}

const sandbox = useSandbox({ platforms: ['app.example.com'] })

describe('recovery by code', () => {
  it('mails a 6-digit code valid 15 minutes, with a phrase on request, and the code sets the new password once', async () => {
    const email = uniqueEmail('Recover')
    const userId = await signUp(sandbox, email)
    const token = await account28(sandbox).createRecoveryOTP({ email, phrase: true })
    expect(token).toMatchObject({ userId, secret: '' })
    expect(token.phrase).toMatch(/^[A-Z][a-z]+ [a-z]+$/)
    expect(Date.parse(token.expire) - Date.parse(token.$createdAt)).toBe(15 * 60_000)
    const message = await latestMessage(sandbox, email.toLowerCase())
    expect(message.body).toContain(token.phrase)
    const code = codeIn(message.body)

    const done = await account28(sandbox).updateRecoveryOTP({ userId, secret: code, password: 'a-brand-new-pass-9' })
    expect(done.$id).toBe(token.$id)
    expect((await sdkError(account28(sandbox).createEmailPasswordSession({ email, password: PASSWORD }))).type).toBe('user_invalid_credentials')
    expect((await account28(sandbox).createEmailPasswordSession({ email, password: 'a-brand-new-pass-9' })).userId).toBe(userId)
    // Used once: the same code is refused afterwards.
    expect(await sdkError(account28(sandbox).updateRecoveryOTP({ userId, secret: code, password: 'another-pass-77' }))).toMatchObject({
      code: 401,
      type: 'user_invalid_token',
    })
  })

  it('refuses unknown e-mails, wrong codes, and link secrets on the code route (and codes on the link route)', async () => {
    expect(await sdkError(account28(sandbox).createRecoveryOTP({ email: uniqueEmail('nobody') }))).toMatchObject({ code: 404, type: 'user_not_found' })
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    expect(await sdkError(account28(sandbox).updateRecoveryOTP({ userId, secret: '000000', password: 'whatever-pass-1' }))).toMatchObject({
      code: 401,
      type: 'user_invalid_token',
    })

    await account28(sandbox).createRecovery({ email, url: 'https://app.example.com/reset' })
    const link = linkParams((await latestMessage(sandbox, email)).body)
    expect(await sdkError(account28(sandbox).updateRecoveryOTP({ userId, secret: link.secret, password: 'whatever-pass-1' }))).toMatchObject({
      type: 'user_invalid_token',
    })

    await account28(sandbox).createRecoveryOTP({ email })
    const code = codeIn((await latestMessage(sandbox, email)).body)
    expect(await sdkError(account28(sandbox).updateRecovery({ userId, secret: code, password: 'whatever-pass-1' }))).toMatchObject({
      type: 'user_invalid_token',
    })
  })

  it('applies the password policy (a too-short password is an argument error)', async () => {
    const email = uniqueEmail()
    const userId = await signUp(sandbox, email)
    await account28(sandbox).createRecoveryOTP({ email })
    const code = codeIn((await latestMessage(sandbox, email)).body)
    expect(await sdkError(account28(sandbox).updateRecoveryOTP({ userId, secret: code, password: 'short' }))).toMatchObject({
      code: 400,
      type: 'general_argument_invalid',
    })
  })
})

describe('e-mail verification by code', () => {
  it('mails a code to the signed-in user; the code verifies the address, from any device', async () => {
    const { userId, email, session } = await newUserSession(sandbox)
    const token = await account28(sandbox, session).createEmailVerificationOTP({})
    expect(token).toMatchObject({ userId, secret: '', phrase: '' })
    expect(Date.parse(token.expire) - Date.parse(token.$createdAt)).toBe(15 * 60_000)
    const code = codeIn((await latestMessage(sandbox, email)).body)
    // Confirmation is public: a signed-out client can do it.
    await account28(sandbox).updateEmailVerificationOTP({ userId, secret: code })
    expect((await account28(sandbox, session).get()).emailVerification).toBe(true)
    expect(await sdkError(account28(sandbox, session).createEmailVerificationOTP({}))).toMatchObject({ code: 409, type: 'user_email_already_verified' })
  })

  it('needs a session to ask, and keeps codes and link secrets apart', async () => {
    expect((await sdkError(account28(sandbox).createEmailVerificationOTP({}))).code).toBe(401)
    const { userId, email, session } = await newUserSession(sandbox)
    await account28(sandbox, session).createEmailVerification({ url: 'https://app.example.com/verify' })
    const link = linkParams((await latestMessage(sandbox, email)).body)
    expect(await sdkError(account28(sandbox).updateEmailVerificationOTP({ userId, secret: link.secret }))).toMatchObject({
      code: 401,
      type: 'user_invalid_token',
    })
    await account28(sandbox, session).createEmailVerificationOTP({})
    const code = codeIn((await latestMessage(sandbox, email)).body)
    expect(await sdkError(account28(sandbox).updateEmailVerification({ userId, secret: code }))).toMatchObject({ code: 401, type: 'user_invalid_token' })
  })
})

describe('consents (third-party apps with access)', () => {
  async function arrange(userId: string) {
    const db = openSandboxDb(sandbox)
    try {
      const now = Date.now()
      const registered = createConsent(db, {
        userId,
        appId: 'reports-app',
        cimdUrl: '',
        scopes: ['account.read', 'offline_access'],
        resources: ['https://api.example.com'],
        authorizationDetails: JSON.stringify([{ type: 'project_access', projects: ['alpha'] }]),
        tokenFamilies: [{ expire: now + 3600_000 }, { expire: now + 7200_000 }],
      })
      const cimd = createConsent(db, {
        userId,
        appId: '',
        cimdUrl: 'https://client.example.org/metadata.json',
        scopes: ['openid'],
        resources: [],
        authorizationDetails: '[]',
        tokenFamilies: [],
      })
      return { registered, cimd }
    } finally {
      db.close()
    }
  }

  it('lists the caller’s consents and their token families, newest first, with limits and totals', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const { registered, cimd } = await arrange(userId)
    const list = await account28(sandbox, session).listConsents({})
    expect(list.total).toBe(2)
    expect(list.consents.map((consent) => consent.$id)).toEqual([cimd.id, registered.id])
    const first = list.consents[1]
    expect(first).toMatchObject({
      userId,
      appId: 'reports-app',
      cimdUrl: '',
      scopes: ['account.read', 'offline_access'],
      resources: ['https://api.example.com'],
    })
    expect(JSON.parse(first?.authorizationDetails ?? '')).toEqual([{ type: 'project_access', projects: ['alpha'] }])
    expect(list.consents[0]).toMatchObject({ appId: '', cimdUrl: 'https://client.example.org/metadata.json', expire: '' })

    const limited = await account28(sandbox, session).listConsents({ queries: [Query.limit(1)], total: false })
    expect(limited).toMatchObject({ total: 0 })
    expect(limited.consents).toHaveLength(1)

    const tokens = await account28(sandbox, session).listConsentTokens({ consentId: registered.id })
    expect(tokens.total).toBe(2)
    for (const token of tokens.tokens)
      expect(token).toMatchObject({ consentId: registered.id, userId, appId: 'reports-app', scopes: ['account.read', 'offline_access'] })
    expect(JSON.stringify(tokens)).not.toMatch(/secret/i)
    const one = await account28(sandbox, session).getConsentToken({ consentId: registered.id, tokenId: tokens.tokens[0]?.$id ?? '' })
    expect(one.$id).toBe(tokens.tokens[0]?.$id)
  })

  it('revokes one token family, then the whole consent with every family under it', async () => {
    const { userId, session } = await newUserSession(sandbox)
    const { registered } = await arrange(userId)
    const account = account28(sandbox, session)
    const [first, second] = (await account.listConsentTokens({ consentId: registered.id })).tokens
    await account.deleteConsentToken({ consentId: registered.id, tokenId: first?.$id ?? '' })
    const left = await account.listConsentTokens({ consentId: registered.id })
    expect(left.tokens.map((token) => token.$id)).toEqual([second?.$id])
    expect((await sdkError(account.getConsentToken({ consentId: registered.id, tokenId: first?.$id ?? '' }))).code).toBe(404)

    await account.deleteConsent({ consentId: registered.id })
    expect((await sdkError(account.getConsent({ consentId: registered.id }))).code).toBe(404)
    expect((await sdkError(account.listConsentTokens({ consentId: registered.id }))).code).toBe(404)
    expect((await account.listConsents({})).consents.map((consent) => consent.$id)).not.toContain(registered.id)
  })

  it('never shows or revokes another user’s consent, and needs a session', async () => {
    const owner = await newUserSession(sandbox)
    const { registered } = await arrange(owner.userId)
    const other = await newUserSession(sandbox)
    expect((await sdkError(account28(sandbox, other.session).getConsent({ consentId: registered.id }))).code).toBe(404)
    expect((await sdkError(account28(sandbox, other.session).deleteConsent({ consentId: registered.id }))).code).toBe(404)
    expect((await account28(sandbox, other.session).listConsents({})).total).toBe(0)
    expect((await sdkError(account28(sandbox).listConsents({}))).code).toBe(401)
    expect((await account28(sandbox, owner.session).getConsent({ consentId: registered.id })).$id).toBe(registered.id)
  })
})

describe('POST /v1/dev/consents (sandbox development route)', () => {
  const DEV_KEY = 'dev-key-for-consent-tests'
  const devHeaders = { 'x-sandbox-dev-key': DEV_KEY }

  it('creates a consent with its token families that the SDK then lists, behind the dev key', async () => {
    const dev = await withSandbox({ devKey: DEV_KEY })
    try {
      const { userId, session } = await newUserSession(dev)
      const body = {
        userId,
        appId: 'reports-app',
        scopes: ['openid', 'account.read'],
        resources: ['https://api.example.com'],
        authorizationDetails: [{ type: 'project', projects: ['alpha'] }],
        tokenFamilies: [{ expire: new Date(Date.now() + 3_600_000).toISOString() }, {}],
      }
      expect((await call(dev, 'POST', '/dev/consents', { body })).body).toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
      const created = await call(dev, 'POST', '/dev/consents', { body, headers: devHeaders })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ userId, appId: 'reports-app', cimdUrl: '', scopes: body.scopes, resources: body.resources })
      const consent = created.body as { $id: string; authorizationDetails: string; expire: string }
      expect(JSON.parse(consent.authorizationDetails)).toEqual(body.authorizationDetails)
      expect(consent.expire).not.toBe('')
      const tokens = await account28(dev, session).listConsentTokens({ consentId: consent.$id })
      expect(tokens.total).toBe(2)

      // A URL names the client by its metadata document instead of an app id.
      const cimd = await call(dev, 'POST', '/dev/consents', {
        body: { userId, appId: 'https://client.example.org/meta.json', scopes: ['openid'] },
        headers: devHeaders,
      })
      expect(cimd.body).toMatchObject({ appId: '', cimdUrl: 'https://client.example.org/meta.json', authorizationDetails: '[]', expire: '' })
      expect((await account28(dev, session).listConsents({})).total).toBe(2)
    } finally {
      await dev.close()
    }
  })

  it('refuses unknown users and malformed details, and does not exist without a dev key', async () => {
    const dev = await withSandbox({ devKey: DEV_KEY })
    try {
      const { userId } = await newUserSession(dev)
      expect((await call(dev, 'POST', '/dev/consents', { body: { userId: 'nobody-here', appId: 'a', scopes: [] }, headers: devHeaders })).body).toMatchObject({
        code: 404,
        type: 'user_not_found',
      })
      for (const bad of [
        { authorizationDetails: 'not json' },
        { authorizationDetails: [1, 2] },
        { tokenFamilies: [{ expire: 'soon' }] },
        { scopes: 'openid' },
      ]) {
        const response = await call(dev, 'POST', '/dev/consents', { body: { userId, appId: 'a', scopes: ['openid'], ...bad }, headers: devHeaders })
        expect(response.body, JSON.stringify(bad)).toMatchObject({ code: 400, type: 'general_argument_invalid' })
      }
    } finally {
      await dev.close()
    }
    const { userId } = await newUserSession(sandbox)
    expect((await call(sandbox, 'POST', '/dev/consents', { body: { userId, appId: 'a', scopes: [] }, headers: devHeaders })).status).toBe(404)
  })
})

describe('server version and API lines', () => {
  it('reports 2.3.0 by default on the public /health/version and serves both lines', async () => {
    const version = await call(sandbox, 'GET', '/health/version', { project: null })
    expect(version).toMatchObject({ status: 200, body: { version: '2.3.0' } })
    const { session } = await newUserSession(sandbox)
    expect((await call(sandbox, 'GET', '/account/logs', { headers: { 'x-appwrite-session': session } })).status).toBe(200)
    expect((await call(sandbox, 'GET', '/account/consents', { headers: { 'x-appwrite-session': session } })).status).toBe(200)
  })

  it('--appwrite-version 1.9 answers the 2.x routes with route-not-found and reports 1.9.6', async () => {
    const old = await withSandbox({ appwriteVersion: '1.9' })
    try {
      expect((await call(old, 'GET', '/health/version', { project: null })).body).toEqual({ version: '1.9.6' })
      const { email, session } = await newUserSession(old)
      const requests = [
        () => account28(old).createRecoveryOTP({ email }),
        () => account28(old, session).listConsents({}),
        () => account28(old, session).createEmailVerificationOTP({}),
      ]
      for (const request of requests) expect(await sdkError(request())).toMatchObject({ code: 404, type: 'general_route_not_found' })
      const logs = await call(old, 'GET', '/account/logs', { headers: { 'x-appwrite-session': session } })
      expect(logs.status).toBe(200)
      expect((await call(old, 'GET', '/account/nope')).body).toMatchObject({ version: '1.9.6' })
    } finally {
      await old.close()
    }
  })

  it('--appwrite-version 2.3 has no account logs but every 2.x route', async () => {
    const cloud = await withSandbox({ appwriteVersion: '2.3' })
    try {
      const { session } = await newUserSession(cloud)
      const logs = await call(cloud, 'GET', '/account/logs', { headers: { 'x-appwrite-session': session } })
      expect(logs).toMatchObject({ status: 404, body: { type: 'general_route_not_found', version: '2.3.0' } })
      expect((await account28(cloud, session).listConsents({})).total).toBe(0)
    } finally {
      await cloud.close()
    }
  })
})

describe('fidelity with Appwrite’s own tests', () => {
  it('refuses prefs given as a JSON string with general_argument_invalid', async () => {
    const { session } = await newUserSession(sandbox)
    for (const prefs of ['{}', '[]', '{"a":"b"}']) {
      const response = await call(sandbox, 'PATCH', '/account/prefs', { body: { prefs }, headers: { 'x-appwrite-session': session } })
      expect(response.status, prefs).toBe(400)
      expect(response.body).toMatchObject({ type: 'general_argument_invalid' })
    }
    const ok = await call(sandbox, 'PATCH', '/account/prefs', { body: { prefs: { a: 'b' } }, headers: { 'x-appwrite-session': session } })
    expect(ok.status).toBe(200)
  })

  it('reports client and OS versions as major.minor, the engine version whole', () => {
    const device = parseDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36')
    expect(device).toMatchObject({ clientName: 'Chrome', clientVersion: '70.0', osVersion: '10.15', clientEngine: 'Blink' })
    expect(device.clientEngineVersion).toBe('70.0.3538.77')
  })

  it("reads this app's User-Agent as Appwrite's detector does: the system and a desktop, no client name", () => {
    // Matomo names clients only from its own list; an unlisted product leaves the client fields empty.
    expect(parseDevice('AccountConsole/1.4.0 (X11; Linux x86_64)')).toMatchObject({
      clientName: '',
      clientType: '',
      osCode: 'LIN',
      osName: 'GNU/Linux',
      deviceName: 'desktop',
    })
    expect(parseDevice('AccountConsole/1.4.0 (Windows NT 10.0; Win64; x64)')).toMatchObject({
      clientName: '',
      osName: 'Windows',
      osVersion: '10',
      deviceName: 'desktop',
    })
  })

  it('records the truncated versions on sessions made through the wire', async () => {
    const email = uniqueEmail()
    await signUp(sandbox, email)
    const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36'
    const response = await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password: PASSWORD }, headers: { 'user-agent': userAgent } })
    expect(response.body).toMatchObject({ clientName: 'Chrome', clientVersion: '70.0' })
  })
})
