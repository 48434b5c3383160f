// @vitest-environment happy-dom
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { formatDateTime, formatRelative } from '../../../src-renderer/dates'
import { eventually, type FakeApi, installSignedIn } from './fake-api'
import { makeOverview, makeSession, OTHER_SESSION } from './fake-records'
import { buttonCalled, fieldLabelled } from './dom-queries'
import { openAt, settle } from './mount-app'

let fake: FakeApi
let wrapper: VueWrapper | null = null

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  useToasts().clear()
  delete document.documentElement.dataset.theme
})

async function open(path: string, options: Parameters<typeof installSignedIn>[0] = {}, prepare: (fake: FakeApi) => void = () => undefined) {
  fake = installSignedIn(options)
  prepare(fake)
  const opened = await openAt(path)
  wrapper = opened.wrapper
  return opened
}

function dialogTitled(w: VueWrapper, title: string): DOMWrapper<HTMLDialogElement> {
  const found = w.findAll<HTMLDialogElement>('dialog').find((d) => d.find('h2').text() === title)
  if (!found) throw new Error(`no dialog "${title}"`)
  return found
}

function toasts(): string[] {
  return useToasts().toasts.value.map((t) => t.message)
}

describe('signed-in layout', () => {
  it('lists the account screens the router has, grouped, and marks the open one', async () => {
    const { wrapper: w } = await open('/sessions')
    const nav = w.find('nav[aria-label="Account"]')
    const links = nav.findAll('a').map((a) => a.text())
    expect(links).toEqual(['Profile', 'Preferences', 'Overview', 'Two-step sign-in', 'Sessions', 'Linked sign-ins', 'Activity', 'Push targets', 'Developer'])
    expect(nav.findAll('a[aria-current="page"]').map((a) => a.text())).toEqual(['Sessions'])
  })

  it('applies the account’s theme to the window, and lets go of it when signed out', async () => {
    const { wrapper: w, router } = await open('/profile', { account: { prefs: { theme: 'dark' } } })
    expect(document.documentElement.dataset.theme).toBe('dark')
    fake.emitAuthChanged({ profileId: 'local', status: 'signed-out', account: null })
    await eventually(() => expect(router.currentRoute.value.name).toBe('sign-in'))
    expect(document.documentElement.dataset.theme).toBeUndefined()
    expect(w.find('nav[aria-label="Account"]').exists()).toBe(false)
  })

  it('writes dates in the account’s locale and time zone', async () => {
    const { wrapper: w } = await open('/profile', { account: { prefs: { locale: 'de-DE', timezone: 'Asia/Tokyo' } } })
    const iso = '2025-03-14T09:26:53.000+00:00'
    expect(w.find('[data-testid="account-registered"]').text()).toBe(
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(iso)),
    )
    w.unmount()
    wrapper = null
    // Back to the system's own once the account screens are gone.
    expect(formatDateTime(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)))
  })
})

describe('Preferences screen', () => {
  it('shows saved preferences as rows, saves an added key, and says so', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { theme: 'light' } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(1))
    expect(w.find('[data-testid="prefs-changes"]').text()).toBe('No unsaved changes.')
    await buttonCalled(w, 'Add a key').trigger('click')
    await settle()
    const key = w.find<HTMLInputElement>('input[aria-label="Key (row 2)"]')
    expect(document.activeElement).toBe(key.element)
    await key.setValue('pageSize')
    await w.find('select[aria-label="Type of pageSize"]').setValue('number')
    await w.find('input[aria-label="Value of pageSize"]').setValue('50')
    expect(w.find('[data-testid="prefs-changes"]').text()).toBe('Unsaved: 1 added.')
    await buttonCalled(w, 'Save preferences').trigger('click')
    await eventually(() => expect(fake.callsOf('prefs.update')).toEqual([{ profileId: 'local', prefs: { theme: 'light', pageSize: 50 } }]))
    await eventually(() => expect(toasts()).toContain('Preferences saved.'))
    // The saved theme now applies to the window.
    expect(document.documentElement.dataset.theme).toBe('light')
  })

  it('marks a bad row, keeps Save off, and will not switch to JSON until it is fixed', async () => {
    const { wrapper: w } = await open('/preferences')
    await eventually(() => expect(w.text()).toContain('No preferences yet'))
    await buttonCalled(w, 'Add a key').trigger('click')
    await settle()
    await w.find('input[aria-label="Key (row 1)"]').setValue('n')
    await w.find('select[aria-label="Type of n"]').setValue('number')
    await w.find('input[aria-label="Value of n"]').setValue('many')
    expect(w.text()).toContain('Enter a number, such as 42 or 1.5.')
    expect(w.find('input[aria-label="Value of n"]').attributes('aria-invalid')).toBe('true')
    expect(buttonCalled(w, 'Save preferences').element.disabled).toBe(true)

    await w.find('[role="tab"][aria-selected="false"]').trigger('click')
    await settle()
    expect(w.find('[role="tab"][aria-selected="true"]').text()).toBe('Keys and values')
    expect(w.text()).toContain('Fix the marked rows first')
  })

  it('moves between tabs with the arrow keys, showing the same draft as JSON', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { a: 1 } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(1))
    const tabs = w.findAll('[role="tab"]')
    await tabs[0]!.trigger('keydown', { key: 'ArrowRight' })
    await settle()
    expect(tabs[1]!.attributes('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tabs[1]!.element)
    expect(tabs[0]!.attributes('tabindex')).toBe('-1')
    expect(fieldLabelled(w, 'Preferences as JSON').element.value).toBe('{\n  "a": 1\n}')
  })

  it('asks before a save that removes keys, naming them', async () => {
    const { wrapper: w } = await open('/preferences', { account: { prefs: { keep: 1, drop: 2 } } })
    await eventually(() => expect(w.findAll('[data-testid="kv-row"]')).toHaveLength(2))
    await buttonCalled(w, 'Remove drop').trigger('click')
    await settle()
    await buttonCalled(w, 'Save preferences').trigger('click')
    await settle()
    const dialog = dialogTitled(w, 'Remove preferences?')
    expect(dialog.attributes('open')).toBeDefined()
    expect(dialog.text()).toContain('drop')
    expect(fake.callsOf('prefs.update')).toEqual([])
    await dialog.find('form').trigger('submit')
    await eventually(() => expect(fake.callsOf('prefs.update')).toEqual([{ profileId: 'local', prefs: { keep: 1 } }]))
  })

  it('shows a load error with a way to try again', async () => {
    const { wrapper: w } = await open('/preferences', {}, (f) => f.failNext('prefs.get', { type: 'network_error', code: 0, message: 'down' }))
    await eventually(() => expect(w.text()).toContain('Your preferences could not be loaded'))
    expect(w.find('[role="alert"]').text()).toContain('The server could not be reached')
    await buttonCalled(w, 'Try again').trigger('click')
    await eventually(() => expect(w.text()).toContain('No preferences yet'))
  })
})

describe('Sessions screen', () => {
  it('lists this session first and marked, with device, place, provider, factors and dates', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    const [here, other] = w.findAll('[data-testid="session"]')
    expect(here!.attributes('aria-current')).toBe('true')
    expect(here!.text()).toContain('This device')
    expect(other!.find('h3').text()).toBe('Chrome 126.0 on Windows 10')
    for (const text of ['Germany', '203.0.113.7', 'E-mail and password', 'password', formatDateTime(OTHER_SESSION.expire)]) {
      expect(other!.text()).toContain(text)
    }
    // Last seen in words, the exact time on hover.
    const seen = other!.find('[data-testid="session-last-seen"]')
    expect(seen.text()).toBe(formatRelative(seen.attributes('datetime')!))
    expect(seen.attributes('datetime')).toBe(OTHER_SESSION.$updatedAt)
    expect(seen.attributes('title')).toBe(formatDateTime(seen.attributes('datetime')!))
  })

  it('gathers sessions by app and device with counts, this device’s group first', async () => {
    const chrome = (id: string, createdAt: string) => makeSession({ ...OTHER_SESSION, $id: id, $createdAt: createdAt, $updatedAt: createdAt })
    const phone = (id: string) =>
      makeSession({
        $id: id,
        current: false,
        clientName: 'Mobile Safari',
        clientVersion: '17.4',
        osName: 'iOS',
        osVersion: '17.4',
        deviceName: 'smartphone',
        deviceBrand: 'Apple',
        deviceModel: 'iPhone',
      })
    // Appwrite names no client for this app's own User-Agent: the current session is this app.
    const here = makeSession({ clientName: '', clientType: '', clientVersion: '', osName: 'GNU/Linux' })
    const sessions = [phone('p1'), chrome('c1', '2025-03-01T00:00:00.000+00:00'), here, chrome('c2', '2025-03-12T00:00:00.000+00:00'), phone('p2')]
    const { wrapper: w } = await open('/sessions', { sessions })
    await eventually(() => expect(w.findAll('[data-testid="session-group"]')).toHaveLength(3))
    const groups = w.findAll('[data-testid="session-group"]')
    expect(groups.map((g) => g.find('[data-testid="session-group-title"]').text())).toEqual([
      'Account Console on GNU/Linux',
      'Mobile Safari on iOS',
      'Chrome on Windows',
    ])
    expect(groups.map((g) => g.find('[data-testid="session-group-count"]').text())).toEqual(['1 session', '2 sessions', '2 sessions'])
    expect(groups[0]!.find('[data-testid="session"]').attributes('aria-current')).toBe('true')
    expect(groups[1]!.text()).toContain('Apple iPhone (smartphone)')
    // Newest first inside a group.
    expect(groups[2]!.findAll('[data-testid="session"]').map((s) => s.attributes('data-session-id'))).toEqual(['c2', 'c1'])
    expect(w.find('[data-testid="sessions-count"]').text()).toBe('5 sessions from 3 apps and devices')
  })

  it('signs out one session after asking, and says so', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    const other = w.findAll('[data-testid="session"]')[1]!
    await other.find('button').trigger('click')
    await settle()
    const dialog = dialogTitled(w, 'Sign out Chrome 126.0 on Windows 10?')
    expect(fake.callsOf('sessions.remove')).toEqual([])
    await dialog.find('form').trigger('submit')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(1))
    expect(fake.callsOf('sessions.remove')).toEqual([{ profileId: 'local', sessionId: 'session-other' }])
    expect(toasts()).toContain('Chrome 126.0 on Windows 10 is signed out.')
  })

  it('signs out all other sessions after asking, and extends this one', async () => {
    const extra = makeSession({ $id: 'session-third', current: false, clientName: 'Firefox', osName: 'Linux' })
    const { wrapper: w } = await open('/sessions', { sessions: [makeSession(), OTHER_SESSION, extra] })
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(3))
    await buttonCalled(w, 'Sign out all other sessions').trigger('click')
    await settle()
    await dialogTitled(w, 'Sign out all other sessions?').find('form').trigger('submit')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(1))
    expect(toasts()).toContain('2 other sessions are signed out.')
    expect(buttonCalled(w, 'Sign out all other sessions').element.disabled).toBe(true)

    await buttonCalled(w, 'Extend this session').trigger('click')
    await eventually(() => expect(w.find('[data-testid="session-expire"]').attributes('datetime')).toBe('2027-01-01T12:00:00.000+00:00'))
    expect(fake.callsOf('sessions.extendCurrent')).toEqual([{ profileId: 'local' }])
  })

  it('keeps the dialog open with Appwrite’s reason when a sign-out fails', async () => {
    const { wrapper: w } = await open('/sessions')
    await eventually(() => expect(w.findAll('[data-testid="session"]')).toHaveLength(2))
    fake.failNext('sessions.remove', { type: 'general_rate_limit_exceeded', code: 429, message: 'Rate limit for the current endpoint has been exceeded.' })
    await w.findAll('[data-testid="session"]')[1]!.find('button').trigger('click')
    await settle()
    const dialog = dialogTitled(w, 'Sign out Chrome 126.0 on Windows 10?')
    await dialog.find('form').trigger('submit')
    await eventually(() => expect(dialog.find('[role="alert"]').text()).toBe('Too many attempts. Wait a while before you try again.'))
    expect(dialog.attributes('open')).toBeDefined()
  })
})

describe('Developer screen', () => {
  it('shows the endpoint, project and user ids, and creates a JWT for the chosen time', async () => {
    const { wrapper: w } = await open('/developer')
    expect(w.find('[data-testid="developer-endpoint"]').text()).toBe('http://127.0.0.1:4010/v1')
    expect(w.find('[data-testid="developer-project"]').text()).toBe('local')
    expect(w.find('[data-testid="developer-user"]').text()).toBe('user1')
    await fieldLabelled(w, 'Valid for').setValue('3600')
    await buttonCalled(w, 'Create JWT and copy it').trigger('click')
    await eventually(() => expect(w.find('[data-testid="jwt-result"]').text()).toContain('eyJ0eXAiOi…'))
    expect(fake.callsOf('developer.createJwt')).toEqual([{ profileId: 'local', duration: 3600 }])
    expect(toasts()).toContain('A new JWT is on the clipboard.')
  })

  it('shows Appwrite’s refusal in words', async () => {
    const { wrapper: w } = await open('/developer', {}, (f) =>
      f.failNext('developer.createJwt', { type: 'user_auth_method_unsupported', code: 501, message: 'Unsupported' }),
    )
    await buttonCalled(w, 'Create JWT and copy it').trigger('click')
    await eventually(() => expect(w.find('[role="alert"]').text()).toBe('This way of signing in is turned off for the project.'))
  })
})

describe('Security overview screen', () => {
  it('shows the facts and findings, worst first, and a finding’s button goes where it is fixed', async () => {
    const { wrapper: w, router } = await open('/security', {}, (f) => {
      f.overview = makeOverview({ sessionCount: 3, countryCount: 2, deviceCount: 2 })
    })
    await eventually(() => expect(w.findAll('[data-testid="finding"]')).toHaveLength(3))
    expect(w.find('[data-testid="fact-sessions"]').text()).toBe('3')
    expect(w.find('[data-testid="fact-countries"]').text()).toBe('2')
    expect(w.text()).toContain('2 things to look at, worst first.')
    await buttonCalled(w.find('[data-finding="mfa-off"]'), 'Set up MFA').trigger('click')
    await eventually(() => expect(router.currentRoute.value.name).toBe('mfa'))
  })

  it('offers no button for a fix this console has no screen for', async () => {
    const { wrapper: w } = await open('/security', {}, (f) => {
      f.overview = makeOverview({
        findings: [{ id: 'future', severity: 'info', title: 'Something new', detail: 'A newer core.', action: { label: 'Go', route: 'no-such-screen' } }],
      })
    })
    await eventually(() => expect(w.findAll('[data-testid="finding"]')).toHaveLength(1))
    expect(w.find('[data-finding="future"] button').exists()).toBe(false)
  })

  it('says when the overview cannot be made, and tries again', async () => {
    const { wrapper: w } = await open('/security', {}, (f) => f.failNext('security.getOverview', { type: 'network_error', code: 0, message: 'down' }))
    await eventually(() => expect(w.text()).toContain('The overview could not be made'))
    await buttonCalled(w, 'Try again').trigger('click')
    await eventually(() => expect(w.findAll('[data-testid="finding"]')).toHaveLength(3))
  })
  it('keeps the overview it has when checking again fails', async () => {
    const { wrapper: w } = await open('/security')
    await eventually(() => expect(w.findAll('[data-testid="finding"]')).toHaveLength(3))
    fake.failNext('security.getOverview', { type: 'network_error', code: 0, message: 'down' })
    await buttonCalled(w, 'Check again').trigger('click')
    await settle()
    expect(fake.callsOf('security.getOverview')).toHaveLength(2)
    expect(w.findAll('[data-testid="finding"]')).toHaveLength(3)
    expect(w.text()).not.toContain('The overview could not be made')
  })
})
