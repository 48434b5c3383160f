/**
 * Foundation journeys (issue #2, item 11): every layer for real — renderer → preload API → core
 * → axios → local sandbox → SQLite, with the session only in the OS keychain.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { keychainEntries, storedSessionFor } from '../harness/keychain'
import { ConsoleApp, ProfileScreen, SignInScreen } from '../pages/pages'
import { PASSWORD, signUp, uniqueEmail } from '../steps'

test('(a) sign up, sign in, and see your own e-mail on the profile', async ({ app }) => {
  const email = uniqueEmail('ada')
  await signUp(app.page, email)
  await expect(new ConsoleApp(app.page).profileSelect).toContainText('Local sandbox')
  await new ProfileScreen(app.page).signOut()
  const signIn = new SignInScreen(app.page)
  await signIn.expectVisible()
  await signIn.signIn(email, PASSWORD)
  await expect(new ProfileScreen(app.page).email).toHaveText(email)
  await app.page.screenshot({ path: test.info().outputPath('profile.png') })
})

test('(b) after a restart you are still signed in without typing a password', async ({ app }) => {
  const email = uniqueEmail('restart')
  await signUp(app.page, email)
  const userId = await new ProfileScreen(app.page).userId()
  expect(await storedSessionFor(userId)).not.toBeNull()

  await app.restart()
  await new ConsoleApp(app.page).waitUntilReady()
  await expect(new ProfileScreen(app.page).email).toHaveText(email)
  await expect(new SignInScreen(app.page).passwordField).toHaveCount(0)
})

test('(c) signing out removes the keychain entry and a restart shows sign-in', async ({ app }) => {
  const email = uniqueEmail('signout')
  await signUp(app.page, email)
  const userId = await new ProfileScreen(app.page).userId()
  expect(await storedSessionFor(userId)).not.toBeNull()

  await new ProfileScreen(app.page).signOut()
  await new SignInScreen(app.page).expectVisible()
  const entries = await keychainEntries()
  expect(entries.filter((e) => e.account.endsWith(`|${userId}`))).toEqual([])

  await app.restart()
  await new ConsoleApp(app.page).waitUntilReady()
  await new SignInScreen(app.page).expectVisible()
})

test("(d) a wrong password shows Appwrite's error in plain words", async ({ app }) => {
  const email = uniqueEmail('wrong')
  await signUp(app.page, email)
  await new ProfileScreen(app.page).signOut()
  const signIn = new SignInScreen(app.page)
  await signIn.signIn(email, 'not the password')
  const consoleApp = new ConsoleApp(app.page)
  await expect(consoleApp.alert).toContainText('The e-mail or password is wrong.')
  await app.page.screenshot({ path: test.info().outputPath('sign-in-error.png') })
  // Nothing was stored for a failed sign-in.
  expect(app.page.url()).not.toContain('profile')
})

test('(e) the session secret appears nowhere in the renderer or the data folder', async ({ app }) => {
  const email = uniqueEmail('secret')
  await signUp(app.page, email)
  const userId = await new ProfileScreen(app.page).userId()
  const stored = await storedSessionFor(userId)
  expect(stored).not.toBeNull()
  const { value, secret } = stored!
  expect(secret).toMatch(/^[0-9a-f]{64,}$/)
  const needles = [value, secret]

  // The DOM and everything the page can reach from window.
  const pageState = await app.page.evaluate(() => {
    const seen = new WeakSet<object>()
    const dump = (v: unknown, depth: number): unknown => {
      if (depth > 6 || v === null || typeof v !== 'object') return typeof v === 'function' ? '[fn]' : v
      if (seen.has(v)) return '[seen]'
      seen.add(v)
      const out: Record<string, unknown> = {}
      for (const k of Object.getOwnPropertyNames(v)) {
        try {
          out[k] = dump((v as Record<string, unknown>)[k], depth + 1)
        } catch {
          out[k] = '[unreadable]'
        }
      }
      return out
    }
    const ownGlobals: Record<string, unknown> = {}
    for (const k of Object.getOwnPropertyNames(window)) {
      if (/^(webkit|on)/.test(k)) continue
      try {
        ownGlobals[k] = dump((window as unknown as Record<string, unknown>)[k], 0)
      } catch {
        ownGlobals[k] = '[unreadable]'
      }
    }
    return JSON.stringify({
      html: document.documentElement.outerHTML,
      localStorage: { ...localStorage },
      sessionStorage: { ...sessionStorage },
      cookie: document.cookie,
      ownGlobals,
    })
  })
  const bridge = JSON.stringify(await app.bridgeRecord())
  expect(bridge.length).toBeGreaterThan(100) // the record really holds the traffic we checked
  for (const needle of needles) {
    expect(pageState.includes(needle)).toBe(false)
    expect(bridge.includes(needle)).toBe(false)
  }

  // Every file under the app's data folder (profiles, sandbox database and its WAL).
  const files = await listFiles(app.dataDir)
  expect(files.some((f) => f.endsWith('profiles.json'))).toBe(true)
  for (const file of files) {
    const bytes = await readFile(file)
    for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), `${file} contains the secret`).toBe(false)
  }
})

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(path)))
    else out.push(path)
  }
  return out
}
