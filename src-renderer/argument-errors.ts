/**
 * Argument errors in a person's words. Two kinds reach the window: Appwrite's
 * `general_argument_invalid` ("Invalid `name` param: Value must be a valid string and no longer
 * than 128 chars", appwrite-behaviour §2) and main's own check of what the window sent
 * (`invalid_argument`: "Invalid argument `name`: Too big: expected string to have <=128
 * characters"). Both name the parameter in backticks and a rule in a developer's words; this turns
 * them into "Check the name: use at most 128 characters." A message of any other shape is left as
 * it is (main's own sentences, such as "Enter an e-mail address.", are already for people).
 */

/** Parameter names as a person calls the field. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'name',
  email: 'e-mail address',
  password: 'password',
  oldPassword: 'current password',
  phone: 'phone number',
  identifier: 'device token',
  providerId: 'provider ID',
  prefs: 'preferences',
  userId: 'user ID',
  secret: 'code or link',
  otp: 'code',
  code: 'code',
  url: 'address',
  endpoint: 'endpoint',
  projectId: 'project ID',
  label: 'label',
  targetId: 'target',
  sessionId: 'session',
  identityId: 'linked sign-in',
  factor: 'second step',
  duration: 'duration',
  scopes: 'permissions',
  link: 'link',
}

const ARGUMENT = /^Invalid (?:argument `([^`]+)`:|`([^`]+)` param:)\s*(.*)$/s

/** The rule, in words that follow "Check the <field>: ". */
function ruleInWords(detail: string): string {
  const text = detail.trim()
  let match = /no longer than (\d+) chars/.exec(text)
  const atLeast = /at least (\d+) chars/.exec(text)
  if (match && atLeast) return `use ${atLeast[1]} to ${match[1]} characters.`
  if (match) return `use at most ${match[1]} characters.`
  if (atLeast) return `use at least ${atLeast[1]} characters.`
  match = /^Too big: expected string to have <=(\d+) characters?/.exec(text)
  if (match) return `use at most ${match[1]} characters.`
  match = /^Too small: expected string to have >=(\d+) characters?/.exec(text)
  if (match) return `use at least ${match[1]} characters.`
  if (/received undefined|Required/i.test(text)) return 'it is missing.'
  // Appwrite's own rule sentences ("Password must be between 8 and 256 characters long.").
  match = /^[A-Z][a-z]* (must .*)$/s.exec(text)
  if (match) return `it ${match[1]}${/[.!?]$/.test(match[1]!) ? '' : '.'}`
  return 'it is not valid.'
}

/** A person's sentence for an argument error, or null when `message` is not one. */
export function describeArgumentMessage(message: string): string | null {
  const match = ARGUMENT.exec(message.trim())
  if (!match) return null
  const path = (match[1] ?? match[2] ?? '').split('.')
  const parameter = path.at(-1) ?? ''
  const field = Object.hasOwn(FIELD_WORDS, parameter) ? FIELD_WORDS[parameter]! : 'value you entered'
  const detail = match[3] ?? ''
  // Main's own checks may already carry a sentence for people ("Enter an e-mail address.").
  if (/^(Enter|Choose|Use|Type) /.test(detail.trim())) return detail.trim()
  return `Check the ${field}: ${ruleInWords(detail)}`
}
