/**
 * The Local sandbox as a playground: the Sandbox screen (its project settings) and the Local test
 * provider's sign-in page in the system browser.
 */
import { expect, type Locator, type Page } from '@playwright/test'

/** The Sandbox screen, opened from the top bar (Local sandbox profile only). */
export class SandboxScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('banner').getByRole('link', { name: 'Sandbox', exact: true }).click()
    await this.expectVisible()
  }

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sandbox' })).toBeVisible()
    await expect(this.method('E-mail and password')).toBeVisible()
  }

  /** A sign-in method's switch, by its label ("Guest", "Code by e-mail"…). */
  method(label: string): Locator {
    return this.page.getByRole('region', { name: 'Sign-in methods' }).getByRole('checkbox', { name: label, exact: true })
  }

  async setMethod(label: string, on: boolean): Promise<void> {
    await this.method(label).setChecked(on)
    await expect(this.method(label)).toBeEnabled()
    await expect(this.method(label)).toBeChecked({ checked: on })
  }

  get localProvider(): Locator {
    return this.page.getByRole('region', { name: 'OAuth sign-in' }).getByRole('checkbox', { name: 'Local test provider' })
  }

  async setLocalProvider(on: boolean): Promise<void> {
    await this.localProvider.setChecked(on)
    await expect(this.localProvider).toBeEnabled()
    await expect(this.localProvider).toBeChecked({ checked: on })
  }

  field(label: string): Locator {
    return this.page.getByRole('form', { name: 'Password and session rules' }).getByLabel(label, { exact: true })
  }

  async saveRules(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save rules' }).click()
  }

  async back(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back' }).click()
  }
}

/** The Local test provider's page in the system browser: pick or type a test identity. */
export class LocalProviderTab {
  constructor(readonly tab: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.tab.getByRole('heading', { level: 1, name: 'Local test provider' })).toBeVisible()
  }

  /** Signs in as one of the offered identities (by its name), or as a typed one. */
  async signInAs(identity: string | { readonly name: string; readonly email: string }): Promise<void> {
    await this.expectVisible()
    if (typeof identity === 'string') {
      await this.tab.getByRole('radio', { name: new RegExp(`^${identity} <`) }).check()
    } else {
      await this.tab.getByRole('radio', { name: 'Someone else (below)' }).check()
      await this.tab.getByLabel('Name').fill(identity.name)
      await this.tab.getByLabel('E-mail').fill(identity.email)
    }
    await this.tab.getByRole('button', { name: 'Sign in' }).click()
  }

  async cancel(): Promise<void> {
    await this.expectVisible()
    await this.tab.getByRole('button', { name: 'Cancel' }).click()
  }
}
