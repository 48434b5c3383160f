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

  /** The title of the screen showing (its level-1 heading); with `name`, that title only. */
  title(name?: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, ...(name === undefined ? {} : { name }) })
  }

  /** Text the app shows, wherever it is (a result, a refusal in words, a note). */
  says(text: string | RegExp): Locator {
    return this.page.getByText(text)
  }

  /** Whatever on screen is still loading or working (marked `aria-busy`). */
  get busy(): Locator {
    return this.page.locator('[aria-busy="true"]')
  }

  /** The document's theme: `data-theme` is set when the account chose light or dark, absent for "system". */
  get document(): Locator {
    return this.page.locator('html')
  }

  get notifications(): Locator {
    return this.page.getByRole('region', { name: 'Notifications' })
  }

  /** A toast from main's notices (or the app's own), as a person sees it. */
  toast(text: string | RegExp): Locator {
    return this.notifications.getByText(text)
  }

  /** A button a toast offers ("Start sign-in again"). */
  async clickToastButton(name: string): Promise<void> {
    await this.notifications.getByRole('button', { name }).click()
  }
}

export class SignInScreen {
  constructor(readonly page: Page) {}

  get emailField(): Locator {
    return this.page.getByLabel('E-mail', { exact: true })
  }

  get passwordField(): Locator {
    return this.page.getByLabel('Password', { exact: true })
  }

  get signInButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign in', exact: true })
  }

  async expectVisible(): Promise<void> {
    await expect(this.signInButton).toBeVisible()
  }

  /** Why the window is back here without the person signing out (issue 15 item 5). */
  get sessionEnded(): Locator {
    return this.page.getByTestId('session-ended')
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.expectVisible()
    await this.emailField.fill(email)
    await this.passwordField.fill(password)
    await this.signInButton.click()
  }

  async goToSignUp(): Promise<SignUpScreen> {
    await this.page
      .getByRole('link', { name: 'Create an account' })
      .or(this.page.getByRole('button', { name: 'Create an account' }))
      .click()
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

  get userIdField(): Locator {
    return this.page.getByTestId('account-id')
  }

  /** The account's id as the profile shows it. */
  async userId(): Promise<string> {
    const id = (await this.userIdField.textContent())?.trim()
    if (!id) throw new Error('no user id on the profile screen')
    return id
  }

  /** Shown while the account's server does not answer: a badge, and a note saying so. */
  get offlineBadge(): Locator {
    return this.page.locator('.status-badge').filter({ hasText: 'Offline' })
  }

  get offlineNote(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'You are offline' })
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click()
  }
}

// ---- sign-in methods (issue #4) ----------------------------------------------------------------

/** The "Keep me signed in" choice and the other ways in, on the sign-in screen. */
export class SignInMethods {
  constructor(readonly page: Page) {}

  get keepSignedIn(): Locator {
    return this.page.getByRole('checkbox', { name: 'Keep me signed in' })
  }

  /** Shown instead of the choice when there is no keychain. */
  get memoryOnlyNote(): Locator {
    return this.page.getByTestId('memory-only')
  }

  async emailCode(): Promise<StartFlowScreen> {
    return this.#start('E-mail me a code', 'Sign in with a code')
  }

  async magicLink(): Promise<StartFlowScreen> {
    return this.#start('E-mail me a sign-in link', 'Sign in with a link')
  }

  async phoneCode(): Promise<StartFlowScreen> {
    return this.#start('Text me a code', 'Sign in with a text message')
  }

  async forgotPassword(): Promise<StartFlowScreen> {
    return this.#start('Forgot password?', 'Reset your password')
  }

  async #start(link: string, title: string): Promise<StartFlowScreen> {
    await this.page.getByRole('link', { name: link }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    return new StartFlowScreen(this.page)
  }

  get guest(): Locator {
    return this.page.getByRole('button', { name: 'Continue as guest' })
  }

  /** One of the links to another method ("E-mail me a code"…). */
  method(name: string): Locator {
    return this.page.getByRole('link', { name })
  }

  async continueAsGuest(): Promise<void> {
    await this.guest.click()
  }

  provider(providerName: string): Locator {
    return this.page.getByRole('button', { name: `Continue with ${providerName}` })
  }

  async continueWith(providerName: string): Promise<void> {
    await this.provider(providerName).click()
  }
}

/** The first step of a code, link or reset: where to send it. */
export class StartFlowScreen {
  constructor(readonly page: Page) {}

  /** Where to send it: the e-mail or phone field. */
  get destination(): Locator {
    return this.page.getByLabel('E-mail').or(this.page.getByLabel('Phone number'))
  }

  /** The button that sends it, by its words ("E-mail me a code"). */
  sendButton(name: string): Locator {
    return this.page.getByRole('button', { name })
  }

  async sendTo(destination: string, options: { phrase?: boolean } = {}): Promise<void> {
    await this.destination.fill(destination)
    if (options.phrase) await this.page.getByRole('checkbox', { name: 'Add a security phrase' }).check()
    await this.page.getByRole('button', { name: /^(E-mail me a code|E-mail me a link|Text me a code|E-mail me a reset link)$/ }).click()
  }
}

/** Recovery by code: the mailed code and the new password on one screen. */
export class RecoveryCodeScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
    await expect(this.codeField).toBeVisible()
  }

  get codeField(): Locator {
    return this.page.getByLabel('6-digit code')
  }

  get passwordField(): Locator {
    return this.page.getByLabel('New password', { exact: true })
  }

  get rule(): Locator {
    return this.page.getByTestId('password-rule')
  }

  /** The phrase shown beside the code field ("Brave zebra"). */
  async phrase(): Promise<string> {
    return (await this.page.getByTestId('security-phrase').locator('p').nth(1).textContent())?.trim() ?? ''
  }

  async reset(code: string, password: string): Promise<void> {
    await this.codeField.fill(code)
    await this.passwordField.fill(password)
    await this.page.getByRole('button', { name: 'Set new password' }).click()
  }
}

/** "Check your e-mail / text messages" with the 6-digit code field. */
export class CodeScreen {
  constructor(readonly page: Page) {}

  get codeField(): Locator {
    return this.page.getByLabel('6-digit code')
  }

  get securityPhrase(): Locator {
    return this.page.getByTestId('security-phrase')
  }

  /** The phrase itself ("Brave zebra"), as shown beside the code field. */
  async phrase(): Promise<string> {
    return (await this.securityPhrase.locator('p').nth(1).textContent())?.trim() ?? ''
  }

  async enterCode(code: string): Promise<void> {
    // Typed as a paste would arrive: the screen sends it once the sixth digit is in.
    await this.codeField.fill(code)
  }
}

/** "Check your e-mail" for a link, which moves on by itself. */
export class CheckEmailScreen {
  constructor(readonly page: Page) {}

  get securityPhrase(): Locator {
    return this.page.getByTestId('security-phrase')
  }

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible()
    await expect(this.page.getByRole('status').filter({ hasText: /Waiting for/ })).toBeVisible()
  }
}

/** OAuth: "Continue in your browser", with the address and the paste-the-link fallback. */
export class BrowserWaitScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    // The app shows this once its call returns, after the harness's "system browser" has opened
    // a tab (a new browser page, slow on a busy machine) and the server has said it would start
    // the sign-in: wait for the screen, not for a speed.
    await expect(this.heading).toBeVisible({ timeout: 60_000 })
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Continue in your browser' })
  }

  get address(): Locator {
    return this.page.getByTestId('oauth-url')
  }

  /** The sentence that says which sign-in page was opened ("We opened the GitHub sign-in page…"). */
  get opened(): Locator {
    return this.page.getByText(/^We opened /)
  }

  /** Has main copy the full sign-in address, and waits for the screen to say so. */
  async copyAddress(): Promise<void> {
    await this.page.getByRole('button', { name: 'Copy sign-in address' }).click()
    await expect(this.page.getByText('Copied', { exact: true })).toBeVisible()
  }

  async pasteLink(url: string): Promise<void> {
    await this.page.getByText('The browser could not send you back?').click()
    await this.page.getByLabel('Paste the link').fill(url)
    await this.page.getByRole('button', { name: 'Continue with this link' }).click()
  }

  async cancel(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel', exact: true }).click()
  }
}

export class NewPasswordScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible()
  }

  get rule(): Locator {
    return this.page.getByTestId('password-rule')
  }

  get passwordField(): Locator {
    return this.page.getByLabel('New password', { exact: true })
  }

  async setPassword(password: string): Promise<void> {
    await this.passwordField.fill(password)
    await this.page.getByRole('button', { name: 'Set new password' }).click()
  }
}

/** The end of a flow: done, expired, failed or cancelled. */
export class FlowOutcomeScreen {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }

  get message(): Locator {
    return this.page.getByTestId('flow-message')
  }

  get backToSignIn(): Locator {
    return this.page.getByRole('link', { name: 'Back to sign in' })
  }

  /** "Start again": back to the first step of the same flow. */
  async startAgain(): Promise<void> {
    await this.page.getByRole('link', { name: 'Start again' }).click()
  }

  async backToAccount(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to your account' }).click()
  }
}

/** The second step of signing in (MFA). */
export class MfaChallengeScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible()
  }

  /** The factors offered, one radio each; `factor(name)` is one of them. */
  get factors(): Locator {
    return this.page.getByRole('radio')
  }

  factor(name: 'Authenticator app' | 'Text message' | 'E-mail' | 'Recovery code'): Locator {
    return this.page.getByRole('radio', { name })
  }

  async choose(factor: 'Authenticator app' | 'Text message' | 'E-mail' | 'Recovery code'): Promise<void> {
    await this.factor(factor).check()
    await this.page.getByRole('button', { name: 'Continue', exact: true }).click()
  }

  async enterAuthenticatorCode(code: string): Promise<void> {
    await this.page.getByLabel('Code from your authenticator app').fill(code)
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.page.getByLabel('Recovery code').fill(code)
    await this.page.getByRole('button', { name: 'Confirm', exact: true }).click()
  }
}

/** The profile manager, reached from the top bar. */
export class ProfilesScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Manage profiles…' }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeVisible()
  }

  card(label: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 2, name: label, exact: true }) })
  }

  /** The profile form's heading ("Add a profile", "Edit <label>"). */
  formHeading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name })
  }

  redirectChoice(redirect: 'App link' | 'Appwrite callback' | 'Local address'): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${redirect}`) })
  }

  async openAdd(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add profile' }).click()
    await expect(this.formHeading('Add a profile')).toBeVisible()
  }

  async openEdit(label: string): Promise<void> {
    await this.page.getByRole('link', { name: `Edit ${label}` }).click()
    await expect(this.formHeading(`Edit ${label}`)).toBeVisible()
  }

  /** Leaves the profile form without saving. */
  async cancelForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Cancel' }).click()
  }

  /** "Back": to where the manager was opened from (the one word for leaving a screen). */
  async back(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back', exact: true }).click()
  }

  removeButton(label: string | RegExp): Locator {
    return this.page.getByRole('button', { name: typeof label === 'string' ? `Remove ${label}` : label })
  }

  removeDialog(label: string): Locator {
    return this.page.getByRole('dialog', { name: `Remove ${label}?` })
  }

  /** "Remove <label>": the dialog asks first; returns it unanswered. */
  async askToRemove(label: string): Promise<Locator> {
    await this.removeButton(label).click()
    await expect(this.removeDialog(label)).toBeVisible()
    return this.removeDialog(label)
  }

  async add(profile: {
    label: string
    endpoint: string
    projectId: string
    redirect?: 'App link' | 'Appwrite callback' | 'Local address'
    providers?: string
  }): Promise<void> {
    await this.page.getByRole('link', { name: 'Add profile' }).click()
    await this.page.getByLabel('Name', { exact: true }).fill(profile.label)
    await this.page.getByLabel('Endpoint', { exact: true }).fill(profile.endpoint)
    await this.page.getByLabel('Project ID', { exact: true }).fill(profile.projectId)
    if (profile.redirect) await this.page.getByRole('radio', { name: new RegExp(`^${profile.redirect}`) }).check()
    if (profile.providers !== undefined) await this.page.getByLabel('Sign-in providers', { exact: true }).fill(profile.providers)
    await this.page.getByRole('button', { name: 'Add profile' }).click()
    await expect(this.card(profile.label)).toBeVisible()
  }

  async edit(label: string, change: { providers?: string; redirect?: 'App link' | 'Appwrite callback' | 'Local address' }): Promise<void> {
    await this.page.getByRole('link', { name: `Edit ${label}` }).click()
    if (change.redirect) await this.page.getByRole('radio', { name: new RegExp(`^${change.redirect}`) }).check()
    if (change.providers !== undefined) await this.page.getByLabel('Sign-in providers', { exact: true }).fill(change.providers)
    await this.page.getByRole('button', { name: 'Save profile' }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeVisible()
  }

  async switchTo(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Switch to ${label}` }).click()
  }

  /** Answers the open "Remove <label>?" dialog with "Remove profile". */
  async confirmRemove(label: string): Promise<void> {
    await this.removeDialog(label).getByRole('button', { name: 'Remove profile' }).click()
    await expect(this.card(label)).toHaveCount(0)
  }

  async remove(label: string): Promise<void> {
    await this.askToRemove(label)
    await this.confirmRemove(label)
  }
}

/** The Dev Mailbox: the sandbox's outbox, read on screen. */
export class DevMailboxScreen {
  constructor(readonly page: Page) {}

  /** From the top bar (the "check your e-mail" screens link to it too). */
  async open(): Promise<void> {
    await this.page.getByRole('banner').getByRole('link', { name: 'Dev Mailbox' }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'Dev Mailbox' })).toBeVisible()
  }

  /** The newest message to `to` (and with `subject`, when given); refreshes until it is there. */
  async messageTo(to: string, subject?: string | RegExp): Promise<Locator> {
    const messages = this.page.getByRole('list', { name: 'Messages' }).getByRole('listitem')
    let match = messages.filter({ hasText: to })
    if (subject !== undefined) match = match.filter({ has: this.page.getByRole('heading', { level: 2, name: subject }) })
    await expect(async () => {
      if ((await match.count()) === 0) {
        await this.page.getByRole('button', { name: 'Refresh' }).click()
        await expect(this.page.getByRole('button', { name: 'Refresh' })).not.toHaveAttribute('aria-busy', 'true')
      }
      expect(await match.count()).toBeGreaterThan(0)
    }).toPass({ timeout: 15_000 })
    return match.first()
  }

  /** A message's text as the mailbox shows it (links are placeholders: they carry secrets). */
  body(message: Locator): Locator {
    return message.locator('pre')
  }

  /** The 6-digit code in a message, as a person reads it off the screen. */
  async codeIn(message: Locator): Promise<string> {
    const body = (await this.body(message).textContent()) ?? ''
    const code = /\b\d{6}\b/.exec(body)?.[0]
    if (!code) throw new Error(`no code in "${body}"`)
    return code
  }

  async openLink(message: Locator, index = 1): Promise<void> {
    await message.getByRole('button', { name: `Open link ${index}` }).click()
  }
}

/** The account menu in the top bar: sign out here, or everywhere. */
export class AccountMenu {
  constructor(readonly page: Page) {}

  get trigger(): Locator {
    return this.page.getByRole('button', { name: /^Account: / })
  }

  async signOutHere(): Promise<void> {
    await this.trigger.click()
    await this.page.getByRole('menuitem', { name: 'Sign out of this device' }).click()
  }

  get menu(): Locator {
    return this.page.getByRole('menu')
  }

  async open(): Promise<void> {
    await this.trigger.click()
    await expect(this.menu).toBeVisible()
  }

  get signOutEverywhereDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Sign out everywhere?' })
  }

  /** From the open menu, "Sign out everywhere…": the dialog that explains it, unanswered. */
  async askToSignOutEverywhere(): Promise<Locator> {
    await this.page.getByRole('menuitem', { name: 'Sign out everywhere…' }).click()
    await expect(this.signOutEverywhereDialog).toBeVisible()
    return this.signOutEverywhereDialog
  }

  async confirmSignOutEverywhere(): Promise<void> {
    await this.signOutEverywhereDialog.getByRole('button', { name: 'Sign out everywhere' }).click()
  }

  async signOutEverywhere(): Promise<void> {
    await this.open()
    await this.askToSignOutEverywhere()
    await this.confirmSignOutEverywhere()
  }
}

export class OfflineScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible()
  }

  async retry(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try again' }).click()
  }
}

/**
 * The tab the app opened in the system browser: the test OpenID provider's sign-in and consent
 * pages, then whatever answers the redirect (the app's loopback page, or "returned to the app").
 */
export class SystemBrowserTab {
  constructor(readonly tab: Page) {}

  /** Signs in at the provider as `accountId`, then allows (or denies) the app. */
  async signInAtProvider(accountId: string, answer: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
    await this.tab.locator('input[name="login"]').fill(accountId)
    await this.tab.getByRole('button', { name: 'Sign in' }).click()
    await this.tab.getByRole('button', { name: answer }).click()
  }

  /** The page the app's loopback listener answers with. */
  get loopbackAnswer(): Locator {
    return this.tab.getByRole('heading', { name: 'Back to Account Console' })
  }

  get text(): Locator {
    return this.tab.locator('body')
  }
}
