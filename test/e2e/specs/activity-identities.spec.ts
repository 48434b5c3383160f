/**
 * Issue #5, item 5: linked OAuth identities. The identity is real: a real OpenID provider
 * (oidc-provider) is the sandbox's `oidc` provider, and a sign-in there with the account's
 * e-mail links it (Appwrite links by e-mail, appwrite-behaviour §7.2). The screen lists it without the
 * provider's tokens, and unlinks it after a confirmation.
 */
import { expect, test as base } from '../fixtures'
import { startOidcIdentityProvider, type OidcIdentityProvider } from '../../server/support/oidc-identity'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { IdentitiesScreen } from '../pages/activity-pages'
import { AccountNavigation } from '../pages/navigation'
import { expectFitsSmallWindow, reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

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
  await signUp(app.page, email)
  // The sandbox listens on a port chosen at start; the provider needs its callback URL.
  idp.attach(await sandboxEndpoint(app.page))

  await new AccountNavigation(app.page).open('Linked sign-ins')
  const screen = new IdentitiesScreen(app.page)
  await expect(screen.emptyState).toBeVisible()

  await idp.linkIdentity(email, 'Ada at the provider')
  await screen.reload()
  await expect(screen.identities).toHaveCount(1)
  await expect(screen.identities.first()).toContainText('OpenID Connect')
  await expect(screen.identities.first()).toContainText(email)
  await expect(screen.identities.first()).toContainText('Access token expires')
  await expect(screen.dates(screen.identities.first()).nth(1)).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/)
  // The provider's tokens never crossed into the window.
  const answers = (await app.bridgeRecord()).filter((r) => r.kind === 'result' && r.channel === 'ac:identities.list')
  expect(answers.length).toBeGreaterThan(0)
  expect(JSON.stringify(answers)).not.toMatch(/providerAccessToken"|providerRefreshToken/)

  await reviewScreen(app.page, 'identities')
  await expectFitsSmallWindow(app.page, 'identities')

  // Cancel first: nothing happens.
  await screen.cancelUnlink('OpenID Connect')
  await expect(screen.identities).toHaveCount(1)

  await screen.unlink('OpenID Connect')
  await expect(screen.says('OpenID Connect is no longer linked to your account.')).toBeVisible()
  await expect(screen.emptyState).toBeVisible()
})
