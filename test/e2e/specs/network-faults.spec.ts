/**
 * The console under network faults (issue 13 item 3, docs/reliability.md §3): the Local sandbox
 * profile talks to the sandbox through the fault proxy (test/support/fault-proxy.ts). In each
 * journey the person meets a fault, sees what went wrong in words with a way to try again, and
 * the same action works once the network is back — and a write whose answer was lost is not
 * applied twice.
 */
import type { AppDriver } from '../harness/driver'
import type { FaultProxy } from '../../support/fault-proxy'
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { AccountProfile, LoadFailure, SessionsScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { PASSWORD, signInOnOtherDevice, signOutHere, signUp, uniqueEmail, watchUncaughtErrors, WINDOWS_CHROME } from '../steps'

// A stalled request ends at core's deadline: shortened from the app's 30 s so the journey is quick.
test.use({ appOptions: { faultProxy: true, requestTimeoutMs: 4_000 } })

const UNREACHABLE = 'The server could not be reached. Check the endpoint and your connection.'
const SERVER_ERROR = 'The server ran into an error. Try again later.'

function faultsOf(app: AppDriver): FaultProxy {
  if (!app.faults) throw new Error('the harness has no fault proxy')
  return app.faults
}

// Whatever the faults, the window never throws or rejects without handling it.
let uncaught: readonly string[] = []
test.beforeEach(({ app }) => {
  uncaught = watchUncaughtErrors(app.page)
})
test.afterEach(() => {
  expect(uncaught).toEqual([])
})

test('sign in through a stalled, reset and failing server: each says what went wrong, and signing in works once it clears', async ({ app }) => {
  const page = app.page
  const faults = faultsOf(app)
  const email = uniqueEmail('faults-sign-in')
  await signUp(page, email)
  await signOutHere(page)

  const screen = new SignInScreen(page)
  const alert = new ConsoleApp(page).alert
  const signInRoute = { method: 'POST', path: '/v1/account/sessions/email' } as const

  // A dead link: nothing comes back, and the deadline ends the wait.
  let clear = faults.inject({ ...signInRoute, fault: { kind: 'stall' } })
  await screen.signIn(email, PASSWORD)
  await expect(alert).toHaveText(UNREACHABLE, { timeout: 20_000 })
  await reviewScreen(page, 'network-faults-sign-in-error')
  clear()

  clear = faults.inject({ ...signInRoute, fault: { kind: 'reset' } })
  await screen.signIn(email, PASSWORD)
  await expect(alert).toHaveText(UNREACHABLE)
  clear()

  clear = faults.inject({ ...signInRoute, fault: { kind: 'status', status: 503 } })
  await screen.signIn(email, PASSWORD)
  await expect(alert).toHaveText(SERVER_ERROR)
  clear()

  // The answer of a sign-in that worked on the server is lost on the way back.
  clear = faults.inject({ ...signInRoute, fault: { kind: 'reset', when: 'after' }, times: 1 })
  await screen.signIn(email, PASSWORD)
  await expect(alert).toHaveText(UNREACHABLE)
  clear()

  await screen.signIn(email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('save the profile while the answer is lost: an error under the form, the same save again works, and the name is set once', async ({ app }) => {
  const page = app.page
  const faults = faultsOf(app)
  await signUp(page, uniqueEmail('faults-profile'))
  const profile = new AccountProfile(page)

  // The server applies the new name; the connection drops before its answer arrives.
  const clear = faults.inject({ method: 'PATCH', path: '/v1/account/name', fault: { kind: 'reset', when: 'after' }, times: 1 })
  await profile.changeName('Grace Hopper')
  await expect(profile.alertIn('Change name')).toHaveText(UNREACHABLE)
  await reviewScreen(page, 'network-faults-profile-error')
  clear()

  // Save again, as the form still holds the name.
  await profile.saveName()
  await expect(profile.name).toHaveText('Grace Hopper')
  // Both saves reached the server; setting a name twice is setting it once.
  expect(faults.requests.filter((r) => r.method === 'PATCH' && r.path === '/v1/account/name' && r.forwarded)).toHaveLength(2)
})

test('a screen that cannot load says why and offers "Try again", which works once the server is back', async ({ app }) => {
  const page = app.page
  const faults = faultsOf(app)
  await signUp(page, uniqueEmail('faults-load'))

  const clear = faults.inject({ method: 'GET', path: '/v1/account/sessions', fault: { kind: 'invalid-json' } })
  await new AccountNavigation(page).open('Sessions')
  const failure = new LoadFailure(page)
  await expect(failure.title).toBeVisible()
  await expect(failure.reason).toHaveText(SERVER_ERROR)
  await reviewScreen(page, 'network-faults-load-error')
  clear()

  await failure.tryAgain()
  await expect(new SessionsScreen(page).current).toBeVisible()
})

test('revoke a session while the answer is lost: the dialog keeps the error, signing out again finishes it, this device stays signed in', async ({ app }) => {
  const page = app.page
  const faults = faultsOf(app)
  const email = uniqueEmail('faults-revoke')
  await signUp(page, email)
  const windows = await signInOnOtherDevice(await sandboxEndpoint(page), email, { userAgent: WINDOWS_CHROME })

  await new AccountNavigation(page).open('Sessions')
  const screen = new SessionsScreen(page)
  await expect(screen.sessions).toHaveCount(2)
  const chrome = screen.sessions.filter({ hasText: 'Chrome' })

  // The server deletes the session; its 204 never arrives.
  const clear = faults.inject({ method: 'DELETE', path: /^\/v1\/account\/sessions\/(?!current$)[^/]+$/, fault: { kind: 'reset', when: 'after' }, times: 1 })
  const dialog = await screen.trySignOut(chrome, /^Sign out Chrome/)
  await expect(dialog.alert).toHaveText(UNREACHABLE)
  await reviewScreen(page, 'network-faults-revoke-error')
  clear()
  expect(await windows.accountStatus()).toMatchObject({ status: 401 })

  // Trying again meets a session that is already gone: that is done, not an error.
  await screen.confirm(/^Sign out Chrome/, 'Sign out')
  await expect(screen.sessions).toHaveCount(1)
  await expect(screen.current).toBeVisible()
})
