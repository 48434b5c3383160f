import type { SessionDTO } from './ipc'

/**
 * Sessions in words a person recognises: "Chrome 126 on Windows 10" rather than client and OS
 * codes, how the session was signed in, and which factors it proved. Appwrite fills device fields
 * from the User-Agent and leaves the ones it could not tell empty (appwrite-behaviour §3.3); the country is
 * `--` when unknown.
 */

const PROVIDERS: Readonly<Record<string, string>> = {
  email: 'E-mail and password',
  anonymous: 'Guest',
  'magic-url': 'Link by e-mail',
  phone: 'Code by text message',
  token: 'Code or link',
  oauth2: 'Sign-in provider',
  server: 'Server',
}

export function providerText(provider: string): string {
  if (Object.hasOwn(PROVIDERS, provider)) return PROVIDERS[provider]!
  if (provider === '') return 'Unknown'
  // An OAuth provider's own name (`github`, `paypalSandbox`): first letter up.
  return provider.charAt(0).toUpperCase() + provider.slice(1)
}

const FACTORS: Readonly<Record<string, string>> = {
  password: 'password',
  email: 'e-mail',
  phone: 'phone',
  totp: 'authenticator app',
  recoverycode: 'recovery code',
  recoveryCode: 'recovery code',
  anonymous: 'guest',
  oauth2: 'sign-in provider',
  token: 'token',
}

export function factorsText(factors: readonly string[]): string {
  if (factors.length === 0) return 'None recorded'
  return factors.map((factor) => FACTORS[factor] ?? factor).join(', ')
}

function joined(...parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')
}

/** What this app is called where Appwrite could not name it (see `sessionTitle`). */
export const THIS_APP = 'Account Console'

export function clientText(session: SessionDTO): string {
  const client = joined(session.clientName, session.clientVersion) || session.clientType
  if (client) return client
  return session.current ? THIS_APP : 'Unknown app'
}

export function osText(session: SessionDTO): string {
  return joined(session.osName, session.osVersion) || 'Unknown system'
}

export function deviceText(session: SessionDTO): string {
  const model = joined(session.deviceBrand, session.deviceModel)
  const kind = session.deviceName ? session.deviceName.charAt(0).toUpperCase() + session.deviceName.slice(1) : ''
  return model ? (kind ? `${model} (${kind.toLowerCase()})` : model) : kind || 'Unknown device'
}

/**
 * The line that names a session: "Chrome 126 on Windows 10". Appwrite's device detector (Matomo)
 * names only the clients on its own list; this app's User-Agent ("AccountConsole/<version> (<OS>)")
 * gives it the system but no client. The session this app holds (`current`) is this app, so it is
 * named for what it is: "Account Console on GNU/Linux".
 */
export function sessionTitle(session: SessionDTO): string {
  const client = joined(session.clientName, session.clientVersion) || (session.current ? THIS_APP : '')
  const os = joined(session.osName, session.osVersion)
  if (client && os) return `${client} on ${os}`
  if (!os && session.current) return `${THIS_APP} on this computer`
  return client || os || deviceText(session)
}

export function countryText(session: SessionDTO): string {
  if (session.countryName) return session.countryName
  if (session.countryCode && session.countryCode !== '--') return session.countryCode.toUpperCase()
  return 'Unknown'
}
