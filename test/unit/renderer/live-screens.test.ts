// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveChange, LiveEventDTO } from '../../../src-shared/ipc'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { useLiveStore } from '../../../src-renderer/stores/live'
import { eventually, type FakeApi, installSignedIn } from './fake-api'
import { makeSession } from './fake-records'
import { buttonCalled } from './dom-queries'
import { openAt, settle } from './mount-app'

/** Screens follow live account events (issue 15 item 3): in place, never over a draft. */
let fake: FakeApi
let wrapper: VueWrapper | null = null

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  useToasts().clear()
  delete document.documentElement.dataset.theme
})

async function open(path: string, options: Parameters<typeof installSignedIn>[0] = {}) {
  fake = installSignedIn(options)
  const opened = await openAt(path)
  wrapper = opened.wrapper
  return opened
}

function live(change: LiveChange, profileId = 'local'): LiveEventDTO {
  return { profileId, timestamp: '2025-03-14T10:00:00.000+00:00', event: 'users.user1.test', change }
}

function toasts(): string[] {
  return useToasts().toasts.value.map((t) => t.message)
}

const NEW_SESSION = makeSession({
  $id: 'session-new',
  current: false,
  clientName: 'Firefox',
  clientVersion: '128.0',
  osName: 'Ubuntu',
  osVersion: '',
  ip: '198.51.100.4',
})

describe('live screens', () => {
  it('the Sessions screen shows a session created and ended elsewhere, without asking the server again', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    const lists = fake.callsOf('sessions.list').length

    fake.emitLiveEvent(live({ kind: 'session', action: 'create', session: NEW_SESSION, thisDevice: false }))
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(3))
    expect(w.text()).toContain('Firefox 128.0 on Ubuntu')

    fake.emitLiveEvent(live({ kind: 'session', action: 'delete', session: NEW_SESSION, thisDevice: false }))
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    expect(fake.callsOf('sessions.list')).toHaveLength(lists)
  })

  it('drops events of a profile that is not the active one', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    fake.emitLiveEvent(live({ kind: 'session', action: 'create', session: NEW_SESSION, thisDevice: false }, 'cloud'))
    await settle()
    expect(w.findAll('[data-testid="session"]')).toHaveLength(2)
  })

  it('the Preferences screen takes prefs saved elsewhere while nothing is being edited', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { theme: 'light' } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(1))
    const prefs = { theme: 'light', fromPhone: 'yes' }
    fake.emitLiveEvent(live({ kind: 'account', field: 'prefs', account: { ...fake.account, prefs } }))
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(2))
    expect(w.find<HTMLInputElement>('input[aria-label="Value of fromPhone"]').element.value).toBe('yes')
    expect(w.find('[data-testid="changed-elsewhere"]').exists()).toBe(false)
  })

  it('never overwrites a draft: offers "Changed elsewhere — reload?" and reloads only when asked', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { theme: 'light' } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(1))
    await buttonCalled(w, 'Add a key').trigger('click')
    await settle()
    await w.find('input[aria-label="Key (row 2)"]').setValue('draftKey')
    await w.find('input[aria-label="Value of draftKey"]').setValue('mine')

    fake.emitLiveEvent(live({ kind: 'account', field: 'prefs', account: { ...fake.account, prefs: { theme: 'dark' } } }))
    await eventually(() => expect(w.find('[data-testid="changed-elsewhere"]').text()).toContain('Changed elsewhere — reload?'))
    // The draft is untouched.
    expect(w.find<HTMLInputElement>('input[aria-label="Value of draftKey"]').element.value).toBe('mine')

    await buttonCalled(w, 'Reload').trigger('click')
    await settle()
    expect(w.find('input[aria-label="Value of draftKey"]').exists()).toBe(false)
    expect(w.find('[data-testid="changed-elsewhere"]').exists()).toBe(false)
    expect(w.find('[data-testid="prefs-changes"]').text()).toBe('No unsaved changes.')
  })

  it('this device’s own save coming back as an event is no news', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { theme: 'light' } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(1))
    await buttonCalled(w, 'Add a key').trigger('click')
    await settle()
    await w.find('input[aria-label="Key (row 2)"]').setValue('draftKey')
    fake.emitLiveEvent(live({ kind: 'account', field: 'prefs', account: { ...fake.account, prefs: { theme: 'light' } } }))
    await settle()
    expect(w.find('[data-testid="changed-elsewhere"]').exists()).toBe(false)
  })

  it('the Profile screen shows a name changed elsewhere, and an open editor offers to reload instead of changing under the person', async () => {
    const { wrapper: w } = await open('/profile')
    await eventually(() => expect(w.find('[data-testid="account-name"]').text()).toBe('Ada Lovelace'))
    fake.emitLiveEvent(live({ kind: 'account', field: 'name', account: { ...fake.account, name: 'Ada King' } }))
    await eventually(() => expect(w.find('[data-testid="account-name"]').text()).toBe('Ada King'))

    await buttonCalled(w, 'Change name').trigger('click')
    await settle()
    const field = w.find<HTMLInputElement>('form[aria-label="Change name"] input')
    await field.setValue('Countess')
    fake.emitLiveEvent(live({ kind: 'account', field: 'name', account: { ...fake.account, name: 'Augusta' } }))
    await eventually(() => expect(w.find('[data-testid="changed-elsewhere"]').exists()).toBe(true))
    expect(field.element.value).toBe('Countess')
    await buttonCalled(w, 'Reload').trigger('click')
    await settle()
    expect(w.find<HTMLInputElement>('form[aria-label="Change name"] input').element.value).toBe('Augusta')
  })

  it('never signs out silently: says why on the sign-in screen, until the person signs in again', async () => {
    const { wrapper: w, router } = await open('/sessions')
    const why = 'You were signed out: this device’s session was ended from another device.'
    const ada = fake.account
    fake.emitNotice({ level: 'warning', message: why, topic: 'session-ended' })
    fake.emitAuthChanged({ profileId: 'local', status: 'signed-out', account: null })
    await eventually(() => expect(router.currentRoute.value.name).toBe('sign-in'))
    await eventually(() => expect(w.find('[data-testid="session-ended"]').text()).toContain(why))
    // Kept on screen, not in a toast that goes by itself.
    expect(toasts()).not.toContain(why)
    fake.emitAuthChanged({ profileId: 'local', status: 'signed-in', account: ada })
    await eventually(() => expect(w.find('[data-testid="session-ended"]').exists()).toBe(false))
  })

  it('subscribes once for the window and leaves no listener behind', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    const before = fake.listenerCount()
    // Screens opened later share the one subscription.
    useLiveStore()
    expect(fake.listenerCount()).toBe(before)
    useLiveStore().$dispose()
    expect(fake.listenerCount()).toBe(before - 2)
  })
})
