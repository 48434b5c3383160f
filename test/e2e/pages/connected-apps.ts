/**
 * The Connected apps screen (issue 11 item 5): third-party apps with access to the account, their
 * devices (token families), signing one out and removing an app's access.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class ConnectedAppsScreen {
  constructor(readonly page: Page) {}

  get apps(): Locator {
    return this.page.getByTestId('consent')
  }

  /** The entry of the app named `name` (its app id, or its metadata document's host). */
  app(name: string): Locator {
    return this.apps.filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) })
  }

  /** The plain words of what the app may do, as listed. */
  scopesOf(name: string): Locator {
    return this.app(name).getByTestId('consent-scope')
  }

  detailsOf(name: string): Locator {
    return this.app(name).getByTestId('consent-detail')
  }

  /** Opens the app's devices and sessions and waits until they are listed (or said to be none). */
  async openDevices(name: string): Promise<void> {
    const toggle = this.app(name).getByRole('button', { name: `Devices and sessions of ${name}` })
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(this.devicesOf(name).or(this.app(name).getByTestId('consent-no-devices')).first()).toBeVisible()
  }

  devicesOf(name: string): Locator {
    return this.app(name).getByTestId('consent-family')
  }

  get noDevices(): Locator {
    return this.page.getByTestId('consent-no-devices')
  }

  /** "Sign out this device" on the app's `index`th device, confirmed. */
  async signOutDevice(name: string, index: number): Promise<void> {
    await this.devicesOf(name)
      .nth(index)
      .getByRole('button', { name: /^Sign out this device/ })
      .click()
    await this.confirm('Sign out this device?', 'Sign out this device')
  }

  /** "Remove access", confirmed in its dialog. */
  async removeAccess(name: string): Promise<void> {
    await this.app(name)
      .getByRole('button', { name: `Remove access for ${name}` })
      .click()
    await this.confirm(`Remove access for ${name}?`, 'Remove access')
  }

  get empty(): Locator {
    return this.page.getByTestId('consents-empty')
  }

  get unsupported(): Locator {
    return this.page.getByTestId('consents-unsupported')
  }

  private async confirm(title: string, action: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: action }).click()
    await expect(dialog).toBeHidden()
  }
}
