// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { AlertDTO } from '../../../src-shared/ipc'
import { VISIBLE_BANNERS } from '../../../src-renderer/stores/alerts'
import { describeError } from '../../../src-renderer/errors'
import { eventually, type FakeApi, installSignedIn } from './fake-api'
import { CLOUD_PROFILE, LOCAL_SANDBOX, makeSession } from './fake-records'
import { buttonNamed, fieldLabelled } from './dom-queries'
import { openAt, settle } from './mount-app'

/** Sign-in alerts in the window (issue 15 item 4): banners, "Sign it out", the history and mute. */
let fake: FakeApi
let wrapper: VueWrapper | null = null

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function open(path: string) {
  fake = installSignedIn()
  const opened = await openAt(path)
  wrapper = opened.wrapper
  return opened.wrapper
}

const OTHER = makeSession({
  $id: 'session-elsewhere',
  current: false,
  clientName: 'Firefox',
  clientVersion: '128.0',
  osName: 'Ubuntu',
  osVersion: '24.04',
  deviceName: 'desktop',
  ip: '198.51.100.4',
  countryName: 'Iceland',
})

let counter = 0
function alert(overrides: Partial<AlertDTO> = {}): AlertDTO {
  counter += 1
  return { id: `alert-${counter}`, profileId: 'local', kind: 'sign-in', time: '2025-03-14T10:00:00.000+00:00', session: OTHER, muted: false, ...overrides }
}

const banners = (w: VueWrapper) => w.findAll('[data-testid="sign-in-alert"]')

describe('sign-in alert banners', () => {
  it('name the browser, system, device, IP and country of a sign-in elsewhere; "This was me" dismisses it', async () => {
    const w = await open('/profile')
    expect(banners(w)).toHaveLength(0)
    fake.emitAlert(alert())
    await eventually(() => expect(banners(w)).toHaveLength(1))
    const text = banners(w)[0]!.text()
    expect(text).toContain('New sign-in on another device')
    for (const part of ['Firefox 128.0', 'Ubuntu 24.04', 'Desktop', '198.51.100.4', 'Iceland']) expect(text).toContain(part)

    await buttonNamed(w, 'This was me').trigger('click')
    await settle()
    expect(banners(w)).toHaveLength(0)
    expect(fake.callsOf('sessions.remove')).toEqual([])
  })

  it('"Sign it out" ends exactly that session, and says so', async () => {
    const w = await open('/profile')
    fake.sessions = [...fake.sessions, OTHER]
    fake.emitAlert(alert())
    await eventually(() => expect(banners(w)).toHaveLength(1))
    await buttonNamed(w, 'Sign it out').trigger('click')
    await eventually(() => expect(banners(w)[0]!.text()).toContain('Signed out Firefox 128.0 on Ubuntu 24.04 (Desktop, IP 198.51.100.4, Iceland).'))
    expect(fake.callsOf('sessions.remove')).toEqual([{ profileId: 'local', sessionId: 'session-elsewhere' }])
    expect(fake.sessions.map((s) => s.$id)).not.toContain('session-elsewhere')
    await buttonNamed(w, 'Dismiss').trigger('click')
    await settle()
    expect(banners(w)).toHaveLength(0)
  })

  it('a session already gone is said plainly; another failure keeps the alert with the reason', async () => {
    const w = await open('/profile')
    fake.emitAlert(alert())
    await eventually(() => expect(banners(w)).toHaveLength(1))
    await buttonNamed(w, 'Sign it out').trigger('click')
    await eventually(() => expect(banners(w)[0]!.text()).toContain('was already signed out'))

    fake.sessions = [...fake.sessions, OTHER]
    fake.emitAlert(alert())
    await eventually(() => expect(banners(w)).toHaveLength(2))
    fake.failNext('sessions.remove', { type: 'network_error', code: 0, message: 'The server could not be reached.' })
    await buttonNamed(w, 'Sign it out').trigger('click')
    await eventually(() => expect(banners(w)[0]!.text()).toContain('Could not sign it out: The server could not be reached.'))
    expect(banners(w)[0]!.find('[role="alert"]').exists()).toBe(true)
  })

  it('other alerts say what changed; several stack newest first, a few at a time', async () => {
    const w = await open('/profile')
    fake.emitAlert(alert({ kind: 'password', session: undefined }))
    fake.emitAlert(alert({ kind: 'email', session: undefined, email: 'moved@example.com' }))
    fake.emitAlert(alert({ kind: 'mfa-off', session: undefined }))
    fake.emitAlert(alert({ kind: 'blocked', session: undefined }))
    await eventually(() => expect(banners(w)).toHaveLength(VISIBLE_BANNERS))
    expect(banners(w).map((b) => b.attributes('data-kind'))).toEqual(['blocked', 'mfa-off', 'email'])
    expect(banners(w)[2]!.text()).toContain('moved@example.com')
    expect(w.find('[data-testid="sign-in-alerts-more"]').text()).toContain('One more alert')
    await buttonNamed(w, 'Dismiss all').trigger('click')
    await settle()
    expect(banners(w)).toHaveLength(0)
  })

  it('a clicked desktop notification brings a dismissed alert back and focuses it', async () => {
    const w = await open('/profile')
    const raised = alert()
    fake.emitAlert(raised)
    await eventually(() => expect(banners(w)).toHaveLength(1))
    await buttonNamed(w, 'This was me').trigger('click')
    await settle()
    fake.emitAlertOpened(raised)
    await eventually(() => expect(banners(w)).toHaveLength(1))
    await eventually(() => expect(document.activeElement).toBe(banners(w)[0]!.element))
  })

  it('an alert of another profile says whose it is, and signs out that profile’s session', async () => {
    fake = installSignedIn({ profiles: [LOCAL_SANDBOX, CLOUD_PROFILE] })
    const opened = await openAt('/profile')
    wrapper = opened.wrapper
    const w = opened.wrapper
    fake.emitAlert(alert({ profileId: 'cloud' }))
    await eventually(() => expect(banners(w)).toHaveLength(1))
    expect(banners(w)[0]!.text()).toContain('Appwrite Cloud: New sign-in on another device')
    fake.emitAlert(alert())
    await eventually(() => expect(banners(w)).toHaveLength(2))
    expect(banners(w)[0]!.text()).not.toContain('Local sandbox:')
    await buttonNamed(w, 'Sign it out').trigger('click')
    await eventually(() => expect(fake.callsOf('sessions.remove')).toHaveLength(1))
    // The newest (the sandbox's) first; the Cloud one's button is the second.
    const second = banners(w)[1]!
      .findAll('button')
      .find((b) => b.text() === 'Sign it out')!
    await second.trigger('click')
    await eventually(() => expect(fake.callsOf('sessions.remove')).toHaveLength(2))
    expect(fake.callsOf('sessions.remove')).toEqual([
      { profileId: 'local', sessionId: 'session-elsewhere' },
      { profileId: 'cloud', sessionId: 'session-elsewhere' },
    ])
  })
})

describe('alerts on the security overview', () => {
  it('lists the recent alerts, muted ones marked, and mutes the profile', async () => {
    fake = installSignedIn()
    fake.alerts = { muted: false, alerts: [alert({ muted: true }), alert({ kind: 'email', session: undefined, email: 'moved@example.com' })] }
    const opened = await openAt('/security')
    wrapper = opened.wrapper
    const w = opened.wrapper
    await eventually(() => expect(w.findAll('[data-testid="alert-history-entry"]')).toHaveLength(2))
    const rows = w.findAll('[data-testid="alert-history-entry"]')
    expect(rows[0]!.text()).toContain('New sign-in on another device')
    expect(rows[0]!.text()).toContain('Muted')
    expect(rows[0]!.text()).toContain('198.51.100.4')
    expect(rows[1]!.text()).toContain('Now moved@example.com')

    const mute = fieldLabelled(w, 'Mute alerts for this profile')
    expect(mute.element.checked).toBe(false)
    await mute.setValue(true)
    await eventually(() => expect(fake.callsOf('alerts.setMuted')).toEqual([{ profileId: 'local', muted: true }]))
    await eventually(() => expect(fieldLabelled(w, 'Mute alerts for this profile').element.checked).toBe(true))
  })

  it('a refused mute change is said under the box, and the box shows what is saved, not the click', async () => {
    fake = installSignedIn()
    const opened = await openAt('/security')
    wrapper = opened.wrapper
    const w = opened.wrapper
    await eventually(() => expect(w.text()).toContain('No alerts yet.'))
    const refusal = { type: 'network_error', code: 0, message: 'The server could not be reached.' }
    fake.failNext('alerts.setMuted', refusal)
    await fieldLabelled(w, 'Mute alerts for this profile').setValue(true)
    await eventually(() => expect(w.find('.alerts-mute [role="alert"]').text()).toBe(describeError(refusal)))
    expect(fake.alerts.muted).toBe(false)
    expect(fieldLabelled(w, 'Mute alerts for this profile').element.checked).toBe(false)
  })

  it('a new alert shows in the history without a reload; a muted one there only, with no banner', async () => {
    fake = installSignedIn()
    const opened = await openAt('/security')
    wrapper = opened.wrapper
    const w = opened.wrapper
    await eventually(() => expect(w.text()).toContain('No alerts yet.'))
    const raised = alert()
    fake.alerts = { muted: false, alerts: [raised] }
    fake.emitAlert(raised)
    await eventually(() => expect(w.findAll('[data-testid="alert-history-entry"]')).toHaveLength(1))
    expect(banners(w)).toHaveLength(1)
    const quiet = alert({ muted: true })
    fake.alerts = { muted: true, alerts: [quiet, raised] }
    fake.emitAlert(quiet)
    await eventually(() => expect(w.findAll('[data-testid="alert-history-entry"]')).toHaveLength(2))
    expect(banners(w)).toHaveLength(1)
  })
})
