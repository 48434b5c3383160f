/**
 * The Preferences screen's rules, kept apart from the screen so they can be tested: reading the
 * raw JSON editor, what a save changes, and the three preferences the console itself follows
 * (`theme`, `locale`, `timezone`). The key-value rows are components/ui/key-value.ts.
 *
 * Appwrite stores any JSON object as prefs and replaces the whole object on save (appwrite-behaviour §3.2).
 */
import type { Preferences } from '../src-shared/appwrite'
import { isPreferencesObject } from '../src-shared/preferences'

export type JsonResult = { readonly ok: true; readonly prefs: Preferences } | { readonly ok: false; readonly message: string }

/** The raw JSON editor's text: only a JSON object is a preferences object. */
export function parsePrefsJson(text: string): JsonResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : ''
    return { ok: false, message: `This is not valid JSON${detail}.` }
  }
  if (!isPreferencesObject(value)) {
    return { ok: false, message: Array.isArray(value) ? 'Preferences must be an object { … }, not a list [ … ].' : 'Preferences must be an object { … }.' }
  }
  return { ok: true, prefs: value }
}

export function formatPrefsJson(prefs: Preferences): string {
  return JSON.stringify(prefs, null, 2)
}

export interface PrefsChanges {
  readonly added: readonly string[]
  readonly changed: readonly string[]
  readonly removed: readonly string[]
}

/** What saving `next` over `saved` does, key by key (saving replaces the whole object). */
export function diffPrefs(saved: Preferences, next: Preferences): PrefsChanges {
  const added: string[] = []
  const changed: string[] = []
  const removed: string[] = []
  for (const key of Object.keys(next)) {
    if (!Object.hasOwn(saved, key)) added.push(key)
    else if (JSON.stringify(saved[key]) !== JSON.stringify(next[key])) changed.push(key)
  }
  for (const key of Object.keys(saved)) if (!Object.hasOwn(next, key)) removed.push(key)
  return { added, changed, removed }
}

export function hasChanges(changes: PrefsChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0
}

// ---- the preferences the console follows -------------------------------------------------

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

/** The keys the console reads from the account's preferences. */
export const CONSOLE_KEYS = { theme: 'theme', locale: 'locale', timeZone: 'timezone' } as const

export interface ConsoleSettings {
  readonly theme: ThemeChoice
  /** A BCP 47 tag the platform supports (`de-DE`), or null for the system's own. */
  readonly locale: string | null
  /** An IANA time zone (`Europe/Berlin`), or null for the system's own. */
  readonly timeZone: string | null
}

export function isValidLocale(value: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0
  } catch {
    return false
  }
}

export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** What the console should follow; a value it cannot use is ignored (the system's own applies). */
export function consoleSettingsFrom(prefs: Preferences | null | undefined): ConsoleSettings {
  const theme = prefs?.[CONSOLE_KEYS.theme]
  const locale = prefs?.[CONSOLE_KEYS.locale]
  const timeZone = prefs?.[CONSOLE_KEYS.timeZone]
  return {
    theme: typeof theme === 'string' && (THEME_CHOICES as readonly string[]).includes(theme) ? (theme as ThemeChoice) : 'system',
    locale: typeof locale === 'string' && locale.trim() !== '' && isValidLocale(locale.trim()) ? locale.trim() : null,
    timeZone: typeof timeZone === 'string' && timeZone.trim() !== '' && isValidTimeZone(timeZone.trim()) ? timeZone.trim() : null,
  }
}
