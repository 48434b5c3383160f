/**
 * Page objects for the account screens of issue #5 (Profile, Preferences, Sessions, Developer,
 * Security overview); the navigation between them is in navigation.ts. Specs say what a person does ("change my name");
 * only this file knows how the screens are found.
 */
import { expect, type Locator, type Page } from '@playwright/test'

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

  /** The error a form shows in words. */
  alertIn(formName: string): Locator {
    return this.form(formName).getByRole('alert')
  }

  /** The account's name as the Name row shows it, and the screen's heading (the name too). */
  get name(): Locator {
    return this.page.getByTestId('account-name')
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }

  get phone(): Locator {
    return this.page.getByTestId('account-phone')
  }

  /** "Appwrite <version>" as the profile shows the server it talks to. */
  get serverVersion(): Locator {
    return this.page.getByTestId('server-version')
  }

  /** When the account was made, written in the account's date format (`datetime` holds the ISO date). */
  get registered(): Locator {
    return this.page.getByTestId('account-registered')
  }

  /** "Verified" / "Not verified" beside the e-mail and the phone. */
  get emailVerification(): Locator {
    return this.page.getByTestId('email-verification')
  }

  get emailVerificationPending(): Locator {
    return this.page.getByTestId('email-verification-pending')
  }

  get phoneVerification(): Locator {
    return this.page.getByTestId('phone-verification')
  }

  /** The initials in the Profile screen's avatar and in the account menu (both hidden from screen readers). */
  get initials(): Locator {
    return this.page.getByTestId('profile-initials')
  }

  get menuInitials(): Locator {
    return this.page.getByTestId('account-menu-initials')
  }

  /** The Name field of the open "Change name" editor (its description carries the hint and any error). */
  get nameField(): Locator {
    return this.form('Change name').getByLabel('Name', { exact: true })
  }

  /** The button that starts blocking the account (absent for a guest). */
  get blockButton(): Locator {
    return this.page.getByRole('button', { name: 'Block my account…' })
  }

  /** The note a guest (anonymous) account carries. */
  get guestNote(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'This is a guest account' })
  }

  async sendEmailVerification(): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify e-mail' }).click()
  }

  /** "Verify phone": a code is texted and its form opens. */
  async startPhoneVerification(): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify phone' }).click()
    await expect(this.form('Verify phone')).toBeVisible()
  }

  /** The open "Change e-mail" form, sent again with another password. */
  async retryEmailChange(password: string): Promise<void> {
    const form = this.form('Change e-mail')
    await form.getByLabel('Your password').fill(password)
    await form.getByRole('button', { name: 'Save e-mail' }).click()
  }

  /** Opens "Change password" without filling it (the password rule shows as one types). */
  async openPasswordChange(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Change password' }).click()
    return this.form('Change password')
  }

  async typeNewPassword(password: string): Promise<void> {
    await this.form('Change password').getByLabel('New password', { exact: true }).fill(password)
  }

  get passwordRule(): Locator {
    return this.form('Change password').getByTestId('password-rule')
  }

  /** Sends the open "Change password" form with `current` as the current password. */
  async submitPasswordChange(current: string): Promise<void> {
    const form = this.form('Change password')
    await form.getByLabel('Current password', { exact: true }).fill(current)
    await form.getByRole('button', { name: 'Change password' }).click()
  }

  /** A guest account's "Keep my account": an e-mail and a password make it permanent. */
  async keepGuestAccount(email: string, password: string): Promise<void> {
    await this.guestNote.getByRole('button', { name: 'Keep my account' }).click()
    const form = this.form('Add e-mail')
    await form.getByLabel('E-mail', { exact: true }).fill(email)
    await form.getByLabel('Choose a password').fill(password)
    await form.getByRole('button', { name: 'Keep my account' }).click()
  }

  async changeName(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Change name' }).click()
    const form = this.form('Change name')
    await form.getByLabel('Name', { exact: true }).fill(name)
    await this.saveName()
  }

  /** Presses "Save name" in the open name form (again, after a failed save keeps the typed name). */
  async saveName(): Promise<void> {
    await this.form('Change name').getByRole('button', { name: 'Save name' }).click()
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
    await this.openPasswordChange()
    await this.typeNewPassword(next)
    await this.submitPasswordChange(current)
  }

  /**
   * On a server that verifies by code: "Verify e-mail", the phrase choice, "E-mail me a code";
   * the code form is open afterwards.
   */
  async requestEmailCode(options: { readonly phrase?: boolean } = {}): Promise<void> {
    const ask = this.emailCodeRequestForm
    if (!(await ask.isVisible())) await this.sendEmailVerification()
    await expect(ask).toBeVisible()
    if (options.phrase === true) await ask.getByLabel('Add a security phrase').check()
    await ask.getByRole('button', { name: 'E-mail me a code' }).click()
    await expect(this.emailCodeForm).toBeVisible()
  }

  /** "Verify e-mail" on a server that verifies by code opens this first: the phrase choice. */
  get emailCodeRequestForm(): Locator {
    return this.form('Send a verification code')
  }

  get emailCodeForm(): Locator {
    return this.form('Verify e-mail')
  }

  /** The security phrase box of the code form (only when one was asked for). */
  get emailCodePhraseBox(): Locator {
    return this.emailCodeForm.getByTestId('security-phrase')
  }

  /** The security phrase the code form shows, to compare with the mail. */
  async emailCodePhrase(): Promise<string> {
    return ((await this.emailCodePhraseBox.locator('.security-phrase__value').textContent()) ?? '').trim()
  }

  /** Types the mailed code; the form sends itself at the sixth digit. */
  async verifyEmailWith(code: string): Promise<void> {
    await this.emailCodeForm.getByLabel('Code from the e-mail').fill(code)
  }

  get emailCodeField(): Locator {
    return this.emailCodeForm.getByLabel('Code from the e-mail')
  }

  async sendNewEmailCode(): Promise<void> {
    await this.emailCodeForm.getByRole('button', { name: 'Send a new code' }).click()
  }

  async verifyPhoneWith(code: string): Promise<void> {
    const form = this.form('Verify phone')
    await form.getByLabel('Code from the text message').fill(code)
  }

  async block(): Promise<void> {
    await this.blockButton.click()
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

  async setType(key: string, type: string): Promise<void> {
    await this.page.getByLabel(`Type of ${key}`).selectOption(type)
  }

  get json(): Locator {
    return this.page.getByLabel('Preferences as JSON')
  }

  get size(): Locator {
    return this.page.getByTestId('prefs-size')
  }

  /** "Unsaved: 2 added." / "No unsaved changes." */
  get changes(): Locator {
    return this.page.getByTestId('prefs-changes')
  }

  /** Text the screen shows (the empty state, a refusal in words). */
  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save preferences' })
  }

  async save(): Promise<void> {
    await this.saveButton.click()
  }

  /** The dialog that lists keys a save would remove. */
  get removalDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Remove preferences?' })
  }

  async confirmRemoval(): Promise<void> {
    await this.removalDialog.getByRole('button', { name: 'Save and remove' }).click()
    await expect(this.removalDialog).toBeHidden()
  }

  /** "Changed elsewhere — reload?" over a draft (a live event came while editing). */
  get changedElsewhere(): Locator {
    return this.page.getByTestId('changed-elsewhere')
  }

  /** Drops the draft for what the server now holds. */
  async reloadChangedElsewhere(): Promise<void> {
    await this.changedElsewhere.getByRole('button', { name: 'Reload' }).click()
  }

  /** The console's own preferences (kept in the account's prefs too). */
  async setTheme(theme: 'light' | 'dark' | 'system'): Promise<void> {
    await this.page.getByLabel('Theme', { exact: true }).selectOption(theme)
  }

  async setDateFormat(locale: string, timeZone: string): Promise<void> {
    await this.page.getByLabel('Language for dates').fill(locale)
    await this.page.getByLabel('Time zone').fill(timeZone)
  }
}

/** A sign-out dialog left open, and the error it shows. */
export interface SignOutDialog {
  readonly dialog: Locator
  readonly alert: Locator
}

export class SessionsScreen {
  constructor(readonly page: Page) {}

  get sessions(): Locator {
    return this.page.getByTestId('session')
  }

  get current(): Locator {
    return this.sessions.filter({ hasText: 'This device' })
  }

  /** Sessions gathered by app and device, in screen order (this device's group first). */
  get groups(): Locator {
    return this.page.getByTestId('session-group')
  }

  groupTitle(group: Locator): Locator {
    return group.getByTestId('session-group-title')
  }

  sessionsIn(group: Locator): Locator {
    return group.getByTestId('session')
  }

  /** "4 sessions" beside a group's title. */
  groupCount(group: Locator): Locator {
    return group.getByTestId('session-group-count')
  }

  /** "2 hours ago"; `datetime` holds the ISO date, the tooltip the full date. */
  lastSeen(session: Locator): Locator {
    return session.getByTestId('session-last-seen')
  }

  /** When `session` ends (`datetime` holds the ISO date). */
  expiry(session: Locator): Locator {
    return session.getByTestId('session-expire')
  }

  async signOut(session: Locator, dialogName: string | RegExp): Promise<void> {
    await session.getByRole('button', { name: /^Sign out / }).click()
    await this.confirm(dialogName, 'Sign out')
  }

  /** Starts signing `session` out and presses "Sign out" in the dialog, which stays open if it fails. */
  async trySignOut(session: Locator, dialogName: string | RegExp): Promise<SignOutDialog> {
    await session.getByRole('button', { name: /^Sign out / }).click()
    const dialog = this.page.getByRole('dialog', { name: dialogName })
    await dialog.getByRole('button', { name: 'Sign out', exact: true }).click()
    return { dialog, alert: dialog.getByRole('alert') }
  }

  get signOutOthersButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign out all other sessions' })
  }

  async extendCurrent(): Promise<void> {
    await this.current.getByRole('button', { name: 'Extend this session' }).click()
  }

  /** "Sign out everywhere…", confirmed. */
  async signOutEverywhere(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out everywhere…' }).click()
    await this.page.getByRole('dialog', { name: 'Sign out everywhere?' }).getByRole('button', { name: 'Sign out everywhere' }).click()
  }

  async confirm(dialogName: string | RegExp, button: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: dialogName })
    await dialog.getByRole('button', { name: button, exact: true }).click()
    await expect(dialog).toBeHidden()
  }
}

/** The security overview: facts, findings with a one-click fix, recent sign-ins. */
export class SecurityOverviewScreen {
  constructor(readonly page: Page) {}

  fact(name: 'sessions' | 'devices' | 'mfa'): Locator {
    return this.page.getByTestId(`fact-${name}`)
  }

  get findings(): Locator {
    return this.page.getByTestId('finding')
  }

  /** One finding by its id (`email-unverified`, `mfa-off`, `email-verified`, …). */
  finding(id: string): Locator {
    return this.page.locator(`[data-finding="${id}"]`)
  }

  get recentSignIns(): Locator {
    return this.page.getByTestId('recent-sign-in')
  }

  get recentSignInsSection(): Locator {
    return this.page.getByRole('heading', { name: 'Recent sign-ins' })
  }

  /** The finding's one-click action, which goes where it is fixed. */
  async fix(id: string, action: string): Promise<void> {
    await this.finding(id).getByRole('button', { name: action }).click()
  }

  /** The profile's recent sign-in alerts, newest first (`data-kind` says which). */
  get alertHistory(): Locator {
    return this.page.getByTestId('alert-history-entry')
  }

  get muteAlerts(): Locator {
    return this.page.getByLabel('Mute alerts for this profile')
  }
}

/** Sign-in alerts across the top of the window (issue 15 item 4), newest first. */
export class SignInAlerts {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Sign-in alerts' })
  }

  get alerts(): Locator {
    return this.page.getByTestId('sign-in-alert')
  }

  /** Alerts of one kind: `sign-in`, `password`, `email`, `mfa-off`, `blocked`. */
  ofKind(kind: string): Locator {
    return this.alerts.and(this.page.locator(`[data-kind="${kind}"]`))
  }

  async thisWasMe(alert: Locator): Promise<void> {
    await alert.getByRole('button', { name: 'This was me' }).click()
  }

  async signItOut(alert: Locator): Promise<void> {
    await alert.getByRole('button', { name: 'Sign it out' }).click()
  }

  async dismiss(alert: Locator): Promise<void> {
    await alert.getByRole('button', { name: 'Dismiss' }).click()
  }
}

/** The developer panel: endpoint, project and user ids with copy buttons, and a JWT made in main. */
export class DeveloperScreen {
  constructor(readonly page: Page) {}

  get endpoint(): Locator {
    return this.page.getByTestId('developer-endpoint')
  }

  get project(): Locator {
    return this.page.getByTestId('developer-project')
  }

  get user(): Locator {
    return this.page.getByTestId('developer-user')
  }

  copyButton(what: 'endpoint' | 'project ID' | 'user ID'): Locator {
    return this.page.getByRole('button', { name: `Copy ${what}` })
  }

  /** Chooses how long the JWT lives (seconds) and creates it; main copies it to the clipboard. */
  async createJwt(seconds: number): Promise<void> {
    await this.page.getByLabel('Valid for').selectOption(String(seconds))
    await this.page.getByRole('button', { name: 'Create JWT and copy it' }).click()
  }

  get jwtResult(): Locator {
    return this.page.getByTestId('jwt-result')
  }

  get jwtExpiry(): Locator {
    return this.page.getByTestId('jwt-expiry')
  }
}

/** A signed-in screen whose data could not be loaded: the reason in words and "Try again". */
export class LoadFailure {
  constructor(readonly page: Page) {}

  /** "This could not be loaded", or the screen's own words ("Your sessions could not be loaded"). */
  get title(): Locator {
    return this.page.getByRole('heading', { name: /could not be loaded$/ })
  }

  get reason(): Locator {
    return this.page.locator('.account-screen').getByRole('alert')
  }

  async tryAgain(): Promise<void> {
    await this.page.locator('.account-screen').getByRole('button', { name: 'Try again' }).click()
  }
}
