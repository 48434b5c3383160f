/**
 * The e-mail metadata fields Appwrite 1.9.5+ adds to the User/Account model (appwrite-behaviour §12):
 * `emailCanonical`, `emailIsFree`, `emailIsDisposable`, `emailIsCorporate`, `emailIsCanonical`.
 * Appwrite classifies domains with large provider lists; the sandbox ships short ones, enough
 * for the console to show something sensible.
 */
const FREE_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'qq.com',
  '163.com',
  'fastmail.com',
  'tutanota.com',
  'hey.com',
])

const DISPOSABLE_PROVIDERS = new Set([
  'mailinator.com',
  'guerrillamail.com',
  '10minutemail.com',
  'temp-mail.org',
  'tempmail.com',
  'yopmail.com',
  'trashmail.com',
  'sharklasers.com',
  'getnada.com',
  'dispostable.com',
  'maildrop.cc',
  'throwawaymail.com',
])

/** Domains where dots in the local part are ignored by the provider. */
const DOTLESS_PROVIDERS = new Set(['gmail.com', 'googlemail.com'])

export interface EmailMetadata {
  readonly emailCanonical: string
  readonly emailIsFree: boolean
  readonly emailIsDisposable: boolean
  readonly emailIsCorporate: boolean
  readonly emailIsCanonical: boolean
}

const NONE: EmailMetadata = Object.freeze({
  emailCanonical: '',
  emailIsFree: false,
  emailIsDisposable: false,
  emailIsCorporate: false,
  emailIsCanonical: false,
})

export function emailMetadata(email: string): EmailMetadata {
  const at = email.lastIndexOf('@')
  if (!email || at < 1) return NONE
  const domain = email.slice(at + 1).toLowerCase()
  let local = email.slice(0, at).toLowerCase()
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (DOTLESS_PROVIDERS.has(domain)) local = local.replaceAll('.', '')
  const canonical = `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`
  const free = FREE_PROVIDERS.has(domain)
  const disposable = DISPOSABLE_PROVIDERS.has(domain)
  return {
    emailCanonical: canonical,
    emailIsFree: free,
    emailIsDisposable: disposable,
    emailIsCorporate: !free && !disposable,
    emailIsCanonical: canonical === email,
  }
}
