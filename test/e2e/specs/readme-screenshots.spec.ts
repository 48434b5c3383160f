/**
 * The README's screenshots, taken through the harness. In a normal run they go to the test output
 * folder; `npm run screenshots` sets AC_README_SCREENSHOTS=docs/screenshots to refresh the README.
 */
import { resolve } from 'node:path'
import { expect, test } from '../fixtures'
import { ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'

function shotPath(name: string): string {
  const dir = process.env.AC_README_SCREENSHOTS
  return dir ? resolve(dir, name) : test.info().outputPath(name)
}

test('sign-in and profile screens, as shown in the README', async ({ app }) => {
  const page = app.page
  await new ConsoleApp(page).waitUntilReady()
  await new SignInScreen(page).expectVisible()
  await page.screenshot({ path: shotPath('sign-in.png') })

  const signUp = await new SignInScreen(page).goToSignUp()
  await signUp.signUp('Ada Lovelace', 'ada@example.com', 'correct horse battery')
  await expect(new ProfileScreen(page).email).toHaveText('ada@example.com')
  await page.screenshot({ path: shotPath('profile.png') })
})
