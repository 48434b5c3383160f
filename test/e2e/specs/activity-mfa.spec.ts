/**
 * Issue #5, item 6: two-step sign-in management against the sandbox. TOTP codes are computed
 * with `otpauth` from the key the screen shows, as an authenticator app would. Removing the
 * authenticator and regenerating recovery codes need a recent challenge (appwrite-behaviour §6), which
 * the screen asks for in place.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { expectFitsSmallWindow, MfaScreen, openScreen, signUpFresh, uniqueEmail } from '../pages/activity-pages'
import { reviewScreen } from '../pages/review'

test('mfa: enrol an authenticator app from the QR code screen with a code from the shown key', async ({ app }) => {
  await signUpFresh(app.page, uniqueEmail('totp'))
  await openScreen(app.page, 'mfa')
  const mfa = new MfaScreen(app.page)
  await expect(mfa.state).toHaveText('Off')
  await reviewScreen(app.page, 'mfa')

  await app.page.getByRole('button', { name: 'Add authenticator app' }).click()
  await expect(app.page.getByRole('img', { name: /QR code/ })).toBeVisible()
  await reviewScreen(app.page, 'mfa-enrol')
  await expectFitsSmallWindow(app.page, 'mfa-enrol')
  // A wrong code is refused in words; the enrolment stays open.
  await app.page.getByLabel('Code from the app').fill('000000')
  await app.page.getByRole('button', { name: 'Verify and turn on the app' }).click()
  await expect(app.page.getByText('That code is not right. Use the code your app shows now.')).toBeVisible()
  await app.page.getByRole('button', { name: 'Cancel' }).click()

  await mfa.enrolAuthenticator()
  await expect(app.page.getByText('Your authenticator app is set up.')).toBeVisible()
  await expect(mfa.section('Your second factors').getByRole('listitem').first()).toContainText('Ready')
})

test('mfa: recovery codes are shown once, saved to a file, and regenerated after an inline challenge', async ({ app }) => {
  await signUpFresh(app.page, uniqueEmail('codes'))
  await openScreen(app.page, 'mfa')
  const mfa = new MfaScreen(app.page)
  await app.page.getByRole('button', { name: 'Create recovery codes' }).click()
  await expect(mfa.recoveryCodes()).toHaveCount(6)
  const first = (await mfa.recoveryCodes().allTextContents()).map((code) => code.trim())
  for (const code of first) expect(code).toMatch(/^[0-9a-f]{10}$/)
  await reviewScreen(app.page, 'mfa-recovery-codes')

  await app.page.getByRole('button', { name: 'Save to file…' }).click()
  await expect(app.page.getByText(/^Saved to .*recovery-codes-local\.txt\.$/)).toBeVisible()
  const [file] = await app.savedFiles()
  const content = await readFile(file!, 'utf8')
  for (const code of first) expect(content).toContain(`${code}\n`)
  expect(content).toContain('Each code works once.')

  // Shown once: dismissed, they are gone from the screen.
  await app.page.getByRole('button', { name: 'I have saved them' }).click()
  await expect(mfa.recoveryCodes()).toHaveCount(0)

  // Regenerating needs a fresh challenge; answer it with one of the codes (which it spends).
  await app.page.getByRole('button', { name: 'Make new recovery codes' }).click()
  await mfa.confirmDialog('Make new codes')
  const panel = app.page.getByRole('region', { name: 'Confirm it is you' })
  await expect(panel).toBeVisible()
  await panel.getByLabel('Recovery code').fill('0000000000')
  await panel.getByRole('button', { name: 'Confirm' }).click()
  await expect(panel.getByText('That code is not right. Check it and try again.')).toBeVisible()
  await panel.getByLabel('Recovery code').fill(first[0]!)
  await panel.getByRole('button', { name: 'Confirm' }).click()
  await expect(app.page.getByText('New recovery codes are ready. The old ones no longer work.')).toBeVisible()
  await expect(mfa.recoveryCodes()).toHaveCount(6)
  const second = (await mfa.recoveryCodes().allTextContents()).map((code) => code.trim())
  expect(second.filter((code) => first.includes(code))).toEqual([])
})

test('mfa: removing the authenticator asks for a fresh challenge in place, then removes it', async ({ app }) => {
  await signUpFresh(app.page, uniqueEmail('remove'))
  await openScreen(app.page, 'mfa')
  const mfa = new MfaScreen(app.page)
  const secret = await mfa.enrolAuthenticator()

  await app.page.getByRole('button', { name: 'Remove authenticator app' }).click()
  await mfa.confirmDialog('Remove')
  await expect(app.page.getByRole('region', { name: 'Confirm it is you' })).toBeVisible()
  await reviewScreen(app.page, 'mfa-challenge')
  await mfa.confirmWithAuthenticator(secret)
  await expect(app.page.getByText('The authenticator app was removed.')).toBeVisible()
  await expect(mfa.section('Authenticator app').getByText('Not set up', { exact: true })).toBeVisible()
  await expect(app.page.getByRole('button', { name: 'Add authenticator app' })).toBeVisible()
})

test('mfa: turning two-step sign-in on and off explains what it will demand', async ({ app }) => {
  const email = uniqueEmail('toggle')
  await signUpFresh(app.page, email)
  await openScreen(app.page, 'mfa')
  const mfa = new MfaScreen(app.page)
  await mfa.enrolAuthenticator()

  await app.page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
  const dialog = app.page.getByRole('dialog')
  await expect(dialog).toContainText('From your next sign-in')
  await expect(dialog).toContainText('a code from your authenticator app')
  await dialog.getByRole('button', { name: 'Turn on', exact: true }).click()
  await expect(app.page.getByText('Two-step sign-in is on.')).toBeVisible()
  await expect(mfa.state).toHaveText('On')
  await expect(mfa.explanation).toContainText('then one more step: a code from your authenticator app')
  // This session was credited with the factor when MFA was turned on: it keeps working.
  await app.page.getByRole('button', { name: 'Turn off two-step sign-in' }).click()
  await expect(dialog).toContainText('anyone who learns your password can sign in')
  await dialog.getByRole('button', { name: 'Turn off', exact: true }).click()
  await expect(app.page.getByText('Two-step sign-in is off.')).toBeVisible()
  await expect(mfa.state).toHaveText('Off')
})
