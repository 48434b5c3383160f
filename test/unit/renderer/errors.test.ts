// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ACCOUNT_ERROR_TYPES } from '../../../src-shared/appwrite'
import { LOCAL_ERROR_TYPES } from '../../../src-shared/ipc'
import { ERROR_SENTENCES, SERVER_MESSAGE, SIGN_IN_ERROR_TYPES, describeError } from '../../../src-renderer/errors'

describe('error sentences', () => {
  it('has a sentence (or a deliberate "show the server’s message") for every known error type', () => {
    const known = [...Object.keys(ACCOUNT_ERROR_TYPES), ...Object.keys(LOCAL_ERROR_TYPES)]
    const missing = known.filter((type) => !Object.hasOwn(ERROR_SENTENCES, type))
    expect(missing).toEqual([])
  })

  it.each([
    ['user_invalid_credentials', 401, 'The e-mail or password is wrong.'],
    ['user_already_exists', 409, 'An account with this e-mail already exists.'],
    ['network_error', 0, 'The server could not be reached. Check the endpoint and your connection.'],
    ['general_rate_limit_exceeded', 429, 'Too many attempts. Wait a while before you try again.'],
    ['user_blocked', 403, 'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.'],
    ['user_session_already_exists', 401, 'You are already signed in on this profile. Sign out first to use another account.'],
    ['general_unauthorized_scope', 401, 'You are not allowed to do this. Your session may have ended; sign in again.'],
  ])('says %s in plain words, not the server’s text', (type, code, sentence) => {
    expect(describeError({ type, code, message: 'server text that must not be shown' })).toBe(sentence)
  })

  it('says an invalid argument as the field it concerns and the rule, from Appwrite’s or main’s message', () => {
    expect(ERROR_SENTENCES.general_argument_invalid).toBe(SERVER_MESSAGE)
    const appwrite = (message: string) => describeError({ type: 'general_argument_invalid', code: 400, message })
    expect(appwrite('Invalid `password` param: Password must be between 8 and 256 characters long.')).toBe(
      'Check the password: it must be between 8 and 256 characters long.',
    )
    expect(appwrite('Invalid `name` param: Value must be a valid string and no longer than 128 chars')).toBe('Check the name: use at most 128 characters.')
    expect(appwrite('Invalid `identifier` param: Value must be a valid string and at least 1 chars and no longer than 255 chars')).toBe(
      'Check the device token: use 1 to 255 characters.',
    )
    const main = (message: string) => describeError({ type: 'invalid_argument', code: 0, message })
    expect(main('Invalid argument `name`: Too big: expected string to have <=128 characters')).toBe('Check the name: use at most 128 characters.')
    expect(main('Invalid argument `email`: Enter an e-mail address.')).toBe('Enter an e-mail address.')
    expect(main('Invalid argument `args.frobnicate`: Invalid input')).toBe('Check the value you entered: it is not valid.')
    // Main's own sentences pass as they are.
    expect(main('That link is not for this app. Use the link from the message this app asked for.')).toBe(
      'That link is not for this app. Use the link from the message this app asked for.',
    )
  })

  it('falls back to the server’s message for a type it does not know', () => {
    expect(describeError({ type: 'user_from_the_future', code: 400, message: 'A newer Appwrite said no.' })).toBe('A newer Appwrite said no.')
  })

  it('never returns an empty sentence', () => {
    expect(describeError({ type: 'user_from_the_future', code: 500, message: '  ' })).toBe('Something went wrong. Try again.')
    expect(describeError({ type: 'general_argument_invalid', code: 400, message: '' })).toBe('Something went wrong. Try again.')
  })

  it('does not treat inherited object keys as error types', () => {
    expect(describeError({ type: 'constructor', code: 500, message: 'Server Error' })).toBe('Server Error')
  })

  describe('sign-in routes', () => {
    // Where Appwrite's own text is deliberately shown: it names the parameter and the rule.
    const SERVER_WORDED = new Set<string>(['general_argument_invalid'])
    const fallback = describeError({ type: 'user_from_the_future', code: 400, message: 'server text' })

    it.each(SIGN_IN_ERROR_TYPES.filter((type) => !SERVER_WORDED.has(type)))('%s has a sentence of its own', (type) => {
      const sentence = ERROR_SENTENCES[type]
      expect(typeof sentence).toBe('string')
      const shown = describeError({ type, code: 400, message: 'server text' })
      expect(shown).toBe(sentence)
      expect(shown).not.toBe(fallback)
      expect(shown.length).toBeGreaterThan(8)
      expect(shown).toMatch(/[.!?]$/)
    })

    it('keeps Appwrite’s wording only where it is the precise answer', () => {
      for (const type of SERVER_WORDED) expect(ERROR_SENTENCES[type as keyof typeof ERROR_SENTENCES]).toBe(SERVER_MESSAGE)
    })

    it('lists only types Appwrite or main really send, each once', () => {
      const known = new Set([...Object.keys(ACCOUNT_ERROR_TYPES), ...Object.keys(LOCAL_ERROR_TYPES)])
      expect(SIGN_IN_ERROR_TYPES.filter((type) => !known.has(type))).toEqual([])
      expect(new Set(SIGN_IN_ERROR_TYPES).size).toBe(SIGN_IN_ERROR_TYPES.length)
    })
  })
})
