import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { Preferences } from '../../../src-shared/appwrite'
import { newRow } from '../../../src-renderer/components/ui/key-value'
import { usePreferencesDraft } from '../../../src-renderer/composables/preferences-draft'

function draftOver(saved: Preferences) {
  const editor = usePreferencesDraft(ref<Preferences | null>(saved))
  editor.resetFrom(saved)
  return editor
}

describe('usePreferencesDraft', () => {
  it('starts from what is saved, with nothing to save', () => {
    const editor = draftOver({ theme: 'dark', pinned: 3 })
    expect(editor.draft.value).toEqual({ theme: 'dark', pinned: 3 })
    expect(editor.rows.value.map((row) => row.key)).toEqual(['theme', 'pinned'])
    expect(JSON.parse(editor.jsonText.value)).toEqual({ theme: 'dark', pinned: 3 })
    expect(editor.changeSummary.value).toBe('No unsaved changes.')
    expect(editor.savable.value).toBe(false)
  })

  it('takes valid JSON into the draft and keeps the last valid draft while the JSON is broken', () => {
    const editor = draftOver({ a: 1 })
    editor.switchTab('json')
    editor.editJson('{ "a": 2, "b": true }')
    expect(editor.draft.value).toEqual({ a: 2, b: true })
    expect(editor.changeSummary.value).toBe('Unsaved: 1 added, 1 changed.')
    expect(editor.savable.value).toBe(true)

    editor.editJson('{ "a": ')
    expect(editor.jsonProblem.value).toMatch(/^This is not valid JSON/)
    expect(editor.draft.value).toEqual({ a: 2, b: true })
    expect(editor.savable.value).toBe(false)
  })

  it('refuses to switch editors while the one in use is invalid, and says what to fix', () => {
    const editor = draftOver({})
    editor.switchTab('json')
    editor.editJson('[1, 2]')
    editor.switchTab('keys')
    expect(editor.tab.value).toBe('json')
    expect(editor.tabProblem.value).toBe('Fix the JSON first: the rows are made from it.')

    editor.editJson('{ "x": "y" }')
    editor.switchTab('keys')
    expect(editor.tab.value).toBe('keys')
    expect(editor.rows.value.map((row) => [row.key, row.value])).toEqual([['x', 'y']])
  })

  it('builds the draft from valid rows and counts a removed key', () => {
    const editor = draftOver({ old: 'x' })
    editor.editRows([newRow('fresh', 'number', '5')])
    expect(editor.draft.value).toEqual({ fresh: 5 })
    expect(editor.changes.value.removed).toEqual(['old'])
    expect(editor.changeSummary.value).toBe('Unsaved: 1 added, 1 removed.')
  })

  it('sets the console keys in both editors, removes an emptied one, and refuses an unknown time zone', () => {
    const editor = draftOver({ locale: 'de-DE' })
    editor.theme.value = 'system'
    expect(editor.draft.value).toEqual({ locale: 'de-DE', theme: 'system' })
    expect(JSON.parse(editor.jsonText.value)).toEqual({ locale: 'de-DE', theme: 'system' })

    editor.locale.value = '  '
    expect(editor.draft.value).toEqual({ theme: 'system' })

    editor.timeZone.value = 'Mars/Olympus_Mons'
    expect(editor.timeZoneProblem.value).not.toBe('')
    expect(editor.savable.value).toBe(false)
    editor.timeZone.value = 'Europe/Berlin'
    expect(editor.timeZoneProblem.value).toBe('')
    expect(editor.savable.value).toBe(true)
  })

  it('marks a draft over Appwrite’s size limit as too big to save', () => {
    const editor = draftOver({})
    editor.editJson(JSON.stringify({ big: 'x'.repeat(70_000) }))
    expect(editor.tooBig.value).toBe(true)
    expect(editor.sizeText.value).toMatch(/ kB of 64\.0 kB$/)
    expect(editor.savable.value).toBe(false)
  })
})
