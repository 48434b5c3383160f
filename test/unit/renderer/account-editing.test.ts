import { describe, expect, it } from 'vitest'
import { convertRowValue, newRow, objectFromRows, rowsFromObject } from '../../../src-renderer/components/ui/key-value'
import { consoleSettingsFrom, diffPrefs, formatPrefsJson, hasChanges, parsePrefsJson } from '../../../src-renderer/preferences-editing'
import { countryText, deviceText, factorsText, providerText, sessionTitle } from '../../../src-shared/session-words'
import { makeSession } from './fake-records'

describe('key-value rows', () => {
  it('turn an object into typed rows and back, unchanged', () => {
    const object = { theme: 'dark', size: 13, beta: false, list: [1, 'a'], nested: { a: null } }
    const rows = rowsFromObject(object)
    expect(rows.map((r) => [r.key, r.type, r.value])).toEqual([
      ['theme', 'text', 'dark'],
      ['size', 'number', '13'],
      ['beta', 'boolean', 'false'],
      ['list', 'json', '[1,"a"]'],
      ['nested', 'json', '{"a":null}'],
    ])
    expect(objectFromRows(rows)).toEqual({ ok: true, object })
  })

  it('name every problem next to its row: empty and repeated keys, a bad number, bad JSON', () => {
    const rows = [newRow('', 'text', 'x'), newRow('a', 'number', 'twelve'), newRow('a', 'json', '{oops'), newRow('b', 'json', '"quoted"')]
    const result = objectFromRows(rows)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => [p.rowId, p.field, p.message])).toEqual([
      [rows[0]!.id, 'key', 'Enter a key.'],
      [rows[1]!.id, 'value', 'Enter a number, such as 42 or 1.5.'],
      [rows[2]!.id, 'key', '“a” is already used above.'],
      [rows[2]!.id, 'value', 'Not valid JSON. Text needs quotes, e.g. "dark".'],
    ])
  })

  it('keep a value when the type changes, where it still means something', () => {
    expect(convertRowValue(newRow('k', 'text', '42'), 'number')).toBe('42')
    expect(convertRowValue(newRow('k', 'text', 'hello'), 'number')).toBe('')
    expect(convertRowValue(newRow('k', 'number', '42'), 'json')).toBe('42')
    expect(convertRowValue(newRow('k', 'json', '"dark"'), 'text')).toBe('dark')
    expect(convertRowValue(newRow('k', 'text', 'true'), 'boolean')).toBe('true')
    expect(convertRowValue(newRow('k', 'text', 'yes'), 'boolean')).toBe('false')
    expect(convertRowValue(newRow('k', 'boolean', 'true'), 'text')).toBe('true')
  })
})

describe('the JSON editor and what a save changes', () => {
  it('accept only a JSON object, saying why anything else is refused', () => {
    expect(parsePrefsJson('{"a":1}')).toEqual({ ok: true, prefs: { a: 1 } })
    expect(parsePrefsJson('[1]')).toEqual({ ok: false, message: 'Preferences must be an object { … }, not a list [ … ].' })
    expect(parsePrefsJson('null')).toEqual({ ok: false, message: 'Preferences must be an object { … }.' })
    expect(parsePrefsJson('{a:1}')).toMatchObject({ ok: false, message: expect.stringContaining('This is not valid JSON') })
    expect(formatPrefsJson({ a: 1 })).toBe('{\n  "a": 1\n}')
  })

  it('list added, changed and removed keys (saving replaces the whole object)', () => {
    const changes = diffPrefs({ keep: 1, edit: { a: 1 }, drop: true }, { keep: 1, edit: { a: 2 }, add: 'x' })
    expect(changes).toEqual({ added: ['add'], changed: ['edit'], removed: ['drop'] })
    expect(hasChanges(changes)).toBe(true)
    expect(hasChanges(diffPrefs({ a: [1] }, { a: [1] }))).toBe(false)
  })
})

describe('the console preferences', () => {
  it('follow theme, locale and timezone when valid, and the system otherwise', () => {
    expect(consoleSettingsFrom({ theme: 'dark', locale: 'de-DE', timezone: 'Europe/Berlin' })).toEqual({
      theme: 'dark',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    })
    expect(consoleSettingsFrom({ theme: 'purple', locale: 'not a locale!', timezone: 'Mars/Olympus' })).toEqual({
      theme: 'system',
      locale: null,
      timeZone: null,
    })
    expect(consoleSettingsFrom({ theme: 42 })).toEqual({ theme: 'system', locale: null, timeZone: null })
    expect(consoleSettingsFrom(null)).toEqual({ theme: 'system', locale: null, timeZone: null })
  })
})

describe('sessions in words', () => {
  it('names a session by app and system, and this app’s own when Appwrite could not tell', () => {
    expect(sessionTitle(makeSession({ clientName: 'Chrome', clientVersion: '126.0', osName: 'Windows', osVersion: '10' }))).toBe('Chrome 126.0 on Windows 10')
    expect(sessionTitle(makeSession({ clientName: '', clientVersion: '', osName: '', osVersion: '', current: true }))).toBe('Account Console on this computer')
    expect(sessionTitle(makeSession({ clientName: '', clientVersion: '', osName: 'GNU/Linux', osVersion: '', current: true }))).toBe(
      'Account Console on GNU/Linux',
    )
    expect(sessionTitle(makeSession({ clientName: '', clientVersion: '', osName: 'GNU/Linux', osVersion: '', current: false }))).toBe('GNU/Linux')
    expect(sessionTitle(makeSession({ clientName: '', clientVersion: '', osName: '', osVersion: '', current: false, deviceName: '' }))).toBe('Unknown device')
  })

  it('says how it was signed in, with which factors, from where', () => {
    expect(providerText('email')).toBe('E-mail and password')
    expect(providerText('github')).toBe('Github')
    expect(factorsText(['password', 'totp'])).toBe('password, authenticator app')
    expect(factorsText([])).toBe('None recorded')
    expect(countryText(makeSession({ countryCode: '--', countryName: '' }))).toBe('Unknown')
    expect(countryText(makeSession({ countryCode: 'de', countryName: '' }))).toBe('DE')
    expect(deviceText(makeSession({ deviceBrand: 'Apple', deviceModel: 'iPhone', deviceName: 'smartphone' }))).toBe('Apple iPhone (smartphone)')
  })
})
