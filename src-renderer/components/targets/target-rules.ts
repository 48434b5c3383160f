import { characterLimitError } from '../../text-rules'

/**
 * Appwrite's limits (appwrite-behaviour §3.2, POST/PUT /account/targets…/push): the token is Text
 * of at most 255 characters (code points), the provider ID a UID of at most 36 of [A-Za-z0-9._-].
 * Too long is said here and not sent; nothing is cut.
 */
const IDENTIFIER_MAX_CHARACTERS = 255
const PROVIDER_ID_MAX_CHARACTERS = 36

/** What is wrong with a device token's length, or ''. */
export function identifierTooLong(value: string): string {
  return characterLimitError(value.trim(), IDENTIFIER_MAX_CHARACTERS) ?? ''
}

/** What is wrong with a provider ID (empty is fine: it is optional), or ''. */
export function providerIdProblem(value: string): string {
  const trimmed = value.trim()
  const tooLong = characterLimitError(trimmed, PROVIDER_ID_MAX_CHARACTERS)
  if (tooLong) return tooLong
  if (trimmed !== '' && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(trimmed)) {
    return 'Use letters, digits, periods, hyphens and underscores, starting with a letter or digit.'
  }
  return ''
}
