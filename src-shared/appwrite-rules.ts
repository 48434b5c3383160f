/**
 * Appwrite's input rules that more than one room checks, in one place: the sandbox enforces them as
 * Appwrite does, main refuses bad input before it travels, and the renderer explains them while the
 * person types (docs/appwrite-behaviour.md §3.2). No dependencies: every room may import this.
 */

/** An Appwrite ID (UID): up to 36 of `[A-Za-z0-9._-]`, not starting with a special character. */
export const APPWRITE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/

/** E.164 as Appwrite checks it: `+`, a non-zero digit, then 6 to 14 digits. */
export const PHONE_PATTERN = /^\+[1-9]\d{6,14}$/

/** What the console says when a phone number does not match {@link PHONE_PATTERN}. */
export const PHONE_PROBLEM = 'Enter the number with + and the country code, such as +14155550123.'

/**
 * OAuth2 providers an Appwrite 1.9 server accepts in `{provider}` (case-sensitive, as Appwrite's
 * white list is: `paypalSandbox`, `tradeshiftBox`). The sandbox offers exactly these.
 */
export const SERVER_OAUTH_PROVIDERS = [
  'amazon',
  'apple',
  'auth0',
  'authentik',
  'autodesk',
  'bitbucket',
  'bitly',
  'box',
  'dailymotion',
  'discord',
  'disqus',
  'dropbox',
  'etsy',
  'facebook',
  'figma',
  'github',
  'gitlab',
  'google',
  'linkedin',
  'microsoft',
  'notion',
  'oidc',
  'okta',
  'paypal',
  'paypalSandbox',
  'podio',
  'salesforce',
  'slack',
  'spotify',
  'stripe',
  'tradeshift',
  'tradeshiftBox',
  'twitch',
  'wordpress',
  'yahoo',
  'yammer',
  'yandex',
  'zoho',
  'zoom',
] as const

/**
 * Every provider name the console knows: the server's list plus those newer Appwrite versions and
 * the official web SDK added. A server may still enable a name outside this list.
 */
export const OAUTH_PROVIDERS = [...SERVER_OAUTH_PROVIDERS, 'appwrite', 'cloudflare', 'fusionauth', 'huggingface', 'keycloak', 'kick', 'resend', 'x'] as const
