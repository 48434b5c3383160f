/**
 * Preferences journeys (issue #5 item 2): keys and values, raw JSON (a list is refused), the size
 * against the 64 kB limit, saving replaces the whole object, and the console's own theme.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { AccountProfile, PreferencesScreen } from '../pages/account-pages'
import { AccountNavigation } from '../pages/navigation'
import { ConsoleApp } from '../pages/pages'
import { reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

async function prefsOnServer(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const api = (
      window as unknown as {
        api: {
          app: { start(): Promise<{ ok: true; data: { status: { activeProfileId: string } } }> }
          prefs: { get(a: { profileId: string }): Promise<{ ok: boolean; data?: unknown }> }
        }
      }
    ).api
    const started = await api.app.start()
    return (await api.prefs.get({ profileId: started.data.status.activeProfileId })).data
  })
}

test('add preferences as keys and values, and save them', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('prefs'))
  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  await expect(prefs.says('No preferences yet')).toBeVisible()
  await expect(prefs.size).toHaveText('2 characters of 64.0 kB')

  await prefs.addKey('newsletter', 'weekly')
  await prefs.addKey('pageSize', '50')
  await prefs.setType('pageSize', 'number')
  await expect(prefs.changes).toHaveText('Unsaved: 2 added.')
  await reviewScreen(page, 'preferences')
  await prefs.save()
  await expect(new ConsoleApp(page).toast('Preferences saved.')).toBeVisible()
  expect(await prefsOnServer(page)).toEqual({ newsletter: 'weekly', pageSize: 50 })

  // The same object in the JSON tab.
  await prefs.tab('JSON').click()
  await expect(prefs.json).toHaveValue(JSON.stringify({ newsletter: 'weekly', pageSize: 50 }, null, 2))
})

test('edit the raw JSON: only an object is accepted, and saving replaces the whole object', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('json'))
  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  await prefs.addKey('keep', 'no')
  await prefs.save()
  await expect(prefs.changes).toHaveText('No unsaved changes.')

  await prefs.tab('JSON').click()
  await prefs.json.fill('[1, 2, 3]')
  await expect(prefs.says('Preferences must be an object { … }, not a list [ … ].')).toBeVisible()
  await expect(prefs.saveButton).toBeDisabled()
  // The key-value tab refuses to open on something that is not an object.
  await prefs.tab('Keys and values').click()
  await expect(prefs.says('Fix the JSON first')).toBeVisible()
  await expect(prefs.tab('JSON')).toHaveAttribute('aria-selected', 'true')
  await reviewScreen(page, 'preferences-json-invalid')

  await prefs.json.fill('{ "editor": { "font": "mono", "size": 13 } }')
  await expect(prefs.changes).toHaveText('Unsaved: 1 added, 1 removed.')
  await prefs.save()
  // "keep" goes away: the dialog says so before anything is saved.
  await expect(prefs.removalDialog).toContainText('keep')
  await prefs.confirmRemoval()
  expect(await prefsOnServer(page)).toEqual({ editor: { font: 'mono', size: 13 } })
})

test('the size is shown against the limit, and an object over 64 kB cannot be saved', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('size'))
  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  await prefs.tab('JSON').click()
  await prefs.json.fill(JSON.stringify({ big: 'x'.repeat(70_000) }))
  await expect(prefs.size).toHaveText('68.4 kB of 64.0 kB')
  await expect(prefs.says('Appwrite stores at most 64 kB of preferences')).toBeVisible()
  await expect(prefs.saveButton).toBeDisabled()
})

test('the theme preference applies to the console, in light and dark, and survives a restart', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('theme'))
  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

  await page.emulateMedia({ colorScheme: 'light' })
  const light = await background()
  await prefs.setTheme('dark')
  await prefs.save()
  await expect(new ConsoleApp(page).document).toHaveAttribute('data-theme', 'dark')
  expect(await background()).not.toBe(light)
  // It is the account's preference: the OS saying "light" does not change it.
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(new ConsoleApp(page).document).toHaveAttribute('data-theme', 'dark')

  await app.restart()
  await new ConsoleApp(page).waitUntilReady()
  await expect(new ConsoleApp(page).document).toHaveAttribute('data-theme', 'dark')

  await new AccountNavigation(page).open('Preferences')
  await prefs.setTheme('system')
  await prefs.save()
  await expect(new ConsoleApp(page).document).not.toHaveAttribute('data-theme', /.+/)
  expect(await background()).toBe(light)
})

test('the locale and time zone preferences change how dates are written', async ({ app }) => {
  const page = app.page
  await signUp(page, uniqueEmail('locale'))
  await new AccountNavigation(page).open('Preferences')
  const prefs = new PreferencesScreen(page)
  await prefs.setDateFormat('de-DE', 'Asia/Tokyo')
  await prefs.save()
  await expect(new ConsoleApp(page).toast('Preferences saved.')).toBeVisible()

  await new AccountNavigation(page).open('Profile')
  const profile = new AccountProfile(page)
  const registered = await profile.registered.getAttribute('datetime')
  const expected = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(iso ?? '')),
    registered,
  )
  await expect(profile.registered).toHaveText(expected)
})
