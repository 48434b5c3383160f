// @vitest-environment happy-dom
/**
 * The Connected apps screen and its navigation entry: listed only where the server offers
 * consents; consents shown readably; a consent's devices loaded when opened; one device signed out
 * and the whole access removed, each after confirming; the empty state; a load error in words.
 */
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConsentDTO, ConsentTokenDTO } from '../../../src-shared/ipc'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { installSignedIn } from './fake-api'
import { SERVER_1_9, SERVER_2_3 } from './fake-records'
import { buttonCalled } from './dom-queries'
import { openAt, settle } from './mount-app'

function consent(id: string, overrides: Partial<ConsentDTO> = {}): ConsentDTO {
  return {
    $id: id,
    $createdAt: '2026-11-01T09:00:00.000+00:00',
    $updatedAt: '2026-11-01T09:00:00.000+00:00',
    appId: `app-${id}`,
    cimdUrl: '',
    scopes: ['openid', 'email', 'projects.read'],
    resources: ['https://api.example.com'],
    authorizationDetails: [{ type: 'project', fields: [{ name: 'projects', value: 'alpha, beta' }] }],
    expire: '',
    ...overrides,
  }
}

function family(id: string, consentId: string): ConsentTokenDTO {
  return {
    $id: id,
    consentId,
    $createdAt: '2026-11-02T09:00:00.000+00:00',
    $updatedAt: '2026-11-03T09:00:00.000+00:00',
    scopes: ['openid'],
    resources: [],
    expire: '2026-12-31T09:00:00.000+00:00',
  }
}

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  useToasts().clear()
})

async function open(path: string): Promise<VueWrapper> {
  wrapper = (await openAt(path)).wrapper
  return wrapper
}

const navLabels = (w: VueWrapper): string[] => w.findAll('nav[aria-label="Account"] a').map((a) => a.text().trim())
const toasts = (): string[] => useToasts().toasts.value.map((t) => t.message)

describe('Connected apps', () => {
  it('is in the navigation only where the server offers consents', async () => {
    installSignedIn({ server: SERVER_1_9 })
    let w = await open('/profile')
    await vi.waitFor(() => expect(navLabels(w)).toContain('Push targets'))
    expect(navLabels(w)).not.toContain('Connected apps')
    w.unmount()

    installSignedIn({ server: SERVER_2_3 })
    w = await open('/profile')
    await vi.waitFor(() => expect(navLabels(w)).toContain('Connected apps'))
  })

  it('on a server without consents says so and asks nothing', async () => {
    const fake = installSignedIn({ server: SERVER_1_9 })
    const w = await open('/connected-apps')
    await vi.waitFor(() => expect(w.text()).toContain('This server has no connected apps'))
    expect(fake.callsOf('consents.list')).toEqual([])
  })

  it('lists what each app may do; opens its devices; signs one out, then removes the access, each after confirming', async () => {
    const fake = installSignedIn({ server: SERVER_2_3 })
    fake.consents = [consent('c1'), consent('c2', { appId: '', cimdUrl: 'https://client.example.org/meta.json', authorizationDetails: [], resources: [] })]
    fake.consentTokens = { c1: [family('t1', 'c1'), family('t2', 'c1')] }
    const w = await open('/connected-apps')
    await vi.waitFor(() => expect(w.findAll('[data-testid="consent"]')).toHaveLength(2))
    const first = w.findAll('[data-testid="consent"]')[0]!
    expect(first.find('h3').text()).toBe('app-c1')
    expect(first.findAll('[data-testid="consent-scope"]').map((s) => s.text())).toEqual(['Confirm who you are', 'See your e-mail address', 'projects.read'])
    expect(first.find('[data-testid="consent-detail"]').text()).toBe('project; projects: alpha, beta')
    expect(first.find('[data-testid="consent-resource"]').text()).toBe('https://api.example.com')
    expect(w.findAll('[data-testid="consent"]')[1]!.find('h3').text()).toBe('client.example.org')
    expect(fake.callsOf('consents.listTokens')).toEqual([])

    await buttonCalled(w, 'Devices and sessions of app-c1').trigger('click')
    await vi.waitFor(() => expect(w.findAll('[data-testid="consent-family"]')).toHaveLength(2))
    expect(fake.callsOf('consents.listTokens')).toEqual([{ profileId: 'local', consentId: 'c1' }])

    await w.findAll('[data-testid="consent-family"]')[0]!.find('button').trigger('click')
    await settle()
    expect(fake.callsOf('consents.removeToken')).toEqual([])
    await w.find('dialog[open] form').trigger('submit')
    await vi.waitFor(() => expect(w.findAll('[data-testid="consent-family"]')).toHaveLength(1))
    expect(fake.callsOf('consents.removeToken')).toEqual([{ profileId: 'local', consentId: 'c1', tokenId: 't1' }])
    expect(toasts()).toContain('app-c1 is signed out on that device.')

    await buttonCalled(w, 'Remove access for app-c1').trigger('click')
    await settle()
    expect(w.find('dialog[open]').text()).toContain('can no longer use your account')
    await w.find('dialog[open] form').trigger('submit')
    await vi.waitFor(() => expect(w.findAll('[data-testid="consent"]')).toHaveLength(1))
    expect(toasts()).toContain('app-c1 no longer has access to your account.')
  })

  it('explains the empty list, and says a failed load in words with a retry', async () => {
    const fake = installSignedIn({ server: SERVER_2_3 })
    fake.failNext('consents.list', { type: 'network_error', code: 0, message: 'The server could not be reached.' })
    const w = await open('/connected-apps')
    await vi.waitFor(() => expect(w.text()).toContain('Connected apps could not be loaded'))
    expect(w.text()).toContain('The server could not be reached')
    await buttonCalled(w, 'Try again').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="consents-empty"]').exists()).toBe(true))
    expect(w.text()).toContain('No connected apps')
  })
})
