/**
 * Text the way Appwrite counts it. Appwrite's `Text` validator measures a string with PHP's
 * `mb_strlen`, which counts Unicode code points: "é" written as one code point is 1, an emoji such
 * as 😀 is 1 (two UTF-16 units in JavaScript), a family emoji joined with zero-width joiners is as
 * many code points as it is made of. The browser's `maxlength` counts UTF-16 units and cuts the
 * typed text without a word, so limited fields here never use it: they count as the server does and
 * say when the text is too long. (Passwords are the exception: Appwrite counts their bytes — see
 * password-rule.ts.)
 *
 * What a person sees as one character is a grapheme cluster (an emoji with its skin tone, a letter
 * with its combining accent). Anything cut for display — initials — is cut on those, with
 * `Intl.Segmenter`, so no half of an emoji or a lone accent ever reaches the screen.
 */

/** The number of characters Appwrite counts in `value` (Unicode code points). */
export function characterCount(value: string): number {
  let count = 0
  // for…of walks a string by code points (a surrogate pair is one step).
  for (const _codePoint of value) count++
  return count
}

/**
 * The sentence shown when `value` is longer than Appwrite's limit of `max` characters, or null when
 * it fits.
 */
export function characterLimitError(value: string, max: number): string | null {
  const over = characterCount(value) - max
  if (over <= 0) return null
  const noun = over === 1 ? 'character' : 'characters'
  return `${over} ${noun} too many: at most ${max} are allowed.`
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** The first grapheme cluster of `word` (a whole emoji, a letter with its accents), or ''. */
function firstGrapheme(word: string): string {
  for (const { segment } of graphemes.segment(word)) return segment
  return ''
}

/**
 * Up to two initials for an avatar: the first character of the first two words of a name, e-mail
 * or phone number (words split at spaces and at the separators of addresses). Each initial is a
 * whole grapheme cluster, upper-cased where the script has case.
 */
export function initialsOf(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/[\s@._+-]+/u)
    .filter((word) => word !== '')
  const initials = words
    .slice(0, 2)
    .map((word) => firstGrapheme(word).toLocaleUpperCase())
    .join('')
  return initials || '?'
}
