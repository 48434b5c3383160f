/**
 * Profile journeys (issue #5 item 1), renderer → preload → core → sandbox: name, e-mail (with a
 * wrong password first), e-mail verification by the link coming back as a deep link (1.9), phone and its
 * texted code, password, a guest account made permanent, and blocking the account; names counted as
 * Appwrite counts them and initials cut on whole characters.
 */
import { expect, test } from '../fixtures'
import { sandboxEndpoint, waitForMessage, linkIn, codeIn } from '../harness/sandbox-outbox'
import { AccountProfile } from '../pages/account-pages'
import { ConsoleApp, ProfileScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { PASSWORD, signInOnOtherDevice, signUp, uniqueEmail, uniquePhone, WINDOWS_CHROME } from '../steps'

test('change my name', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('name'))
  const profile = new AccountProfile(page)
  await reviewScreen(page, 'profile')

  await profile.changeName('Ada King')
  await expect(new ConsoleApp(page).toast('Your name is saved.')).toBeVisible()
  await expect(profile.name).toHaveText('Ada King')
  await expect(profile.heading).toHaveText('Ada King')

  // It is the server's name, not just the screen's: it is still there after a restart.
  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await expect(profile.name).toHaveText('Ada King')
})

test('a name counts characters as Appwrite does: 128 emoji save whole, 129 characters are refused with a sentence', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('emoji'))
  const profile = new AccountProfile(page)

  // 128 emoji are 256 UTF-16 units: nothing may cut them to 64.
  const emoji = '🦋'.repeat(128)
  await profile.changeName(emoji)
  await expect(new ConsoleApp(page).toast('Your name is saved.')).toBeVisible()
  await expect(profile.name).toHaveText(emoji)

  await profile.changeName('🦋'.repeat(128) + 'x')
  await expect(profile.nameField).toHaveAccessibleDescription(/1 character too many: at most 128 are allowed\./)
  await expect(profile.nameField).toHaveValue('🦋'.repeat(128) + 'x')
  await expect(profile.form('Change name')).toBeVisible()
  await reviewScreen(page, 'profile-name-too-long')
  // Still the saved name after a restart: the refused one never reached the server.
  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await expect(profile.name).toHaveText(emoji)
})

test('initials of an emoji name and of a combining-mark name show whole', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('initials'))
  const profile = new AccountProfile(page)

  await profile.changeName('👩‍👩‍👧 👍🏽')
  await expect(profile.name).toHaveText('👩‍👩‍👧 👍🏽')
  await expect(profile.initials).toHaveText('👩‍👩‍👧👍🏽')
  await expect(profile.menuInitials).toHaveText('👩‍👩‍👧👍🏽')

  // "q" with a combining dot below has no precomposed form: the mark stays with its letter.
  await profile.changeName('q\u0323uinn e\u0301lodie')
  await expect(profile.initials).toHaveText('Q\u0323\u00c9')
  await expect(profile.menuInitials).toHaveText('Q\u0323\u00c9')
})

// The link is how a 1.9 server verifies; by code: account-verification-code.spec.ts.
test.describe('on a 1.9 server', () => {
  test.use({ appOptions: { sandbox: { appwriteVersion: '1.9' } } })

  test('change my e-mail (the password is checked), then verify it with the link from the mail', async ({ app }) => {
    const page = app.page
    await signUp(page, uniqueEmail('old'))
    const profile = new AccountProfile(page)
    const next = uniqueEmail('new')

    await profile.changeEmail(next, 'not my password')
    await expect(profile.alert).toHaveText('That password is not right. Enter the password you sign in with.')
    await profile.retryEmailChange(PASSWORD)
    await expect(new ProfileScreen(page).email).toHaveText(next)
    await expect(profile.emailVerification).toHaveText('Not verified')

    const endpoint = await sandboxEndpoint(page)
    const sentAfter = new Date(Date.now() - 1000).toISOString()
    await profile.sendEmailVerification()
    await expect(profile.emailVerificationPending).toContainText(`We sent a link to ${next}`)
    await reviewScreen(page, 'profile-verification-pending')

    // The person opens the link from the mail; the OS hands it to the app.
    const mail = await waitForMessage(endpoint, next, { after: sentAfter })
    await app.deliverDeepLink(linkIn(mail))
    await expect(profile.emailVerification).toHaveText('Verified')
    await expect(new ConsoleApp(page).toast('Your e-mail address is verified.')).toBeVisible()
  })
})

test('add a phone number and verify it with the texted code', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('phone'))
  const profile = new AccountProfile(page)
  const phone = uniquePhone()

  await profile.changePhone(phone, PASSWORD)
  await expect(profile.phone).toHaveText(phone)
  await expect(profile.phoneVerification).toHaveText('Not verified')

  await profile.startPhoneVerification()
  await profile.verifyPhoneWith('000000')
  await expect(profile.form('Verify phone')).toContainText('That code is not right')
  await reviewScreen(page, 'profile-phone-code')

  const sms = await waitForMessage(await sandboxEndpoint(page), phone)
  await profile.verifyPhoneWith(codeIn(sms))
  await expect(profile.phoneVerification).toHaveText('Verified')
  await expect(new ConsoleApp(page).toast('Your phone number is verified.')).toBeVisible()
})

test('change my password: the rule shows as I type, and the new one signs in', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('password')
  await signUp(page, email)
  const profile = new AccountProfile(page)

  await profile.openPasswordChange()
  await profile.typeNewPassword('short')
  await expect(profile.passwordRule).toContainText('Use at least 8 characters.')
  await profile.typeNewPassword('a much better passphrase')
  await expect(profile.passwordRule).toContainText('Length is fine')
  // A wrong current password is named as such (Appwrite says user_invalid_credentials).
  await profile.submitPasswordChange('not the password')
  await expect(profile.alertIn('Change password')).toHaveText('That password is not right. Enter the password you sign in with.')
  await profile.submitPasswordChange(PASSWORD)
  await expect(new ConsoleApp(page).toast(/Your password is changed/)).toBeVisible()

  await new ProfileScreen(page).signOut()
  const signIn = new SignInScreen(page)
  await signIn.expectVisible()
  await signIn.signIn(email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toContainText('The e-mail or password is wrong.')
  await signIn.signIn(email, 'a much better passphrase')
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('keep a guest account: an e-mail and a password make it permanent', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInMethods(page).continueAsGuest()
  const profile = new AccountProfile(page)
  await expect(profile.guestNote).toBeVisible()
  // Blocking would only lock the guest out of an account it cannot get back into anyway.
  await expect(profile.blockButton).toHaveCount(0)
  await reviewScreen(page, 'profile-guest')

  const email = uniqueEmail('guest')
  await profile.keepGuestAccount(email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
  await expect(profile.guestNote).toHaveCount(0)

  await new ProfileScreen(page).signOut()
  await new SignInScreen(page).expectVisible()
  await new SignInScreen(page).signIn(email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
})

test('block my account: typed confirmation, signed out here and on every other device', async ({ app }) => {
  const page = app.page
  const email = uniqueEmail('block')
  await signUp(page, email)
  const endpoint = await sandboxEndpoint(page)
  const elsewhere = await signInOnOtherDevice(endpoint, email, { userAgent: WINDOWS_CHROME })

  await new AccountProfile(page).block()
  await new SignInScreen(page).expectVisible()
  await expect(new ConsoleApp(page).toast('Your account is blocked and you are signed out on every device.')).toBeVisible()
  expect(await elsewhere.accountStatus()).toMatchObject({ type: 'user_blocked' })

  await new SignInScreen(page).signIn(email, PASSWORD)
  await expect(new ConsoleApp(page).alert).toContainText('blocked')
})
