/**
 * Page objects: the one place that knows how screens are found. Specs speak in user terms
 * ("sign in as …"), so the same journey runs in the harness and in Electron.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class ConsoleApp {
  constructor(readonly page: Page) {}

  /** The renderer marks itself ready once it knows the first auth state. */
  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator('[data-ready="true"]')).toBeVisible({ timeout: 30_000 })
  }

  get profileSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Profile' })
  }

  get alert(): Locator {
    return this.page.getByRole('alert')
  }

  get keychainBanner(): Locator {
    return this.page.getByTestId('keychain-banner')
  }
}

export class SignInScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail').fill(email)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  async goToSignUp(): Promise<SignUpScreen> {
    await this.page.getByRole('link', { name: 'Create an account' }).or(this.page.getByRole('button', { name: 'Create an account' })).click()
    return new SignUpScreen(this.page)
  }
}

export class SignUpScreen {
  constructor(readonly page: Page) {}

  async signUp(name: string, email: string, password: string): Promise<void> {
    await this.page.getByLabel('Name').fill(name)
    await this.page.getByLabel('E-mail').fill(email)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.getByRole('button', { name: 'Create account' }).click()
  }
}

export class ProfileScreen {
  constructor(readonly page: Page) {}

  get email(): Locator {
    return this.page.getByTestId('account-email')
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click()
  }
}
