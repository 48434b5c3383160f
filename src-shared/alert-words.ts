import type { AlertDTO, AlertKind } from './ipc'
import { clientText, countryText, deviceText, osText } from './session-words'

/**
 * Sign-in alerts in words, the same in the desktop notification (main) and the banner and history
 * (window): what happened, and for a sign-in which browser or app, system, device, IP address and
 * country it came from.
 */

const TITLES: Readonly<Record<AlertKind, string>> = {
  'sign-in': 'New sign-in on another device',
  password: 'Your password was changed elsewhere',
  email: 'Your e-mail address was changed elsewhere',
  'mfa-off': 'Two-step sign-in was turned off elsewhere',
  blocked: 'Your account was blocked',
}

export function alertTitle(kind: AlertKind): string {
  return TITLES[kind]
}

/** "Chrome 126 on Windows 10" — the name a sign-in alert gives the new session. */
export function alertDeviceName(alert: AlertDTO): string {
  return alert.session ? `${clientText(alert.session)} on ${osText(alert.session)}` : 'that device'
}

/** Browser/app, OS, device, IP and country of a sign-in, as one line. */
export function alertWhere(alert: AlertDTO): string {
  const session = alert.session
  if (!session) return ''
  return `${clientText(session)} on ${osText(session)} · ${deviceText(session)} · IP ${session.ip || 'unknown'} · ${countryText(session)}`
}

/** The sentence under the title. */
export function alertDetail(alert: AlertDTO): string {
  switch (alert.kind) {
    case 'sign-in':
      return `${alertWhere(alert)}. If this was not you, sign it out and change your password.`
    case 'password':
      return 'Not from this app. If this was not you, reset your password and sign out the sessions you do not know.'
    case 'email':
      return alert.email ? `The account’s e-mail address is now ${alert.email}. Not changed from this app.` : 'Not changed from this app.'
    case 'mfa-off':
      return 'A second step is no longer needed to sign in. Not turned off from this app.'
    case 'blocked':
      return 'Blocked from another device or by the project’s administrator. Only the administrator can unblock it.'
    default:
      return alert.kind satisfies never
  }
}
