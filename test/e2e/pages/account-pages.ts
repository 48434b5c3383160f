/**
 * Page objects for the account screens of issue #5 (Profile, Preferences, Sessions, Developer,
 * Security overview) and the account navigation. Specs say what a person does ("change my name");
 * only this file knows how the screens are found.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { ConsoleApp, ProfileScreen, SignInScreen } from './pages'
import { reviewScreen } from './review'

export const PASSWORD = 'correct horse battery'


/** reviewScreen (axe + light/dark screenshots) for a signed-in screen. */
export async function reviewAccountScreen(page: Page, name: string): Promise<void> {
  await reviewScreen(page, name)
}

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`
}

export function uniquePhone(): string {
  return `+1415${Math.floor(1_000_000 + Math.random() * 8_999_999)}`
}

/** A fresh account, signed in, on the profile screen. */
export async function signUpFresh(page: Page, email: string, name = 'Ada Lovelace'): Promise<void> {
  await new ConsoleApp(page).waitUntilReady()
  const signUp = await new SignInScreen(page).goToSignUp()
  await signUp.signUp(name, email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
}

export type AccountScreenName = 'Profile' | 'Preferences' | 'Overview' | 'Sessions' | 'Developer'

/** The heading each navigation entry leads to. */
const HEADINGS: Readonly<Record<AccountScreenName, string | null>> = {
  Profile: null,
  Preferences: 'Preferences',
  Overview: 'Security overview',
  Sessions: 'Sessions',
  Developer: 'Developer',
}

export class AccountNavigation {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Account' })
  }

  link(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true })
  }

  async open(name: AccountScreenName): Promise<void> {
    await this.link(name).click()
    const heading = HEADINGS[name]
    if (heading) await expect(this.page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible()
    else await expect(this.page.getByTestId('account-id')).toBeVisible()
    await expect(this.link(name)).toHaveAttribute('aria-current', 'page')
  }
}

/** The Profile screen beyond what the sign-in journeys need (pages.ts ProfileScreen). */
export class AccountProfile {
  constructor(readonly page: Page) {}

  row(label: 'Name' | 'E-mail' | 'Phone' | 'Password'): Locator {
    return this.page.locator('.detail-row').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
  }

  form(name: string): Locator {
    return this.page.getByRole('form', { name })
  }

  get alert(): Locator {
    return this.page.getByRole('alert')
  }

  async changeName(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Change name' }).click()
    const form = this.form('Change name')
    await form.getByLabel('Name', { exact: true }).fill(name)
    await form.getByRole('button', { name: 'Save name' }).click()
  }

  async changeEmail(email: string, password: string): Promise<void> {
    await this.page.getByRole('button', { name: /^(Change|Add) e-mail$/ }).click()
    const form = this.form('Change e-mail').or(this.form('Add e-mail'))
    await form.getByLabel(/^(New e-mail|E-mail)$/).fill(email)
    await form.getByLabel(/^(Your password|Choose a password)$/).fill(password)
    await form.getByRole('button', { name: /^(Save e-mail|Keep my account)$/ }).click()
  }

  async changePhone(phone: string, password: string): Promise<void> {
    await this.page.getByRole('button', { name: /^(Change|Add) phone$/ }).click()
    const form = this.form('Change phone').or(this.form('Add phone'))
    await form.getByLabel(/^(New phone number|Phone number)$/).fill(phone)
    await form.getByLabel(/^(Your password|Choose a password)$/).fill(password)
    await form.getByRole('button', { name: 'Save phone' }).click()
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Change password' }).click()
    const form = this.form('Change password')
    await form.getByLabel('Current password', { exact: true }).fill(current)
    await form.getByLabel('New password', { exact: true }).fill(next)
    await form.getByRole('button', { name: 'Change password' }).click()
  }

  async verifyPhoneWith(code: string): Promise<void> {
    const form = this.form('Verify phone')
    await form.getByLabel('Code from the text message').fill(code)
  }

  async toast(text: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('region', { name: 'Notifications' })).toContainText(text)
  }

  async block(): Promise<void> {
    await this.page.getByRole('button', { name: 'Block my account…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Block your account?' })
    await expect(dialog.getByRole('button', { name: 'Block my account' })).toBeDisabled()
    await dialog.getByLabel('Type BLOCK to confirm').fill('BLOCK')
    await dialog.getByRole('button', { name: 'Block my account' }).click()
  }
}

export class PreferencesScreen {
  constructor(readonly page: Page) {}

  tab(name: 'Keys and values' | 'JSON'): Locator {
    return this.page.getByRole('tab', { name })
  }

  value(key: string): Locator {
    return this.page.getByLabel(`Value of ${key}`, { exact: true })
  }

  async addKey(key: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a key' }).click()
    const keys = this.page.getByLabel(/^Key \(row \d+\)$/)
    await keys.last().fill(key)
    await this.value(key).fill(value)
  }

  get json(): Locator {
    return this.page.getByLabel('Preferences as JSON')
  }

  get size(): Locator {
    return this.page.getByTestId('prefs-size')
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save preferences' }).click()
  }
}

export class SessionsScreen {
  constructor(readonly page: Page) {}

  get sessions(): Locator {
    return this.page.getByTestId('session')
  }

  get current(): Locator {
    return this.sessions.filter({ hasText: 'This device' })
  }

  async confirm(dialogName: string | RegExp, button: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: dialogName })
    await dialog.getByRole('button', { name: button, exact: true }).click()
    await expect(dialog).toBeHidden()
  }
}

/** Signs the account in from "another device" straight at the sandbox; answers the session value. */
export async function signInElsewhere(endpoint: string, email: string, userAgent: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': 'local', 'Content-Type': 'application/json', 'User-Agent': userAgent },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201) throw new Error(`sign-in elsewhere answered ${response.status}`)
  const value = (JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_local']
  if (!value) throw new Error('no session value')
  return value
}

/** What the sandbox answers to `GET /account` with a session value (200, or Appwrite's error type). */
export async function accountStatusWith(endpoint: string, session: string): Promise<{ status: number; type?: string }> {
  const response = await fetch(`${endpoint}/account`, { headers: { 'X-Appwrite-Project': 'local', 'X-Appwrite-Session': session } })
  const body = (await response.json()) as { type?: string }
  return { status: response.status, ...(body.type ? { type: body.type } : {}) }
}

export const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
export const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
