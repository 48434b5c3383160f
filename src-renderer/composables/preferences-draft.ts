import { computed, ref, shallowRef, type Ref } from 'vue'
import type { Preferences } from '../../src-shared/appwrite'
import { encodedPreferencesLength, PREFERENCES_MAX_ENCODED_LENGTH } from '../../src-shared/preferences'
import { objectFromRows, rowsFromObject, type KeyValueRow, type RowProblem } from '../components/ui/key-value'
import { CONSOLE_KEYS, diffPrefs, formatPrefsJson, hasChanges, isValidLocale, isValidTimeZone, parsePrefsJson, type ThemeChoice } from '../preferences-editing'

export type PreferencesTab = 'keys' | 'json'

function formatSize(characters: number): string {
  return characters < 1024 ? `${characters} characters` : `${(characters / 1024).toFixed(1)} kB`
}

/**
 * The Preferences screen's draft: one object behind two editors (key-value rows and raw JSON), each
 * of which updates it only while it holds a valid object, and the console's own keys (theme,
 * language, time zone) set on it directly. Says what saving it over `saved` would change, its size
 * against Appwrite's limit, and whether it may be saved.
 */
export function usePreferencesDraft(saved: Readonly<Ref<Preferences | null>>) {
  const tab = ref<PreferencesTab>('keys')
  /** The last valid state of whichever editor is in use: what Save sends. */
  const draft = shallowRef<Preferences>({})
  const rows = shallowRef<readonly KeyValueRow[]>([])
  const rowProblems = shallowRef<readonly RowProblem[]>([])
  const jsonText = ref('{}')
  const jsonProblem = ref('')
  const tabProblem = ref('')

  function resetFrom(prefs: Preferences): void {
    draft.value = prefs
    rows.value = rowsFromObject(prefs)
    rowProblems.value = []
    jsonText.value = formatPrefsJson(prefs)
    jsonProblem.value = ''
    tabProblem.value = ''
  }

  function editRows(next: readonly KeyValueRow[]): void {
    rows.value = next
    const result = objectFromRows(next)
    rowProblems.value = result.ok ? [] : result.problems
    if (result.ok) draft.value = result.object
    tabProblem.value = ''
  }

  function editJson(text: string): void {
    jsonText.value = text
    const result = parsePrefsJson(text)
    jsonProblem.value = result.ok ? '' : result.message
    if (result.ok) draft.value = result.prefs
    tabProblem.value = ''
  }

  const editorValid = computed(() => (tab.value === 'keys' ? rowProblems.value.length === 0 : jsonProblem.value === ''))

  /** Switching shows the same draft in the other editor, so the one left must hold a valid object. */
  function switchTab(next: PreferencesTab): void {
    if (next === tab.value) return
    if (!editorValid.value) {
      tabProblem.value = tab.value === 'keys' ? 'Fix the marked rows first: the JSON is made from them.' : 'Fix the JSON first: the rows are made from it.'
      return
    }
    if (next === 'json') jsonText.value = formatPrefsJson(draft.value)
    else {
      rows.value = rowsFromObject(draft.value)
      rowProblems.value = []
    }
    tab.value = next
  }

  // ---- the console's own preferences -------------------------------------------------------

  function stringAt(key: string): string {
    const value = draft.value[key]
    return typeof value === 'string' ? value : ''
  }

  /**
   * Sets (or, with an empty value, removes) one key of the draft and shows it in both editors. The
   * theme is always a value (`system` included), so choosing "Same as the system" is a change, not a
   * removal that would ask for confirmation.
   */
  function setKey(key: string, value: string): void {
    const next: Record<string, unknown> = { ...draft.value }
    if (value === '') delete next[key]
    else next[key] = value
    draft.value = next
    rows.value = rowsFromObject(next)
    rowProblems.value = []
    jsonText.value = formatPrefsJson(next)
    jsonProblem.value = ''
  }

  const theme = computed<ThemeChoice>({
    get: () => {
      const value = stringAt(CONSOLE_KEYS.theme)
      return value === 'light' || value === 'dark' ? value : 'system'
    },
    set: (value) => setKey(CONSOLE_KEYS.theme, value),
  })
  const locale = computed({ get: () => stringAt(CONSOLE_KEYS.locale), set: (value: string) => setKey(CONSOLE_KEYS.locale, value.trim()) })
  const timeZone = computed({ get: () => stringAt(CONSOLE_KEYS.timeZone), set: (value: string) => setKey(CONSOLE_KEYS.timeZone, value.trim()) })
  const localeProblem = computed(() => (locale.value && !isValidLocale(locale.value) ? 'Not a language tag this computer knows, such as en-GB or de-DE.' : ''))
  const timeZoneProblem = computed(() =>
    timeZone.value && !isValidTimeZone(timeZone.value) ? 'Not a time zone, such as Europe/Berlin or America/New_York.' : '',
  )

  // ---- size and changes ----------------------------------------------------------------------

  const size = computed(() => encodedPreferencesLength(draft.value))
  const tooBig = computed(() => size.value > PREFERENCES_MAX_ENCODED_LENGTH)
  const sizeText = computed(() => `${formatSize(size.value)} of ${formatSize(PREFERENCES_MAX_ENCODED_LENGTH)}`)
  const changes = computed(() => diffPrefs(saved.value ?? {}, draft.value))
  const changed = computed(() => hasChanges(changes.value))
  /** Changed and valid (saving itself is the store's business). */
  const savable = computed(() => changed.value && editorValid.value && !tooBig.value && !localeProblem.value && !timeZoneProblem.value)

  const changeSummary = computed(() => {
    const { added, changed: edited, removed } = changes.value
    const parts = [
      added.length ? `${added.length} added` : '',
      edited.length ? `${edited.length} changed` : '',
      removed.length ? `${removed.length} removed` : '',
    ].filter(Boolean)
    return parts.length ? `Unsaved: ${parts.join(', ')}.` : 'No unsaved changes.'
  })

  return {
    tab,
    draft,
    rows,
    rowProblems,
    jsonText,
    jsonProblem,
    tabProblem,
    resetFrom,
    editRows,
    editJson,
    editorValid,
    switchTab,
    theme,
    locale,
    timeZone,
    localeProblem,
    timeZoneProblem,
    size,
    tooBig,
    sizeText,
    changes,
    changed,
    savable,
    changeSummary,
  }
}
