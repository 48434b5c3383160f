/**
 * Issue #5, item 5: linked OAuth identities. The identity is real: a real OpenID provider
 * (oidc-provider) is the sandbox's `oidc` provider, and a sign-in there with the account's
 * e-mail links it (Appwrite links by e-mail, appwrite-behaviour §7.2). The screen lists it without the
 * provider's tokens, and unlinks it after a confirmation.
 */
import type { Api } from '../../../src-shared/ipc'
import { expect, test as base } from '../fixtures'
import { startOidcIdentityProvider, type OidcIdentityProvider } from '../../server/support/oidc-identity'
import { expectFitsSmallWindow, IdentitiesScreen, openScreen, signUpFresh, uniqueEmail } from '../pages/activity-pages'
import { reviewScreen } from '../pages/review'

const test = base.extend<{ idp: OidcIdentityProvider }>({
  idp: async ({}, use) => {
    const idp = await startOidcIdentityProvider()
    await use(idp)
    await idp.close()
  },
  appOptions: async ({ idp }, use) => {
    await use({ sandbox: { config: idp.sandboxConfig } })
  },
})

test('identities: a linked OpenID Connect sign-in is listed with its token expiry and unlinked after confirming', async ({ app, idp }) => {
  const email = uniqueEmail('linked')
  await signUpFresh(app.page, email)
  // The sandbox listens on a port chosen at start; the provider needs its callback URL.
  const endpoint = await app.page.evaluate(async () => {
    const status = await (window as unknown as { api: Api }).api.app.getStatus()
    return status.ok ? (status.data.profiles.find((p) => p.id === status.data.activeProfileId)?.endpoint ?? '') : ''
  })
  idp.attach(endpoint)

  await openScreen(app.page, 'identities')
  await expect(app.page.getByRole('heading', { name: 'No linked sign-ins' })).toBeVisible()

  await idp.linkIdentity(email, 'Ada at the provider')
  await app.page.getByRole('button', { name: 'Reload' }).click()
  const screen = new IdentitiesScreen(app.page)
  await expect(screen.identities).toHaveCount(1)
  await expect(screen.identities.first()).toContainText('OpenID Connect')
  await expect(screen.identities.first()).toContainText(email)
  await expect(screen.identities.first().getByText('Access token expires')).toBeVisible()
  await expect(screen.identities.first().locator('time').nth(1)).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/)
  // The provider's tokens never crossed into the window.
  const answers = (await app.bridgeRecord()).filter((r) => r.kind === 'result' && r.channel === 'ac:identities.list')
  expect(answers.length).toBeGreaterThan(0)
  expect(JSON.stringify(answers)).not.toMatch(/providerAccessToken"|providerRefreshToken/)

  await reviewScreen(app.page, 'identities')
  await expectFitsSmallWindow(app.page, 'identities')

  // Cancel first: nothing happens.
  await app.page.getByRole('button', { name: /^Unlink OpenID Connect/ }).click()
  await app.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(screen.identities).toHaveCount(1)

  await screen.unlink('OpenID Connect')
  await expect(app.page.getByText('OpenID Connect is no longer linked to your account.')).toBeVisible()
  await expect(app.page.getByRole('heading', { name: 'No linked sign-ins' })).toBeVisible()
})
