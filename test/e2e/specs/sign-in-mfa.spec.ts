/**
 * MFA at sign-in (issue #4 item 2): when Appwrite answers `user_more_factors_required`, the
 * second step offers the account's factors; TOTP and recovery codes finish the sign-in, a wrong
 * code is said and can be retried, and a used recovery code is refused in plain words.
 */
import { expect, test } from '../fixtures'
import { enrolMfa, freshTotp, signIn, signOutHere, signUp, uniqueEmail } from '../steps'
import { ConsoleApp, MfaChallengeScreen, ProfileScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

test('sign in with the authenticator app after a wrong code', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('totp')
  await signUp(page, email)
  const { totpSecret } = await enrolMfa(page)
  await signOutHere(page)

  await signIn(page, email)
  const challenge = new MfaChallengeScreen(page)
  await challenge.expectVisible()
  // The account's factors: an authenticator and recovery codes (its e-mail is not verified, so
  // Appwrite does not offer e-mail codes, appwrite-behaviour §6).
  await expect(challenge.factors).toHaveCount(2)
  await expect(challenge.factor('Authenticator app')).toBeVisible()
  await expect(challenge.factor('Recovery code')).toBeVisible()
  await reviewScreen(page, 'mfa-choose')
  // The second step is its own place: the account is not reachable yet.
  await page.goto(page.url().replace(/#.*$/, '#/profile'))
  await challenge.expectVisible()

  await challenge.choose('Authenticator app')
  await reviewScreen(page, 'mfa-code')
  const good = await freshTotp(totpSecret)
  await challenge.enterAuthenticatorCode(good === '000000' ? '111111' : '000000')
  await expect(new ConsoleApp(page).says('That code is not right. Check the code your app shows now and try again.')).toBeVisible()

  await challenge.enterAuthenticatorCode(await freshTotp(totpSecret))
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('sign in with a recovery code; the same code is refused the second time', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('recovery-code')
  await signUp(page, email)
  const { recoveryCodes } = await enrolMfa(page)
  const [first, second] = recoveryCodes
  if (!first || !second) throw new Error('Appwrite gave fewer than two recovery codes')
  await signOutHere(page)

  await signIn(page, email)
  const challenge = new MfaChallengeScreen(page)
  await challenge.expectVisible()
  await challenge.choose('Recovery code')
  await challenge.enterRecoveryCode(first)
  await expect(new ProfileScreen(page).email).toHaveText(email)

  await signOutHere(page)
  await signIn(page, email)
  await challenge.expectVisible()
  await challenge.choose('Recovery code')
  await challenge.enterRecoveryCode(first)
  await expect(
    new ConsoleApp(page).says('That recovery code was not accepted. Each recovery code works only once, so it may have been used already.'),
  ).toBeVisible()

  await challenge.enterRecoveryCode(second)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})
