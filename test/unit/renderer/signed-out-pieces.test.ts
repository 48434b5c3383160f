// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import ActiveProfileLine from '../../../src-renderer/components/ActiveProfileLine.vue'
import AuthCard from '../../../src-renderer/components/AuthCard.vue'
import SignInEmailField from '../../../src-renderer/components/SignInEmailField.vue'
import FormCard from '../../../src-renderer/components/ui/FormCard.vue'
import ScreenCard from '../../../src-renderer/components/ui/ScreenCard.vue'
import { useAppStore } from '../../../src-renderer/stores/app'
import { fieldLabelled } from './dom-queries'
import { CLOUD_PROFILE, KEYCHAIN_OK, LOCAL_SANDBOX } from './fake-records'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ScreenCard', () => {
  it('is a section named by its title, the page’s h1', () => {
    const wrapper = mount(ScreenCard, { props: { title: 'Sign in' }, slots: { default: 'Fields' } })
    const section = wrapper.find('section')
    const heading = wrapper.find('h1')
    expect(heading.text()).toBe('Sign in')
    expect(section.attributes('aria-labelledby')).toBe(heading.attributes('id'))
    expect(wrapper.text()).toContain('Fields')
  })

  it('has a description and a footer only when given them', () => {
    const bare = mount(ScreenCard, { props: { title: 'Done' } })
    expect(bare.find('.screen-card__description').exists()).toBe(false)
    expect(bare.find('footer').exists()).toBe(false)

    const full = mount(ScreenCard, { props: { title: 'Done' }, slots: { description: 'All set.', footer: 'Back to sign in' } })
    expect(full.find('.screen-card__description').text()).toBe('All set.')
    expect(full.find('footer').text()).toBe('Back to sign in')
  })

  it('is narrower around a form', () => {
    expect(mount(ScreenCard, { props: { title: 'Sign in', narrow: true } }).classes()).toContain('screen-card--narrow')
    expect(mount(ScreenCard, { props: { title: 'Check your e-mail' } }).classes()).not.toContain('screen-card--narrow')
  })
})

describe('FormCard', () => {
  it('submits on Enter (the form’s submit) without the browser’s own submit', async () => {
    const wrapper = mount(FormCard, { props: { title: 'Sign in' }, slots: { default: () => h('input', { name: 'email' }) } })
    const event = new Event('submit', { cancelable: true })
    wrapper.find('form').element.dispatchEvent(event)
    expect(wrapper.emitted('submit')).toHaveLength(1)
    expect(event.defaultPrevented).toBe(true)
  })

  it('keeps its description one paragraph and its footer one line of running text', () => {
    const wrapper = mount(FormCard, {
      props: { title: 'Enter the code', busy: true },
      slots: { description: 'We sent a code to <strong>ada@example.com</strong>.', footer: '<a href="#a">Start again</a> · <a href="#b">Back</a>' },
    })
    const paragraphs = wrapper.findAll('.screen-card__description > *')
    expect(paragraphs.map((p) => p.element.tagName)).toEqual(['P'])
    expect(paragraphs[0]!.text()).toBe('We sent a code to ada@example.com.')
    expect(wrapper.findAll('footer > *').map((line) => line.text())).toEqual(['Start again · Back'])
    expect(wrapper.find('form').attributes('aria-busy')).toBe('true')
  })

  it('takes a plain description as a prop', () => {
    const wrapper = mount(FormCard, { props: { title: 'Sign in', description: 'to Local sandbox' } })
    expect(wrapper.find('.screen-card__description p').text()).toBe('to Local sandbox')
  })
})

describe('AuthCard', () => {
  it('shows its icon in its tone above the title, and no icon when it has none', () => {
    const withIcon = mount(AuthCard, { props: { title: 'You are offline', icon: 'offline', tone: 'warning' } })
    const icon = withIcon.find('.icon-disc')
    expect(icon.classes()).toContain('icon-disc--warning')
    expect(icon.element.nextElementSibling?.tagName).toBe('H1')

    expect(
      mount(AuthCard, { props: { title: 'Check your e-mail' } })
        .find('.icon-disc')
        .exists(),
    ).toBe(false)
  })

  it('passes its description, content and footer on to the card', () => {
    const wrapper = mount(AuthCard, {
      props: { title: 'Check your e-mail', icon: 'mail' },
      slots: { description: '<p>We sent a link.</p><p>It works for an hour.</p>', default: 'Waiting…', footer: 'Back to sign in' },
    })
    expect(wrapper.findAll('.screen-card__description p').map((p) => p.text())).toEqual(['We sent a link.', 'It works for an hour.'])
    expect(wrapper.text()).toContain('Waiting…')
    expect(wrapper.find('footer').text()).toBe('Back to sign in')
  })
})

describe('ActiveProfileLine', () => {
  function mountLine(preposition: 'to' | 'on', activeProfileId: string | null) {
    const pinia = createPinia()
    setActivePinia(pinia)
    if (activeProfileId) {
      useAppStore().status = { version: '0.1.0', keychain: KEYCHAIN_OK, profiles: [LOCAL_SANDBOX, CLOUD_PROFILE], activeProfileId }
    }
    // Rendered where it is used: inside the description's paragraph.
    const wrapper = mount(
      { components: { ActiveProfileLine }, template: `<p><ActiveProfileLine preposition="${preposition}" /></p>` },
      { global: { plugins: [pinia] } },
    )
    return wrapper
  }

  it('names the active profile and its endpoint', () => {
    const wrapper = mountLine('to', 'cloud')
    expect(wrapper.text()).toBe('to Appwrite Cloud https://cloud.appwrite.io/v1')
    expect(wrapper.find('strong').text()).toBe('Appwrite Cloud')
    expect(wrapper.find('.endpoint').text()).toBe('https://cloud.appwrite.io/v1')
    expect(mountLine('on', 'local').text()).toBe('on Local sandbox http://127.0.0.1:4010/v1')
  })

  it('says nothing while no profile is active', () => {
    expect(mountLine('to', null).text()).toBe('')
  })
})

describe('SignInEmailField', () => {
  it('is the username a password manager fills, and takes focus when asked', async () => {
    const wrapper = mount(SignInEmailField, { props: { modelValue: '', error: '' }, attachTo: document.body })
    const input = fieldLabelled(wrapper, 'E-mail')
    expect(input.attributes('type')).toBe('email')
    expect(input.attributes('autocomplete')).toBe('username')
    expect(input.attributes('inputmode')).toBe('email')
    expect(input.attributes('required')).toBeDefined()

    wrapper.vm.focus()
    expect(document.activeElement).toBe(input.element)

    await input.setValue('ada@example.com')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['ada@example.com'])
    await wrapper.setProps({ error: 'Enter your e-mail address.' })
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Enter your e-mail address.')
  })
})
