/**
 * The account navigation: the one way specs move between the signed-in screens, as a person
 * does — a click on the entry, then the screen's heading and the entry marked as current.
 */
import { expect, type Locator, type Page } from '@playwright/test'

/** Each entry's name in the navigation, and the heading of the screen it opens (null: the Profile, which shows the account's name). */
const SCREENS = {
  Profile: null,
  Preferences: 'Preferences',
  Overview: 'Security overview',
  'Two-step sign-in': 'Two-step sign-in',
  Sessions: 'Sessions',
  'Linked sign-ins': 'Linked sign-ins',
  Activity: 'Activity',
  'Connected apps': 'Connected apps',
  'Push targets': 'Push targets',
  Developer: 'Developer',
} as const satisfies Record<string, string | null>

export type AccountScreenName = keyof typeof SCREENS
export const ACCOUNT_SCREENS = Object.keys(SCREENS) as AccountScreenName[]

export class AccountNavigation {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Account' })
  }

  link(name: AccountScreenName): Locator {
    return this.nav.getByRole('link', { name, exact: true })
  }

  /** The heading of the screen `name` opens (the Profile's is the account's name). */
  heading(name: Exclude<AccountScreenName, 'Profile'>): Locator {
    return this.page.getByRole('heading', { level: 1, name: SCREENS[name], exact: true })
  }

  async open(name: AccountScreenName): Promise<void> {
    await this.link(name).click()
    if (name === 'Profile') await expect(this.page.getByTestId('account-id')).toBeVisible()
    else await expect(this.heading(name)).toBeVisible()
    await expect(this.link(name)).toHaveAttribute('aria-current', 'page')
  }
}
