/**
 * Issue #5, item 6: two-step sign-in management against the sandbox. TOTP codes are computed
 * with `otpauth` from the key the screen shows, as an authenticator app would. Removing the
 * authenticator and regenerating recovery codes need a recent challenge (appwrite-behaviour §6), which
 * the screen asks for in place.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { MfaScreen } from '../pages/activity-pages'
import { AccountNavigation } from '../pages/navigation'
import { expectFitsSmallWindow, reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('mfa: enrol an authenticator app from the QR code screen with a code from the shown key', async ({ app }) => {
  await signUp(app.page, uniqueEmail('totp'))
  await new AccountNavigation(app.page).open('Two-step sign-in')
  const mfa = new MfaScreen(app.page)
  await expect(mfa.state).toHaveText('Off')
  await reviewScreen(app.page, 'mfa')

  await mfa.startAuthenticator()
  await reviewScreen(app.page, 'mfa-enrol')
  await expectFitsSmallWindow(app.page, 'mfa-enrol')
  // A wrong code is refused in words; the enrolment stays open.
  await mfa.submitAuthenticatorCode('000000')
  await expect(mfa.says('That code is not right. Use the code your app shows now.')).toBeVisible()
  await mfa.cancelAuthenticator()

  await mfa.enrolAuthenticator()
  await expect(mfa.says('Your authenticator app is set up.')).toBeVisible()
  await expect(mfa.factors.first()).toContainText('Ready')
})

test('mfa: recovery codes are shown once, saved to a file, and regenerated after an inline challenge', async ({ app }) => {
  await signUp(app.page, uniqueEmail('codes'))
  await new AccountNavigation(app.page).open('Two-step sign-in')
  const mfa = new MfaScreen(app.page)
  await mfa.createRecoveryCodes()
  await expect(mfa.recoveryCodes()).toHaveCount(6)
  const first = (await mfa.recoveryCodes().allTextContents()).map((code) => code.trim())
  for (const code of first) expect(code).toMatch(/^[0-9a-f]{10}$/)
  await reviewScreen(app.page, 'mfa-recovery-codes')

  await mfa.saveRecoveryCodes()
  await expect(mfa.says(/^Saved to .*recovery-codes-local\.txt\.$/)).toBeVisible()
  const [file] = await app.savedFiles()
  const content = await readFile(file!, 'utf8')
  for (const code of first) expect(content).toContain(`${code}\n`)
  expect(content).toContain('Each code works once.')

  // Shown once: dismissed, they are gone from the screen.
  await mfa.dismissRecoveryCodes()
  await expect(mfa.recoveryCodes()).toHaveCount(0)

  // Regenerating needs a fresh challenge; answer it with one of the codes (which it spends).
  await mfa.regenerateRecoveryCodes()
  await mfa.confirmWithRecoveryCode('0000000000')
  await expect(mfa.challenge).toContainText('That code is not right. Check it and try again.')
  await mfa.confirmWithRecoveryCode(first[0]!)
  await expect(mfa.says('New recovery codes are ready. The old ones no longer work.')).toBeVisible()
  await expect(mfa.recoveryCodes()).toHaveCount(6)
  const second = (await mfa.recoveryCodes().allTextContents()).map((code) => code.trim())
  expect(second.filter((code) => first.includes(code))).toEqual([])
})

test('mfa: removing the authenticator asks for a fresh challenge in place, then removes it', async ({ app }) => {
  await signUp(app.page, uniqueEmail('remove'))
  await new AccountNavigation(app.page).open('Two-step sign-in')
  const mfa = new MfaScreen(app.page)
  const secret = await mfa.enrolAuthenticator()

  await mfa.removeAuthenticator()
  await expect(mfa.challenge).toBeVisible()
  await reviewScreen(app.page, 'mfa-challenge')
  await mfa.confirmWithAuthenticator(secret)
  await expect(mfa.says('The authenticator app was removed.')).toBeVisible()
  await expect(mfa.authenticatorState).toHaveText('Not set up')
  await expect(mfa.addAuthenticatorButton).toBeVisible()
})

test('mfa: turning two-step sign-in on and off explains what it will demand', async ({ app }) => {
  const email = uniqueEmail('toggle')
  await signUp(app.page, email)
  await new AccountNavigation(app.page).open('Two-step sign-in')
  const mfa = new MfaScreen(app.page)
  await mfa.enrolAuthenticator()

  let dialog = await mfa.openSwitch('on')
  await expect(dialog).toContainText('From your next sign-in')
  await expect(dialog).toContainText('a code from your authenticator app')
  await mfa.confirmDialog('Turn on')
  await expect(mfa.says('Two-step sign-in is on.')).toBeVisible()
  await expect(mfa.state).toHaveText('On')
  await expect(mfa.explanation).toContainText('then one more step: a code from your authenticator app')
  // This session was credited with the factor when MFA was turned on: it keeps working.
  dialog = await mfa.openSwitch('off')
  await expect(dialog).toContainText('anyone who learns your password can sign in')
  await mfa.confirmDialog('Turn off')
  await expect(mfa.says('Two-step sign-in is off.')).toBeVisible()
  await expect(mfa.state).toHaveText('Off')
})
