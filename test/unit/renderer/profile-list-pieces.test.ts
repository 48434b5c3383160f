// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ProviderChips from '../../../src-renderer/components/ProviderChips.vue'
import StandalonePage from '../../../src-renderer/components/ui/StandalonePage.vue'

describe('StandalonePage', () => {
  it('heads the screen with its title, what it is for, and its actions', () => {
    const wrapper = mount(StandalonePage, {
      props: { title: 'Profiles', description: 'A profile connects the app to one Appwrite project.' },
      slots: { actions: '<a href="#/">Back</a>', default: '<ul><li>Local sandbox</li></ul>' },
    })
    expect(wrapper.find('h1').text()).toBe('Profiles')
    expect(wrapper.find('header p').text()).toBe('A profile connects the app to one Appwrite project.')
    expect(wrapper.find('header a').text()).toBe('Back')
    expect(wrapper.find('ul').text()).toBe('Local sandbox')
    expect(wrapper.classes()).not.toContain('standalone-page--wide')
  })

  it('has no actions line without actions, and is wider when asked', () => {
    const wrapper = mount(StandalonePage, { props: { title: 'Dev Mailbox', description: 'Messages.', wide: true } })
    expect(wrapper.find('.standalone-page__actions').exists()).toBe(false)
    expect(wrapper.classes()).toContain('standalone-page--wide')
  })
})

describe('ProviderChips', () => {
  it('lists the providers by the names people know, in order, under its label', () => {
    const wrapper = mount(ProviderChips, { props: { providers: ['oidc', 'github', 'someNewOne'], label: 'Sign-in providers' } })
    expect(wrapper.find('ul').attributes('aria-label')).toBe('Sign-in providers')
    expect(wrapper.findAll('li').map((chip) => chip.text())).toEqual(['OpenID Connect', 'GitHub', 'SomeNewOne'])
  })
})
