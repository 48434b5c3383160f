/**
 * Appwrite's activity-log event codes in words a person reads (appwrite-behaviour §9). Appwrite's
 * codes are coarse: `user.update` stands for any change to the account (name, e-mail, phone,
 * password, preferences, blocking, two-step settings) and `session.create` for a sign-in and also
 * for a sign-in link or code being sent. A log entry carries nothing more specific, so the name
 * says what the code can mean and no more; `covers` lists what falls under it, for the tooltip.
 * The raw code stays one hover or copy away.
 */
export interface EventName {
  /** "Account changed" */
  readonly name: string
  /** What Appwrite records under this code. */
  readonly covers: string
}

const EVENT_NAMES: Readonly<Record<string, EventName>> = {
  'user.create': { name: 'Account created', covers: 'The account was created (sign-up, or a first sign-in by link, code or provider).' },
  'user.update': {
    name: 'Account changed',
    covers: 'A change to the name, e-mail, phone, password, preferences or two-step sign-in, or the account was blocked.',
  },
  'user.delete': { name: 'Account deleted', covers: 'The account was deleted.' },
  'session.create': {
    name: 'Signed in or code sent',
    covers: 'A new session (password, link, code, guest or provider), or a sign-in link or code sent by e-mail or text message.',
  },
  'session.update': { name: 'Session extended', covers: 'A session was extended (or its provider tokens refreshed).' },
  'session.delete': { name: 'Signed out', covers: 'One session, or every session, was signed out.' },
  'recovery.create': { name: 'Password reset requested', covers: 'A password-reset link or code was sent.' },
  'recovery.update': { name: 'Password reset', covers: 'A new password was set with a reset link or code.' },
  'verification.create': { name: 'Verification sent', covers: 'A link or code to verify the e-mail address or phone number was sent.' },
  'verification.update': { name: 'E-mail or phone verified', covers: 'The e-mail address or phone number was verified.' },
  'identity.delete': { name: 'Sign-in provider unlinked', covers: 'A linked sign-in (such as GitHub or Google) was removed.' },
  'challenge.create': { name: 'Two-step check started', covers: 'A second-step code was asked for (authenticator, e-mail, text message or recovery code).' },
  'challenges.update': { name: 'Two-step check passed', covers: 'A second-step code was entered correctly.' },
}

/** The human name of `code`; a code this app does not know is shown as it is. */
export function eventName(code: string): EventName {
  return Object.hasOwn(EVENT_NAMES, code) ? EVENT_NAMES[code]! : { name: code, covers: 'An event this app has no name for.' }
}

/** Every code with a name (for tests and the event filter). */
export function namedEvents(): readonly string[] {
  return Object.keys(EVENT_NAMES)
}
