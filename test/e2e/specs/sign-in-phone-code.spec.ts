/** Phone OTP (issue #4 item 1): the SMS lands in the Dev Mailbox; its code signs in. */
import { expect, test } from '../fixtures'
import { CodeScreen, ConsoleApp, DevMailboxScreen, SignInMethods, SignInScreen } from '../pages/pages'
import { reviewScreen } from '../pages/review'

function uniquePhone(): string {
  return `+1415${Math.floor(1_000_000 + Math.random() * 8_999_999)}`
}

test('sign in with the code from a text message', async ({ app }) => {
  const page = app.page
  const phone = uniquePhone()
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()

  const start = await new SignInMethods(page).phoneCode()
  await reviewScreen(page, 'sign-in-phone-code')
  // Typed the way people write numbers; the app sends Appwrite's form.
  await start.sendTo(`${phone.slice(0, 2)} (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`)
  await expect(new ConsoleApp(page).title('Check your text messages')).toBeVisible()

  const mailbox = new DevMailboxScreen(page)
  await mailbox.open()
  const sms = await mailbox.messageTo(phone)
  await expect(sms).toContainText('Text message')
  const code = await mailbox.codeIn(sms)

  await page.goBack()
  await new CodeScreen(page).enterCode(code)
  await expect(new ConsoleApp(page).title(phone)).toBeVisible()
})
