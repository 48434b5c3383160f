/**
 * The steps journeys share — the one place for them. Each is written with the page objects, so it
 * reads as what a person does; anything done behind the UI (a second device, a clock that has moved
 * on, a second server) says so.
 */
import { expect, type Page } from '@playwright/test'
import { Account, AppwriteException, Client } from 'appwrite'
import { Secret, TOTP } from 'otpauth'
import type { Api } from '../../src-shared/ipc'
import { AccountMenu, ConsoleApp, ProfileScreen, SignInScreen } from './pages/pages'

export const PASSWORD = 'correct horse battery'

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`
}

/** A phone number no other test uses (E.164, a US number). */
export function uniquePhone(): string {
  return `+1415${Math.floor(1_000_000 + Math.random() * 8_999_999)}`
}

export interface SignUpOptions {
  readonly password?: string
  readonly name?: string
}

/** Sign-in screen → "Create an account" → the new account, signed in, on its profile. */
export async function signUp(page: Page, email: string, { password = PASSWORD, name = 'Ada Lovelace' }: SignUpOptions = {}): Promise<void> {
  await new ConsoleApp(page).waitUntilReady()
  const signUpScreen = await new SignInScreen(page).goToSignUp()
  await signUpScreen.signUp(name, email, password)
  await expect(new ProfileScreen(page).email).toHaveText(email)
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  const screen = new SignInScreen(page)
  await screen.expectVisible()
  await screen.signIn(email, password)
}

/** Through the top bar's account menu, back to the sign-in screen. */
export async function signOutHere(page: Page): Promise<void> {
  await new AccountMenu(page).signOutHere()
  await new SignInScreen(page).expectVisible()
}

/**
 * Runs `action` while the test process's clock (which core's `host.now()` and the in-process
 * sandbox read) is `aheadMs` in the future: the only way to let an hour-long link expire in a
 * test. Timers are not affected (they use a monotonic clock).
 */
export async function withClockAhead<T>(aheadMs: number, action: () => Promise<T>): Promise<T> {
  const realNow = Date.now
  Date.now = () => realNow() + aheadMs
  try {
    return await action()
  } finally {
    Date.now = realNow
  }
}

export const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
export const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'

/**
 * "Another device": a client outside the app that signs in to the same account with the e-mail
 * and password (the session comes back in `X-Fallback-Cookies`, appwrite-behaviour §1.4, which the
 * web SDK keeps only in a browser's storage, so this one request is plain HTTP), then acts through
 * Appwrite's official web SDK with that session.
 */
export interface OtherDevice {
  /** `GET /account` with this device's session: the HTTP status and, on failure, Appwrite's error type. */
  accountStatus(): Promise<{ status: number; type?: string }>
  /** `PATCH /account/prefs` from this device (replaces the whole object, as Appwrite does). */
  updatePrefs(prefs: Record<string, unknown>): Promise<void>
  /** Deletes the one other session of the account (the app's) from this device. */
  deleteOtherSession(): Promise<void>
}

export interface OtherDeviceOptions {
  readonly password?: string
  /** The device the sessions list shows (parsed from the User-Agent, appwrite-behaviour §3.3). */
  readonly userAgent?: string
  readonly projectId?: string
}

export async function signInOnOtherDevice(
  endpoint: string,
  email: string,
  { password = PASSWORD, userAgent = 'OtherDevice/1.0', projectId = 'local' }: OtherDeviceOptions = {},
): Promise<OtherDevice> {
  const response = await fetch(`${endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appwrite-Project': projectId, 'User-Agent': userAgent },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201) throw new Error(`the other device could not sign in: ${response.status} ${await response.text()}`)
  const fallback = JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
  const session = fallback[`a_session_${projectId}`]
  if (!session) throw new Error('the other device got no session')
  // From here on the device is Appwrite's own web SDK, carrying the session as a server-side client would.
  const account = new Account(new Client().setEndpoint(endpoint).setProject(projectId).setSession(session))
  return {
    async updatePrefs(prefs) {
      await account.updatePrefs({ prefs })
    },
    async deleteOtherSession() {
      const { sessions } = await account.listSessions()
      const others = sessions.filter((s) => !s.current)
      if (others.length !== 1) throw new Error(`expected exactly one other session, found ${others.length}`)
      await account.deleteSession({ sessionId: others[0]!.$id })
    },
    async accountStatus() {
      try {
        await account.get()
        return { status: 200 }
      } catch (error) {
        if (!(error instanceof AppwriteException)) throw error
        return { status: error.code, ...(error.type ? { type: error.type } : {}) }
      }
    },
  }
}

/**
 * A second Appwrite-compatible server for profile journeys: the sandbox started by the test on
 * 127.0.0.1, with its own project id. `stop()` takes it off the network (the app's requests get
 * "connection refused"), `start()` brings it back on the same port with the same data.
 */
export interface SecondServer {
  readonly endpoint: string
  readonly projectId: string
  stop(): Promise<void>
  start(): Promise<void>
}

export async function startSecondServer(dataDir: string, projectId: string): Promise<SecondServer> {
  const { startServer } = await import('../../src-server')
  const options = { dataDir, projectId, projectName: `Project ${projectId}`, rateLimits: false }
  let server = await startServer({ ...options, port: 0 })
  const port = server.port
  let running = true
  return {
    endpoint: server.url,
    projectId,
    async stop() {
      if (!running) return
      running = false
      await server.close()
    },
    async start() {
      if (running) return
      server = await startServer({ ...options, port })
      running = true
    },
  }
}

/** What MFA enrolment left behind: the TOTP secret (base32) and the recovery codes. */
export interface MfaEnrolment {
  readonly totpSecret: string
  readonly recoveryCodes: readonly string[]
}

type WindowWithApi = { api: Api }

/**
 * Arrange: turn on two-step sign-in for the signed-in account through the contract methods the
 * MFA screen uses (authenticator, recovery codes, MFA on). The journeys under test start after.
 */
export async function enrolMfa(page: Page, profileId = 'local-sandbox'): Promise<MfaEnrolment> {
  const created = await page.evaluate((id) => (window as unknown as WindowWithApi).api.mfa.createAuthenticator({ profileId: id }), profileId)
  if (!created.ok) throw new Error(`createAuthenticator: ${created.error.message}`)
  const totpSecret = created.data.secret
  const verified = await page.evaluate(([id, otp]) => (window as unknown as WindowWithApi).api.mfa.verifyAuthenticator({ profileId: id, otp }), [
    profileId,
    await freshTotp(totpSecret),
  ] as const)
  if (!verified.ok) throw new Error(`verifyAuthenticator: ${verified.error.message}`)
  const codes = await page.evaluate((id) => (window as unknown as WindowWithApi).api.mfa.createRecoveryCodes({ profileId: id }), profileId)
  if (!codes.ok) throw new Error(`createRecoveryCodes: ${codes.error.message}`)
  const enabled = await page.evaluate((id) => (window as unknown as WindowWithApi).api.mfa.setEnabled({ profileId: id, enabled: true }), profileId)
  if (!enabled.ok) throw new Error(`setEnabled: ${enabled.error.message}`)
  return { totpSecret, recoveryCodes: codes.data.recoveryCodes }
}

/** The code an authenticator app shows now for `secret` (base32; spaces ignored). */
export function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate()
}

/**
 * The authenticator app's current code. Appwrite accepts only the current 30-second step
 * (appwrite-behaviour §6), so when the step is about to end this waits for the next one rather than
 * racing it.
 */
export async function freshTotp(secret: string): Promise<string> {
  await expect.poll(() => 30 - (Math.floor(Date.now() / 1000) % 30), { timeout: 10_000, intervals: [250] }).toBeGreaterThan(8)
  return totpCode(secret)
}

/**
 * The `X-Sandbox-Dev-Key` for specs that start the Local sandbox with dev routes
 * (`test.use({ appOptions: { sandbox: { devKey: E2E_DEV_KEY } } })`); the app's own sandbox has none.
 */
export const E2E_DEV_KEY = 'e2e-sandbox-dev-key-for-journeys'

export interface ConsentGrant {
  readonly appId: string
  readonly scopes: readonly string[]
  readonly resources?: readonly string[]
  readonly authorizationDetails?: readonly Record<string, unknown>[]
  /** One token family (a device the app signed in on) each; `expire` = its access token's expiry. */
  readonly tokenFamilies?: readonly { readonly expire?: string }[]
}

/**
 * Behind the UI: a third-party app is granted access to the account, as if the person had allowed
 * it on the project's OAuth2 consent page (the sandbox's dev route, 2.x line). Answers the consent id.
 */
export async function grantConsent(endpoint: string, userId: string, grant: ConsentGrant): Promise<string> {
  const response = await fetch(`${endpoint}/dev/consents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appwrite-Project': 'local', 'X-Sandbox-Dev-Key': E2E_DEV_KEY },
    body: JSON.stringify({ userId, ...grant }),
  })
  if (response.status !== 201) throw new Error(`granting ${grant.appId} failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { $id: string }).$id
}

/**
 * Collects what the window throws and never catches — uncaught errors and unhandled promise
 * rejections (Chromium reports both as `pageerror`) — from now on; read the list at the end.
 */
export function watchUncaughtErrors(page: Page): readonly string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  return errors
}
