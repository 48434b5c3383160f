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

  /** Whatever on screen is still loading or working (marked `aria-busy`). */
  get busy(): Locator {
    return this.page.locator('[aria-busy="true"]')
  }

  /** The document's theme: `data-theme` is set when the account chose light or dark, absent for "system". */
  get document(): Locator {
    return this.page.locator('html')
  }

  /** A toast from main's notices (or the app's own), as a person sees it. */
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'Notifications' }).getByText(text)
  }
}

export class SignInScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.expectVisible()
    await this.page.getByLabel('E-mail', { exact: true }).fill(email)
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

  get userIdField(): Locator {
    return this.page.getByTestId('account-id')
  }

  /** The account's id as the profile shows it. */
  async userId(): Promise<string> {
    const id = (await this.userIdField.textContent())?.trim()
    if (!id) throw new Error('no user id on the profile screen')
    return id
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

  async continueAsGuest(): Promise<void> {
    await this.page.getByRole('button', { name: 'Continue as guest' }).click()
  }

  async continueWith(providerName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Continue with ${providerName}` }).click()
  }
}

/** The first step of a code, link or reset: where to send it. */
export class StartFlowScreen {
  constructor(readonly page: Page) {}

  async sendTo(destination: string, options: { phrase?: boolean } = {}): Promise<void> {
    const field = this.page.getByLabel('E-mail').or(this.page.getByLabel('Phone number'))
    await field.fill(destination)
    if (options.phrase) await this.page.getByRole('checkbox', { name: 'Add a security phrase' }).check()
    await this.page.getByRole('button', { name: /^(E-mail me a code|E-mail me a link|Text me a code|E-mail me a reset link)$/ }).click()
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

  async enterCode(code: string): Promise<void> {
    // Typed as a paste would arrive: the screen sends it once the sixth digit is in.
    await this.codeField.fill(code)
  }
}

/** "Check your e-mail" for a link, which moves on by itself. */
export class CheckEmailScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible()
    await expect(this.page.getByRole('status').filter({ hasText: /Waiting for/ })).toBeVisible()
  }
}

/** OAuth: "Continue in your browser", with the address and the paste-the-link fallback. */
export class BrowserWaitScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Continue in your browser' })).toBeVisible()
  }

  get address(): Locator {
    return this.page.getByTestId('oauth-url')
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

  async setPassword(password: string): Promise<void> {
    await this.page.getByLabel('New password', { exact: true }).fill(password)
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
}

/** The second step of signing in (MFA). */
export class MfaChallengeScreen {
  constructor(readonly page: Page) {}

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible()
  }

  async choose(factor: 'Authenticator app' | 'Text message' | 'E-mail' | 'Recovery code'): Promise<void> {
    await this.page.getByRole('radio', { name: factor }).check()
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

  async add(profile: { label: string; endpoint: string; projectId: string; redirect?: 'App link' | 'Appwrite callback' | 'Local address'; providers?: string }): Promise<void> {
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

  async remove(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${label}` }).click()
    await this.page.getByRole('dialog').getByRole('button', { name: 'Remove profile' }).click()
    await expect(this.card(label)).toHaveCount(0)
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

  /** The 6-digit code in a message, as a person reads it off the screen. */
  async codeIn(message: Locator): Promise<string> {
    const body = (await message.locator('pre').textContent()) ?? ''
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

  async signOutEverywhere(): Promise<void> {
    await this.trigger.click()
    await this.page.getByRole('menuitem', { name: 'Sign out everywhere…' }).click()
    await this.page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click()
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
