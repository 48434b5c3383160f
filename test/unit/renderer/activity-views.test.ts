// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { type FakeApi, installSignedIn } from './fake-api'
import { FAKE_MFA_CODE, makeLog, makeTarget, SERVER_2_3 } from './fake-records'
import { buttonCalled, fieldLabelled } from './dom-queries'
import { openAt, settle } from './mount-app'

let fake: FakeApi
let wrapper: VueWrapper | null = null

beforeEach(() => {
  fake = installSignedIn()
  // chart.js cannot draw without a canvas context; the charts are checked in the e2e journey.
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  useToasts().clear()
  vi.restoreAllMocks()
})

async function open(path: string): Promise<VueWrapper> {
  wrapper = (await openAt(path)).wrapper
  return wrapper
}

function toasts(): string[] {
  return useToasts().toasts.value.map((t) => t.message)
}

describe('Activity screen', () => {
  it('lists a long log with only the visible rows in the DOM, and filters by event', async () => {
    fake.logs = Array.from({ length: 1000 }, (_, i) => makeLog(i))
    const w = await open('/activity')
    await vi.waitFor(() => expect(w.find('[data-testid="activity-loaded"]').text()).toBe('100 of 1,000 entries loaded'))
    const rows = w.findAll('[role="listitem"]')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0]?.text()).toContain('session.create')

    const select = fieldLabelled(w, 'Event')
    expect(select.findAll('option').map((o) => o.text())).toContain('Account changed (33)')
    await select.setValue('user.update')
    await settle()
    expect(w.findAll('[role="listitem"]').every((row) => row.text().includes('user.update'))).toBe(true)
    // A short filtered list asks for more pages, so the loaded count may have grown meanwhile.
    expect(w.find('[data-testid="activity-loaded"]').text()).toMatch(/^\d+ “Account changed” in [1-9]\d*00 of 1,000 entries loaded$/)
  })

  it('names events for people under column headers, keeps the code beside them, and jumps to a date', async () => {
    fake.logs = Array.from({ length: 1000 }, (_, i) => makeLog(i))
    const w = await open('/activity')
    await vi.waitFor(() => expect(w.find('[data-testid="activity-loaded"]').text()).toBe('100 of 1,000 entries loaded'))
    expect(w.findAll('.entry--head > span').map((h) => h.text())).toEqual(['Event', 'When', 'App and device', 'Address and country'])
    const first = w.findAll('[role="listitem"]')[0]!
    expect(first.find('.entry__event').text()).toBe('Signed in or code sent')
    expect(first.find('.entry__event').attributes('title')).toMatch(/^session\.create: /)
    expect(first.find('code').text()).toBe('session.create')
    expect(first.findAll('.copy-button').map((b) => b.text())).toEqual(['Copy event code'])
    expect(w.find('[data-testid="activity-range"]').text()).toContain('All 1,000 entries the server keeps can be listed.')

    const target = new Date(fake.logs[250]!.time)
    const day = `${target.getFullYear()}-${String(target.getMonth() + 1).padStart(2, '0')}-${String(target.getDate()).padStart(2, '0')}`
    await fieldLabelled(w, 'Jump to date').setValue(day)
    await w.find('form[aria-label="Jump to a date"]').trigger('submit')
    await vi.waitFor(() => expect(w.find('[data-testid="activity-jump-note"]').text()).toMatch(/^Showing .+, newest entry first\.$/))
    // The pages down to that day were loaded to find it.
    expect(w.find('[data-testid="activity-loaded"]').text()).toMatch(/^[3-9]00 of 1,000 entries loaded$/)

    await fieldLabelled(w, 'Jump to date').setValue('')
    await w.find('form[aria-label="Jump to a date"]').trigger('submit')
    await settle()
    expect(w.text()).toContain('Choose a day to jump to.')
  })

  it('exports through the save dialog and says where the file went', async () => {
    fake.logs = Array.from({ length: 3 }, (_, i) => makeLog(i))
    const w = await open('/activity')
    await buttonCalled(w, 'Export CSV…').trigger('click')
    await settle()
    expect(toasts()).toContain('Saved 3 entries to /home/ada/activity.csv.')
  })

  it('shows the empty state, and the error state with a retry', async () => {
    fake.failNext('logs.list', { type: 'network_error', code: 0, message: '' })
    const w = await open('/activity')
    expect(w.text()).toContain('Your activity could not be loaded')
    expect(w.find('[role="alert"]').text()).toContain('The server could not be reached')
    await buttonCalled(w, 'Try again').trigger('click')
    await settle()
    expect(w.text()).toContain('No activity yet')
  })

  it('says plainly that a server without account logs has none, and does not ask it for them', async () => {
    fake = installSignedIn({ server: SERVER_2_3 })
    fake.logs = Array.from({ length: 3 }, (_, i) => makeLog(i))
    const w = await open('/activity')
    await vi.waitFor(() => expect(w.find('[data-testid="activity-no-logs"]').exists()).toBe(true))
    expect(w.text()).toContain('This server keeps no account logs')
    expect(w.find('[data-testid="activity-no-logs"]').text()).toContain('Appwrite 2.x')
    expect(fake.calls.some((c) => c.method === 'logs.list')).toBe(false)
    expect(w.findAll('button').some((b) => b.text().trim() === 'Export CSV…')).toBe(false)
  })

  it('takes a route-not-found answer from a server thought to have logs as the same news, not as a failure', async () => {
    fake.failNext('logs.list', { type: 'general_route_not_found', code: 404, message: 'The requested route was not found.' })
    const w = await open('/activity')
    await vi.waitFor(() => expect(w.find('[data-testid="activity-no-logs"]').exists()).toBe(true))
    expect(w.text()).not.toContain('Your activity could not be loaded')
  })
})

describe('MFA screen', () => {
  it('asks for a fresh challenge in place when removing the authenticator, then removes it', async () => {
    fake.factors = { totp: true, phone: false, email: false, recoveryCode: true }
    const w = await open('/mfa')
    await buttonCalled(w, 'Remove authenticator app').trigger('click')
    await settle()
    await buttonCalled(w, 'Remove').trigger('click')
    await settle()
    expect(w.text()).toContain('Confirm it is you')
    const code = w.find('input[autocomplete="one-time-code"]')
    await code.setValue(FAKE_MFA_CODE)
    await w.find('.challenge form').trigger('submit')
    await settle()
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['mfa.createChallenge', 'mfa.completeChallenge']))
    expect(fake.calls.filter((c) => c.method === 'mfa.removeAuthenticator')).toHaveLength(2)
    expect(toasts()).toContain('The authenticator app was removed.')
    expect(w.text()).toContain('Add authenticator app')
  })

  it('enrols with a QR code drawn locally and the key in groups of four', async () => {
    const w = await open('/mfa')
    await buttonCalled(w, 'Add authenticator app').trigger('click')
    await settle()
    expect(w.find('svg[role="img"]').attributes('aria-label')).toContain('QR code')
    expect(w.find('[data-testid="totp-secret"]').text()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')
    await w.find('.enrol input').setValue(FAKE_MFA_CODE)
    await w.find('form.enrol').trigger('submit')
    await settle()
    expect(toasts()).toContain('Your authenticator app is set up.')
  })
})

describe('Identities and push targets screens', () => {
  it('unlinks an identity after confirming', async () => {
    fake.identities = [
      {
        $id: 'id1',
        $createdAt: '2025-03-14T09:26:53.000+00:00',
        $updatedAt: '',
        userId: 'user1',
        provider: 'github',
        providerUid: '1',
        providerEmail: 'ada@github.example',
        providerAccessTokenExpiry: '2020-01-01T00:00:00.000+00:00',
      },
    ]
    const w = await open('/identities')
    expect(w.find('[data-testid="identity"]').text()).toContain('GitHub')
    expect(w.find('[data-testid="identity"]').text()).toContain('Expired')
    await buttonCalled(w, 'Unlink GitHub (ada@github.example)').trigger('click')
    await settle()
    expect(fake.calls.some((c) => c.method === 'identities.remove')).toBe(false)
    await w.find('dialog[open] form').trigger('submit')
    await settle()
    expect(toasts()).toContain('GitHub is no longer linked to your account.')
    expect(w.text()).toContain('No linked sign-ins')
  })

  it('adds a push target and refuses a duplicate with a clear message', async () => {
    fake.targets = [makeTarget({ $id: 't1', identifier: 'tok-1' })]
    const w = await open('/targets')
    const [token] = w.findAll('.add-form input')
    await token!.setValue('tok-1')
    await w.find('form.add-form').trigger('submit')
    await settle()
    expect(w.find('.add-form').text()).toContain('A target with this identifier already exists.')
    await token!.setValue('tok-2')
    await w.find('form.add-form').trigger('submit')
    await settle()
    expect(toasts()).toContain('Push target added.')
    expect(w.findAll('[data-testid="target-identifier"]').map((c) => c.text())).toEqual(['tok-1', 'tok-2'])
    await flushPromises()
  })

  it('refuses a device token over 255 characters and a provider ID over 36 with sentences, sending nothing', async () => {
    const w = await open('/targets')
    const [token, provider] = w.findAll('.add-form input')
    await token!.setValue('🔔'.repeat(256))
    await provider!.setValue('p'.repeat(37))
    expect(w.find('.add-form').text()).toContain('1 character too many: at most 255 are allowed.')
    expect(w.find('.add-form').text()).toContain('1 character too many: at most 36 are allowed.')
    await w.find('form.add-form').trigger('submit')
    await settle()
    expect(fake.calls.filter((call) => call.method === 'targets.createPush')).toEqual([])

    // 255 emoji are 510 UTF-16 units and still within Appwrite's 255 characters.
    await token!.setValue('🔔'.repeat(255))
    await provider!.setValue('')
    await w.find('form.add-form').trigger('submit')
    await settle()
    expect(toasts()).toContain('Push target added.')
    await flushPromises()
  })
})
