/**
 * Developer panel (issue #5 item 8): the JWT is created in main and copied from main; the window
 * only ever sees its expiry and a preview. Endpoint, project and user ids are shown with copy buttons.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint } from '../harness/sandbox-outbox'
import { DeveloperScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { ProfileScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('create a JWT: it lands on the clipboard, works against the server, and never crosses the bridge', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('jwt'))
  const userId = await new ProfileScreen(page).userId()
  await new AccountNavigation(page).open('Developer')
  const developer = new DeveloperScreen(page)
  const endpoint = await sandboxEndpoint(page)
  await expect(developer.endpoint).toHaveText(endpoint)
  await expect(developer.project).toHaveText('local')
  await expect(developer.user).toHaveText(userId)
  await expect(developer.copyButton('endpoint')).toBeVisible()
  await expect(developer.copyButton('project ID')).toBeVisible()
  await expect(developer.copyButton('user ID')).toBeVisible()

  const before = Date.now()
  await developer.createJwt(1800)
  await expect(developer.jwtResult).toContainText('Copied to the clipboard')
  await reviewScreen(page, 'developer')

  const jwt = await app.clipboardText()
  expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { userId: string; sessionId: string; exp: number }
  expect(claims.userId).toBe(userId)
  expect(claims.sessionId).toMatch(/^\w+$/)
  expect(claims.exp * 1000 - before).toBeGreaterThan(1790_000)
  expect(claims.exp * 1000 - before).toBeLessThanOrEqual(1801_000)
  const expiry = await developer.jwtExpiry.getAttribute('datetime')
  expect(expiry).toBe(new Date(claims.exp * 1000).toISOString())
  await expect(developer.jwtResult).toContainText(`${jwt.slice(0, 10)}…`)

  // The token works as the user…
  const me = await fetch(`${endpoint}/account`, { headers: { 'X-Appwrite-Project': 'local', 'X-Appwrite-JWT': jwt } })
  expect(me.status).toBe(200)
  // …and no part of it beyond the header's preview ever reached the window.
  const bridge = JSON.stringify(await app.bridgeRecord())
  expect(bridge).toContain('developer.createJwt')
  expect(bridge).not.toContain(jwt)
  expect(bridge).not.toContain(jwt.split('.')[1])
  expect(bridge).not.toContain(jwt.split('.')[2])
  expect(await page.content()).not.toContain(jwt.split('.')[1])
})
