/**
 * Names of Appwrite's OAuth2 providers as people know them. Provider ids are case-sensitive in
 * Appwrite (appwrite-behaviour §7.3: `paypalSandbox`, `tradeshiftBox`); ids not listed here are shown as
 * typed, with the first letter capitalised.
 */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  amazon: 'Amazon',
  apple: 'Apple',
  auth0: 'Auth0',
  authentik: 'authentik',
  autodesk: 'Autodesk',
  bitbucket: 'Bitbucket',
  bitly: 'Bitly',
  box: 'Box',
  dailymotion: 'Dailymotion',
  discord: 'Discord',
  disqus: 'Disqus',
  dropbox: 'Dropbox',
  etsy: 'Etsy',
  facebook: 'Facebook',
  figma: 'Figma',
  github: 'GitHub',
  gitlab: 'GitLab',
  google: 'Google',
  linkedin: 'LinkedIn',
  microsoft: 'Microsoft',
  notion: 'Notion',
  oidc: 'OpenID Connect',
  okta: 'Okta',
  paypal: 'PayPal',
  paypalSandbox: 'PayPal Sandbox',
  podio: 'Podio',
  salesforce: 'Salesforce',
  slack: 'Slack',
  spotify: 'Spotify',
  stripe: 'Stripe',
  tradeshift: 'Tradeshift',
  tradeshiftBox: 'Tradeshift Sandbox',
  twitch: 'Twitch',
  wordpress: 'WordPress',
  yahoo: 'Yahoo',
  yammer: 'Yammer',
  yandex: 'Yandex',
  zoho: 'Zoho',
  zoom: 'Zoom',
}

export function providerName(provider: string): string {
  if (Object.hasOwn(PROVIDER_NAMES, provider)) return PROVIDER_NAMES[provider] ?? provider
  return provider.charAt(0).toUpperCase() + provider.slice(1)
}

/**
 * Reads the providers field of a profile: ids separated by commas, spaces or new lines; blanks and
 * repeats dropped, order kept. Case is kept because Appwrite's ids are case-sensitive.
 */
export function parseProviderList(text: string): string[] {
  const seen = new Set<string>()
  for (const part of text.split(/[\s,]+/)) {
    const id = part.trim()
    if (id) seen.add(id)
  }
  return [...seen]
}

/** Appwrite's provider ids are letters and digits (`paypalSandbox`); anything else is a typo. */
export function isValidProviderId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(id)
}
