// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { checkPasswordLength } from '../../../src-renderer/password-rule'

describe('Appwrite’s password length rule (8–256)', () => {
  it.each([
    ['', 'empty', 8],
    ['abc', 'too-short', 5],
    ['1234567', 'too-short', 1],
    ['12345678', 'ok', 0],
    ['x'.repeat(256), 'ok', 0],
    ['x'.repeat(257), 'too-long', 0],
  ])('%j is %s', (password, verdict, missing) => {
    const check = checkPasswordLength(password)
    expect(check.verdict).toBe(verdict)
    expect(check.missing).toBe(missing)
  })

  it('counts UTF-8 bytes as Appwrite does, so it never accepts what the server refuses', () => {
    // 4 × "é" is 8 bytes: Appwrite (strlen) accepts it.
    expect(checkPasswordLength('éééé').verdict).toBe('ok')
    // 65 emoji are 260 bytes: Appwrite refuses it although it is only 65 characters.
    expect(checkPasswordLength('🔑'.repeat(65)).verdict).toBe('too-long')
  })
})
