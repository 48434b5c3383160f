/**
 * The checks on an e-mail address or phone number that need no server. Appwrite judges the rest
 * (appwrite-behaviour §3.2: e-mail = PHP FILTER_VALIDATE_EMAIL, phone = PHONE_PATTERN).
 */
import { PHONE_PATTERN, PHONE_PROBLEM } from '../src-shared/appwrite-rules'

/** An error sentence for the typed e-mail, or '' when it looks like an address. */
export function emailProblem(typed: string): string {
  const value = typed.trim()
  if (value === '') return 'Enter your e-mail address.'
  if (!/^[^\s@]+@[^\s@]+$/.test(value)) return 'Enter an e-mail address such as name@example.com.'
  return ''
}

/** People type "+1 (415) 555-0123"; Appwrite wants "+14155550123". */
export function normalizePhone(typed: string): string {
  return typed.replace(/[\s().-]/g, '')
}

export function phoneProblem(typed: string): string {
  const value = normalizePhone(typed)
  if (value === '') return 'Enter your phone number.'
  if (!PHONE_PATTERN.test(value)) return PHONE_PROBLEM
  return ''
}
