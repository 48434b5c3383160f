/** `prefs.*` against the real sandbox: read, replace-the-whole-object, the 64 kB rule, bad input. */
import { describe, expect, it } from 'vitest'
import type { User } from '../../../src-shared/appwrite'
import { encodedPreferencesLength, PREFERENCES_MAX_ENCODED_LENGTH } from '../../../src-shared/preferences'
import { expectError, expectOk, profileId, signUp, type CoreWorld, worldForEachTest } from './core-world'

let h: CoreWorld
worldForEachTest((world) => (h = world))

const invoke = (key: string, arg: unknown) => h.core.invoke(key, arg)

describe('prefs.get and prefs.update', () => {
  it('starts empty, saves an object and reads it back', async () => {
    await signUp(h)
    expect(expectOk(await invoke('prefs.get', { profileId }))).toEqual({})
    const prefs = { theme: 'dark', locale: 'de-DE', nested: { list: [1, 'two', null, true] } }
    expect(expectOk(await invoke('prefs.update', { profileId, prefs }))).toEqual(prefs)
    expect(expectOk(await invoke('prefs.get', { profileId }))).toEqual(prefs)
    // The account carries the same prefs.
    expect(expectOk<User>(await invoke('account.get', { profileId })).prefs).toEqual(prefs)
  })

  it('replaces the whole object: keys left out are gone', async () => {
    await signUp(h)
    expectOk(await invoke('prefs.update', { profileId, prefs: { a: 1, b: 2 } }))
    expect(expectOk(await invoke('prefs.update', { profileId, prefs: { b: 3 } }))).toEqual({ b: 3 })
    expect(expectOk(await invoke('prefs.get', { profileId }))).toEqual({ b: 3 })
  })

  it('accepts an object right at the limit and refuses one a character over it, counted as Appwrite encodes', async () => {
    await signUp(h)
    const overhead = encodedPreferencesLength({ k: '' })
    const atLimit = { k: 'x'.repeat(PREFERENCES_MAX_ENCODED_LENGTH - overhead) }
    expect(encodedPreferencesLength(atLimit)).toBe(PREFERENCES_MAX_ENCODED_LENGTH)
    expectOk(await invoke('prefs.update', { profileId, prefs: atLimit }))

    const over = { k: `${'x'.repeat(PREFERENCES_MAX_ENCODED_LENGTH - overhead - 1)}/` }
    expect(encodedPreferencesLength(over)).toBe(PREFERENCES_MAX_ENCODED_LENGTH + 1)
    const error = expectError(await invoke('prefs.update', { profileId, prefs: over }))
    expect(error).toMatchObject({ type: 'invalid_argument', message: expect.stringContaining('65535') })
    // Nothing was saved by the refused call.
    expect(expectOk(await invoke('prefs.get', { profileId }))).toEqual(atLimit)
  })

  it('refuses what is not a JSON object', async () => {
    await signUp(h)
    for (const prefs of [[], ['a'], null, 'theme=dark', 42, { when: new Date() }, { f: undefined }]) {
      expect(expectError(await invoke('prefs.update', { profileId, prefs })).type, String(prefs)).toBe('invalid_argument')
    }
    expect(expectError(await invoke('prefs.update', { profileId })).type).toBe('invalid_argument')
  })

  it('says "not signed in" without a session', async () => {
    expect(expectError(await invoke('prefs.get', { profileId })).type).toBe('not_signed_in')
    expect(expectError(await invoke('prefs.update', { profileId, prefs: {} })).type).toBe('not_signed_in')
  })
})

describe('encodedPreferencesLength', () => {
  it('counts like PHP json_encode: `/` escaped, every non-ASCII UTF-16 unit as \\uXXXX', () => {
    expect(encodedPreferencesLength({})).toBe(2)
    expect(encodedPreferencesLength({ a: 'b' })).toBe('{"a":"b"}'.length)
    expect(encodedPreferencesLength({ url: 'a/b' })).toBe('{"url":"a\\/b"}'.length)
    expect(encodedPreferencesLength({ name: 'é' })).toBe('{"name":"\\u00e9"}'.length)
    // An emoji is two UTF-16 units, so two escapes.
    expect(encodedPreferencesLength({ e: '😀' })).toBe('{"e":"\\ud83d\\ude00"}'.length)
  })
})
