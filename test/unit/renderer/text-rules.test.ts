import { describe, expect, it } from 'vitest'
import { characterCount, characterLimitError, initialsOf } from '../../../src-renderer/text-rules'

describe('characterCount: code points, as Appwrite counts Text params (mb_strlen)', () => {
  it('counts letters, and an emoji outside the BMP as one (two UTF-16 units)', () => {
    expect(characterCount('')).toBe(0)
    expect(characterCount('Ada')).toBe(3)
    expect('😀'.length).toBe(2)
    expect(characterCount('😀')).toBe(1)
    expect(characterCount('😀'.repeat(128))).toBe(128)
  })

  it('counts each code point of a ZWJ sequence and of a skin-tone emoji', () => {
    // woman, ZWJ, woman, ZWJ, girl: five code points that show as one picture.
    expect(characterCount('👩‍👩‍👧')).toBe(5)
    expect(characterCount('👍🏽')).toBe(2)
  })

  it('counts a combining mark as its own code point, a precomposed letter as one', () => {
    expect(characterCount('e\u0301')).toBe(2)
    expect(characterCount('\u00e9')).toBe(1)
  })
})

describe('characterLimitError', () => {
  it('is null up to the limit and says how many are too many past it', () => {
    expect(characterLimitError('😀'.repeat(128), 128)).toBeNull()
    expect(characterLimitError('😀'.repeat(129), 128)).toBe('1 character too many: at most 128 are allowed.')
    expect(characterLimitError('a'.repeat(131), 128)).toBe('3 characters too many: at most 128 are allowed.')
  })
})

describe('initialsOf: whole grapheme clusters', () => {
  it('takes the first letter of the first two words, upper-cased', () => {
    expect(initialsOf('ada lovelace king')).toBe('AL')
    expect(initialsOf('ada.king@example.com')).toBe('AK')
    expect(initialsOf('+14155550123')).toBe('1')
  })

  it('keeps an emoji whole, with its skin tone or ZWJ parts', () => {
    expect(initialsOf('😀 smile')).toBe('😀S')
    expect(initialsOf('👩‍👩‍👧 family')).toBe('👩‍👩‍👧F')
    expect(initialsOf('👍🏽👍🏽')).toBe('👍🏽')
    expect(initialsOf('😀')).not.toContain('\ufffd')
  })

  it('keeps a letter with its combining marks', () => {
    expect(initialsOf('e\u0301lodie')).toBe('\u00c9')
    // No precomposed form exists for q with a dot below: the mark stays with its letter.
    expect(initialsOf('q\u0323uinn')).toBe('Q\u0323')
  })

  it('falls back to "?" when there is nothing to take', () => {
    expect(initialsOf('')).toBe('?')
    expect(initialsOf('  ')).toBe('?')
  })
})
