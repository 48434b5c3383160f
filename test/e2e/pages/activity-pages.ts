/**
 * Page objects for the Activity, Linked sign-ins, Two-step sign-in and Messaging-target screens.
 * Specs speak in what a person does ("turn on two-step sign-in"); only this file knows the markup.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { freshTotp } from '../steps'

export class ActivityScreen {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Activity entries' })
  }

  get entries(): Locator {
    return this.list.getByRole('listitem')
  }

  /** Scrolls the list to its end, as a person does to load the next page. */
  async scrollToEnd(): Promise<void> {
    await this.list.evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
  }

  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  get loaded(): Locator {
    return this.page.getByTestId('activity-loaded')
  }

  /** The explanation a server without account logs gets instead of a list. */
  get noLogs(): Locator {
    return this.page.getByTestId('activity-no-logs')
  }

  /** The heading of the no-logs explanation, and of the load error (which must not show with it). */
  get noLogsHeading(): Locator {
    return this.page.getByRole('heading', { name: 'This server keeps no account logs' })
  }

  get loadErrorHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Your activity could not be loaded' })
  }

  get chart(): Locator {
    return this.page.getByTestId('activity-chart')
  }

  /** The charts sit behind a disclosure, so the list keeps the window's height. */
  async openCharts(): Promise<void> {
    await this.page.getByRole('button', { name: 'Show activity over time (charts)' }).click()
  }

  /** The human name of an entry's event ("Signed out"), its raw code beside it. */
  eventName(entry: Locator): Locator {
    return entry.locator('.entry__event')
  }

  eventCode(entry: Locator): Locator {
    return entry.locator('code')
  }

  /** The column headers over the list. */
  get columnHeaders(): Locator {
    return this.page.locator('.entry--head > span')
  }

  /** What can be listed, and how far back the loaded entries go. */
  get range(): Locator {
    return this.page.getByTestId('activity-range')
  }

  /** Types a day (yyyy-mm-dd) into "Jump to date" and goes there. */
  async jumpTo(day: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Jump to a date' })
    await form.getByLabel('Jump to date').fill(day)
    await form.getByRole('button', { name: 'Go' }).click()
  }

  /** What the last jump found, in words. */
  get jumpNote(): Locator {
    return this.page.getByTestId('activity-jump-note')
  }

  /** The entry the last jump landed on. */
  get jumpedEntry(): Locator {
    return this.entries.locator('[data-jumped="true"]')
  }

  /** When the entry jumped to happened (ISO), from its `<time datetime>`. */
  async jumpedTime(): Promise<string> {
    return (await this.jumpedEntry.locator('time').getAttribute('datetime')) ?? ''
  }

  /** The page itself (not the list) scrolls when this is true. */
  async pageScrolls(): Promise<boolean> {
    return this.page.locator('.account-layout__content').evaluate((content) => content.scrollHeight > content.clientHeight + 1)
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

  get emptyState(): Locator {
    return this.page.getByRole('heading', { name: 'No linked sign-ins' })
  }

  /** The dates an identity shows (`datetime` holds the ISO date): linked, then the access token's expiry. */
  dates(identity: Locator): Locator {
    return identity.locator('time')
  }

  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  async reload(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reload' }).click()
  }

  /** Starts unlinking, then cancels in the confirmation. */
  async cancelUnlink(provider: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Unlink ${provider}`) }).click()
    await this.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  }

  async unlink(provider: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Unlink ${provider}`) }).click()
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Unlink' }).click()
  }
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

  /** The second factors the account has, one list item each. */
  get factors(): Locator {
    return this.section('Your second factors').getByRole('listitem')
  }

  /** The authenticator app's state: "Set up" or "Not set up". */
  get authenticatorState(): Locator {
    return this.section('Authenticator app').getByText(/^(Not set up|Set up)$/)
  }

  /** Text the screen shows (a result, an error in words). */
  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  get qrCode(): Locator {
    return this.page.getByRole('img', { name: /QR code/ })
  }

  get addAuthenticatorButton(): Locator {
    return this.page.getByRole('button', { name: 'Add authenticator app' })
  }

  /** "Add authenticator app": the QR code and the key appear. */
  async startAuthenticator(): Promise<void> {
    await this.addAuthenticatorButton.click()
    await expect(this.qrCode).toBeVisible()
  }

  async submitAuthenticatorCode(code: string): Promise<void> {
    await this.page.getByLabel('Code from the app').fill(code)
    await this.page.getByRole('button', { name: 'Verify and turn on the app' }).click()
  }

  async cancelAuthenticator(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click()
  }

  /** Adds the authenticator app with a code computed from the key shown on screen; returns the key. */
  async enrolAuthenticator(): Promise<string> {
    await this.startAuthenticator()
    const shown = (await this.page.getByTestId('totp-secret').textContent()) ?? ''
    expect(shown).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/)
    const secret = shown.replace(/\s/g, '')
    await this.submitAuthenticatorCode(await freshTotp(secret))
    await expect(this.authenticatorState).toHaveText('Set up')
    return secret
  }

  async removeAuthenticator(): Promise<void> {
    await this.page.getByRole('button', { name: 'Remove authenticator app' }).click()
    await this.confirmDialog('Remove')
  }

  /** The inline "Confirm it is you" step some changes ask for (appwrite-behaviour §6, mfaProtected). */
  get challenge(): Locator {
    return this.page.getByRole('region', { name: 'Confirm it is you' })
  }

  /** Answers the inline "Confirm it is you" step with the authenticator app. */
  async confirmWithAuthenticator(secret: string): Promise<void> {
    await expect(this.challenge).toBeVisible()
    const factor = this.challenge.getByLabel('Confirm with')
    if (await factor.count()) await factor.selectOption('totp')
    await this.challenge.getByLabel('Code', { exact: true }).fill(await freshTotp(secret))
    await this.challenge.getByRole('button', { name: 'Confirm' }).click()
  }

  /** Answers the inline "Confirm it is you" step with a recovery code. */
  async confirmWithRecoveryCode(code: string): Promise<void> {
    await expect(this.challenge).toBeVisible()
    await this.challenge.getByLabel('Recovery code').fill(code)
    await this.challenge.getByRole('button', { name: 'Confirm' }).click()
  }

  recoveryCodes(): Locator {
    return this.page.getByTestId('recovery-codes').getByRole('listitem')
  }

  async createRecoveryCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create recovery codes' }).click()
  }

  async saveRecoveryCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save to file…' }).click()
  }

  /** "I have saved them": the codes leave the screen for good. */
  async dismissRecoveryCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'I have saved them' }).click()
  }

  /** "Make new recovery codes", confirmed; the challenge comes next. */
  async regenerateRecoveryCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Make new recovery codes' }).click()
    await this.confirmDialog('Make new codes')
  }

  /** Opens the on/off confirmation and answers the dialog that explains what it will demand. */
  async openSwitch(to: 'on' | 'off'): Promise<Locator> {
    await this.page.getByRole('button', { name: `Turn ${to} two-step sign-in` }).click()
    const dialog = this.page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    return dialog
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

  /** The account's e-mail targets (the one from sign-up among them). */
  get emailTargets(): Locator {
    return this.page.getByRole('list', { name: 'E-mail targets' })
  }

  identifier(target: Locator): Locator {
    return target.getByTestId('target-identifier')
  }

  /** Text the screen shows (the empty state, a result, a refusal in words). */
  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  /** "Add push target" with the form as it is (empty: the form refuses before sending). */
  async submitAdd(): Promise<void> {
    await this.page.getByRole('region', { name: 'Add a push target' }).getByRole('button', { name: 'Add push target' }).click()
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
