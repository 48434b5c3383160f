/** Route names in one place, so screens can link without importing the router (no import cycle). */
export const ROUTE_NAMES = {
  signIn: 'sign-in',
  signUp: 'sign-up',
  profile: 'profile',
  /** Sign in with a 6-digit code sent by e-mail (e-mail OTP). */
  signInEmailCode: 'sign-in-email-code',
  /** Sign in with a 6-digit code sent by text message (phone OTP). */
  signInPhoneCode: 'sign-in-phone-code',
  /** Sign in with a link sent by e-mail (magic URL). */
  signInMagicLink: 'sign-in-magic-link',
  forgotPassword: 'forgot-password',
  /** A flow that left the app (mail, SMS, browser) and is waiting to come back: `params.flowId`. */
  flow: 'flow',
  /** The second step of signing in when Appwrite asks for more factors. */
  mfaChallenge: 'mfa-challenge',
  /** A stored session whose server cannot be reached, with no account to show yet. */
  offline: 'offline',
  profiles: 'profiles',
  profileNew: 'profile-new',
  profileEdit: 'profile-edit',
  devMailbox: 'dev-mailbox',
  /** The Local sandbox's project settings: sign-in methods, password and session rules, OAuth providers. */
  sandboxSettings: 'sandbox-settings',
  /** The account's log, charts and CSV export. */
  activity: 'activity',
  /** Third-party apps with access to the account (OAuth2 consents, Appwrite 2.x). */
  connectedApps: 'connected-apps',
  /** Linked OAuth sign-ins. */
  identities: 'identities',
  /** Two-step sign-in: factors, authenticator app, recovery codes, on/off. */
  mfa: 'mfa',
  /** Messaging targets (push, e-mail, SMS). */
  pushTargets: 'push-targets',
  /** The account's preferences (key-value and JSON), incl. the console's theme, locale, time zone. */
  preferences: 'preferences',
  /** Every session of the account, on every device. */
  sessions: 'sessions',
  /** The Security overview: findings with one-click fixes. */
  security: 'security',
  /** Endpoint, project and user ids, and a JWT copied from main. */
  developer: 'developer',
} as const
