/**
 * Steps the sign-in journeys share, written with the page objects so they read as what a person
 * does. Anything done behind the UI (a second device, a clock that has moved on) says so.
 */
import { expect, type Page } from '@playwright/test'
import type { Api } from '../../../src-shared/ipc'
import { AccountMenu, ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'

export const PASSWORD = 'correct horse battery'

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`
}

/** Sign-in screen → "Create an account" → the new account's profile. */
export async function signUp(page: Page, email: string, password = PASSWORD, name = 'Ada Lovelace'): Promise<void> {
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

export async function userIdOnScreen(page: Page): Promise<string> {
  const id = (await page.getByTestId('account-id').textContent())?.trim()
  if (!id) throw new Error('no user id on the profile screen')
  return id
}

/** A toast from main's notices (or the app's own), as a person sees it. */
export function toast(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: 'Notifications' }).getByText(text)
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

/**
 * "Another device": a client outside the app that signs in to the same account with the e-mail
 * and password, as Appwrite's SDKs do without a browser (the session comes back in
 * `X-Fallback-Cookies`, appwrite-behaviour §1.4).
 */
export interface OtherDevice {
  /** `GET /account` with this device's session: the HTTP status. */
  accountStatus(): Promise<number>
}

export async function signInOnOtherDevice(endpoint: string, email: string, password = PASSWORD, projectId = 'local'): Promise<OtherDevice> {
  const response = await fetch(`${endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appwrite-Project': projectId, 'User-Agent': 'OtherDevice/1.0' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201) throw new Error(`the other device could not sign in: ${response.status} ${await response.text()}`)
  const fallback = JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
  const session = fallback[`a_session_${projectId}`]
  if (!session) throw new Error('the other device got no session')
  return {
    async accountStatus() {
      const account = await fetch(`${endpoint}/account`, { headers: { 'X-Appwrite-Project': projectId, 'X-Appwrite-Session': session } })
      return account.status
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
  const { startServer } = await import('../../../src-server')
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
  const verified = await page.evaluate(
    ([id, otp]) => (window as unknown as WindowWithApi).api.mfa.verifyAuthenticator({ profileId: id, otp }),
    [profileId, await freshTotp(totpSecret)] as const,
  )
  if (!verified.ok) throw new Error(`verifyAuthenticator: ${verified.error.message}`)
  const codes = await page.evaluate((id) => (window as unknown as WindowWithApi).api.mfa.createRecoveryCodes({ profileId: id }), profileId)
  if (!codes.ok) throw new Error(`createRecoveryCodes: ${codes.error.message}`)
  const enabled = await page.evaluate((id) => (window as unknown as WindowWithApi).api.mfa.setEnabled({ profileId: id, enabled: true }), profileId)
  if (!enabled.ok) throw new Error(`setEnabled: ${enabled.error.message}`)
  return { totpSecret, recoveryCodes: codes.data.recoveryCodes }
}

/**
 * The authenticator app's current code. Appwrite accepts only the current 30-second step
 * (appwrite-behaviour §6), so when the step is about to end this waits for the next one rather than
 * racing it.
 */
export async function freshTotp(secret: string): Promise<string> {
  const { Secret, TOTP } = await import('otpauth')
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
  await expect.poll(() => 30 - Math.floor(Date.now() / 1000) % 30, { timeout: 10_000, intervals: [250] }).toBeGreaterThan(8)
  return totp.generate()
}
