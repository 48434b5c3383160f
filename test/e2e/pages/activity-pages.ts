/**
 * Page objects for the Activity, Linked sign-ins, Two-step sign-in and Messaging-target screens.
 * Specs speak in what a person does ("turn on two-step sign-in"); only this file knows the markup.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import * as OTPAuth from 'otpauth'
import { ConsoleApp, ProfileScreen, SignInScreen } from './pages'

export const PASSWORD = 'correct horse battery'

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`
}

/** A fresh account, signed in, on the profile screen. */
export async function signUpFresh(page: Page, email: string, name = 'Ada Lovelace'): Promise<void> {
  await new ConsoleApp(page).waitUntilReady()
  const signUp = await new SignInScreen(page).goToSignUp()
  await signUp.signUp(name, email, PASSWORD)
  await expect(new ProfileScreen(page).email).toHaveText(email)
}

export type AccountScreen = 'activity' | 'identities' | 'mfa' | 'targets'

/** The screen's name in the account navigation, which is also its heading. */
const SCREEN_NAMES: Readonly<Record<AccountScreen, string>> = {
  activity: 'Activity',
  identities: 'Linked sign-ins',
  mfa: 'Two-step sign-in',
  targets: 'Push targets',
}

/** Opens an account screen from the navigation, as a person would. */
export async function openScreen(page: Page, screen: AccountScreen): Promise<void> {
  const name = SCREEN_NAMES[screen]
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

export class ActivityScreen {
  constructor(readonly page: Page) {}

  get entries(): Locator {
    return this.page.getByRole('list', { name: 'Activity entries' }).getByRole('listitem')
  }

  get loaded(): Locator {
    return this.page.getByTestId('activity-loaded')
  }

  get chart(): Locator {
    return this.page.getByTestId('activity-chart')
  }

  get eventFilter(): Locator {
    return this.page.getByLabel('Event', { exact: true })
  }

  async showChart(view: 'Per day' | 'By event' | 'By device'): Promise<void> {
    await this.page.getByRole('radio', { name: view }).check()
  }

  async exportCsv(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export CSV…' }).click()
  }
}

export class IdentitiesScreen {
  constructor(readonly page: Page) {}

  get identities(): Locator {
    return this.page.getByTestId('identity')
  }

  async unlink(provider: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Unlink ${provider}`) }).click()
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Unlink' }).click()
  }
}

/** The TOTP code an authenticator app would show now for `secret` (base32, spaces ignored). */
export function totpCode(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate()
}

/**
 * Waits out the last moment of a 30-second step, so a code typed now is still current when the
 * server checks it (the sandbox accepts only the current step, appwrite-behaviour §6).
 */
export async function freshTotpWindow(page: Page): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000)
  if (left < 3000) await page.waitForTimeout(left + 100)
}

export class MfaScreen {
  constructor(readonly page: Page) {}

  get state(): Locator {
    return this.page.getByTestId('mfa-state')
  }

  get explanation(): Locator {
    return this.page.getByTestId('mfa-explanation')
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title })
  }

  /** Adds the authenticator app with a code computed from the key shown on screen; returns the key. */
  async enrolAuthenticator(): Promise<string> {
    await this.page.getByRole('button', { name: 'Add authenticator app' }).click()
    await expect(this.page.getByRole('img', { name: /QR code/ })).toBeVisible()
    const shown = (await this.page.getByTestId('totp-secret').textContent()) ?? ''
    expect(shown).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/)
    const secret = shown.replace(/\s/g, '')
    await freshTotpWindow(this.page)
    await this.page.getByLabel('Code from the app').fill(totpCode(secret))
    await this.page.getByRole('button', { name: 'Verify and turn on the app' }).click()
    await expect(this.section('Authenticator app').getByText('Set up', { exact: true })).toBeVisible()
    return secret
  }

  /** Answers the inline "Confirm it is you" step with the authenticator app. */
  async confirmWithAuthenticator(secret: string): Promise<void> {
    const panel = this.page.getByRole('region', { name: 'Confirm it is you' })
    await expect(panel).toBeVisible()
    const factor = panel.getByLabel('Confirm with')
    if (await factor.count()) await factor.selectOption('totp')
    await freshTotpWindow(this.page)
    await panel.getByLabel('Code', { exact: true }).fill(totpCode(secret))
    await panel.getByRole('button', { name: 'Confirm' }).click()
  }

  recoveryCodes(): Locator {
    return this.page.getByTestId('recovery-codes').getByRole('listitem')
  }

  async confirmDialog(button: string): Promise<void> {
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: button, exact: true }).click()
  }
}

export class TargetsScreen {
  constructor(readonly page: Page) {}

  get pushTargets(): Locator {
    return this.page.getByRole('list', { name: 'Push targets' }).getByTestId('target')
  }

  async add(identifier: string, providerId = ''): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Add a push target' })
    await form.getByLabel('Device token').fill(identifier)
    if (providerId) await form.getByLabel('Provider ID').fill(providerId)
    await form.getByRole('button', { name: 'Add push target' }).click()
  }

  async edit(identifier: string, next: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Edit .*\\(${identifier}\\)$`) }).click()
    const field = this.pushTargets.getByLabel('Device token')
    await expect(field).toBeFocused()
    await field.fill(next)
    await field.press('Enter')
  }

  async remove(identifier: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Delete .*\\(${identifier}\\)$`) }).click()
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  }
}

/**
 * The smallest window the console supports (900×600): a screenshot for review, and nothing may
 * stick out sideways (a horizontal scrollbar in the content area means something does not fit).
 */
export async function expectFitsSmallWindow(page: Page, name: string): Promise<void> {
  const before = page.viewportSize()
  await page.setViewportSize({ width: 900, height: 600 })
  try {
    await page.screenshot({ path: test.info().outputPath('screens', `${name}-900x600.png`) })
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.documentElement
      const sideways = [document.documentElement, main].filter((element) => element.scrollWidth > element.clientWidth + 1)
      return sideways.map((element) => `${element.tagName.toLowerCase()} ${element.scrollWidth}>${element.clientWidth}`)
    })
    expect(overflow, `content wider than a 900×600 window on "${name}"`).toEqual([])
  } finally {
    if (before) await page.setViewportSize(before)
  }
}
