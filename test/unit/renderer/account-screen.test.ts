// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AccountScreen from '../../../src-renderer/components/ui/AccountScreen.vue'
import { buttonNamed } from './dom-queries'

const SLOTS = {
  actions: '<button type="button">Reload</button>',
  empty: 'Nothing was signed in yet.',
  default: '<p data-testid="content">The list</p>',
  dialogs: '<dialog data-testid="dialog"></dialog>',
}

function screen(props: Record<string, unknown> = {}) {
  return mount(AccountScreen, {
    props: {
      title: 'Sessions',
      description: 'Where you are signed in.',
      loadingLabel: 'Loading your sessions…',
      errorTitle: 'Your sessions could not be loaded',
      emptyTitle: 'No sessions',
      ...props,
    },
    slots: SLOTS,
  })
}

describe('AccountScreen', () => {
  it('shows the page header and, once loaded, the content', () => {
    const wrapper = screen()

    expect(wrapper.find('h1').text()).toBe('Sessions')
    expect(wrapper.text()).toContain('Where you are signed in.')
    expect(buttonNamed(wrapper, 'Reload').exists()).toBe(true)
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true)
    expect(wrapper.find('[role="status"]').exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('shows only a named spinner while loading, even when the last load failed', () => {
    const wrapper = screen({ loading: true, failed: true, empty: true })

    expect(wrapper.find('[role="status"]').text()).toBe('Loading your sessions…')
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('No sessions')
  })

  it('takes a store’s load status: not yet loaded or loading is the spinner, an error the failure, ready the content', () => {
    expect(screen({ status: 'idle' }).find('[role="status"]').text()).toBe('Loading your sessions…')
    expect(screen({ status: 'loading' }).find('[data-testid="content"]').exists()).toBe(false)
    expect(screen({ status: 'error' }).find('h2').text()).toBe('Your sessions could not be loaded')
    expect(screen({ status: 'ready' }).find('[data-testid="content"]').exists()).toBe(true)
  })

  it('says why loading failed and offers to try again', async () => {
    const wrapper = screen({ failed: true, empty: true, error: { type: 'network_error', code: 0, message: '' } })

    expect(wrapper.find('h2').text()).toBe('Your sessions could not be loaded')
    expect(wrapper.find('[role="alert"]').text()).toBe('The server could not be reached. Check the endpoint and your connection.')
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('No sessions')
    await buttonNamed(wrapper, 'Try again').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('says only that something went wrong when it has no error to name', () => {
    expect(screen({ failed: true }).find('[role="alert"]').text()).toBe('Something went wrong.')
  })

  it('shows the empty state instead of the content when there is nothing', () => {
    const wrapper = screen({ empty: true })

    expect(wrapper.find('h2').text()).toBe('No sessions')
    expect(wrapper.text()).toContain('Nothing was signed in yet.')
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false)
  })

  it('keeps its dialogs mounted in every state, so an open one survives a reload', () => {
    for (const state of [{}, { loading: true }, { failed: true }, { empty: true }]) {
      expect(screen(state).find('[data-testid="dialog"]').exists()).toBe(true)
    }
  })

  it('leaves the heading to the content when it has no title', () => {
    const wrapper = mount(AccountScreen, { slots: { default: '<header><h1>Ada Lovelace</h1></header>' } })

    expect(wrapper.findAll('h1').map((heading) => heading.text())).toEqual(['Ada Lovelace'])
  })
})
