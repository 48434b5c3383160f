import type { ConsentDTO } from '../../../src-shared/ipc'

/** Plain words for the scopes OpenID Connect defines; any other scope is shown as it is. */
const SCOPE_WORDS: Readonly<Record<string, string>> = {
  openid: 'Confirm who you are',
  profile: 'See your name',
  email: 'See your e-mail address',
  phone: 'See your phone number',
  address: 'See your postal address',
  offline_access: 'Stay signed in when you are away',
}

export function scopeWords(scope: string): string {
  return SCOPE_WORDS[scope] ?? scope
}

/** A registered app by its id; a client named by its metadata document by that document's host. */
export function appName(consent: ConsentDTO): string {
  if (consent.appId) return consent.appId
  try {
    return new URL(consent.cimdUrl).host || consent.cimdUrl
  } catch {
    return consent.cimdUrl || 'Unnamed app'
  }
}
