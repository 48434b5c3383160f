// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h, ref } from 'vue'
import type { Result } from '../../../src-shared/ipc'
import { describeChangeError } from '../../../src-renderer/components/profile/change-errors'
import EditableRow from '../../../src-renderer/components/profile/EditableRow.vue'
import type { SubmitChange } from '../../../src-renderer/components/profile/inline-edit'
import PasswordConfirmField from '../../../src-renderer/components/profile/PasswordConfirmField.vue'
import { hasPassword, usePasswordConfirmation } from '../../../src-renderer/components/profile/password-confirmation'
import { ERRORS, makeAccount } from './fake-records'
import { buttonNamed, fieldLabelled } from './dom-queries'

afterEach(() => {
  document.body.innerHTML = ''
})

/** An e-mail-like row: one field, a "Verify" action and something below while closed, as the rows use it. */
function mountRow(options: { below?: boolean; describeError?: typeof describeChangeError } = {}) {
  const saves: SubmitChange[] = []
  const wrapper = mount(EditableRow, {
    props: {
      label: 'E-mail',
      editLabel: 'Change e-mail',
      openLabel: 'Change',
      saveLabel: 'Save e-mail',
      busy: false,
      disabled: false,
      ...(options.describeError ? { describeError: options.describeError } : {}),
      onSave: (submit: SubmitChange) => saves.push(submit),
    },
    slots: {
      default: () => h('span', { 'data-testid': 'value' }, 'ada@example.com'),
      actions: ({ editing }: { editing: boolean }) => h('span', { 'data-testid': 'editing' }, String(editing)),
      fields: () => h('label', ['New e-mail', h('input', { name: 'email' })]),
      ...(options.below ? { below: () => h('p', { 'data-testid': 'below' }, 'Check your e-mail') } : {}),
    },
    attachTo: document.body,
  })
  const opener = () => wrapper.find<HTMLButtonElement>('button[aria-label="Change e-mail"]')
  const form = () => wrapper.find('form[aria-label="Change e-mail"]')
  return { wrapper, saves, opener, form }
}

const refused: Result<never> = { ok: false, error: ERRORS.invalidCredentials }

describe('EditableRow', () => {
  it('opens a form named like its button, tells the row first, and gives focus back to the button on Cancel', async () => {
    const { wrapper, opener, form } = mountRow()
    expect(wrapper.find('dt').text()).toBe('E-mail')
    expect(opener().text()).toBe('Change')
    expect(form().exists()).toBe(false)

    await opener().trigger('click')
    await flushPromises()
    expect(wrapper.emitted('open')).toHaveLength(1)
    expect(form().exists()).toBe(true)
    expect(opener().exists()).toBe(false)
    expect(wrapper.find('[data-testid="editing"]').text()).toBe('true')
    // InlineForm puts focus in the first field.
    expect(document.activeElement).toBe(wrapper.find('input[name="email"]').element)

    await buttonNamed(wrapper, 'Cancel').trigger('click')
    await flushPromises()
    expect(form().exists()).toBe(false)
    expect(document.activeElement).toBe(opener().element)
    expect(wrapper.find('[data-testid="editing"]').text()).toBe('false')
  })

  it('keeps the form open with the refused change in the row’s words, and closes once a change is made', async () => {
    const { wrapper, saves, opener, form } = mountRow({ describeError: describeChangeError })
    await opener().trigger('click')
    await form().trigger('submit')
    expect(saves).toHaveLength(1)

    expect(await saves[0]!(() => Promise.resolve(refused))).toBe(false)
    await flushPromises()
    expect(form().exists()).toBe(true)
    expect(wrapper.find('[role="alert"]').text()).toBe('That password is not right. Enter the password you sign in with.')

    await form().trigger('submit')
    expect(await saves[1]!(() => Promise.resolve({ ok: true, data: null }))).toBe(true)
    await flushPromises()
    expect(form().exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(document.activeElement).toBe(opener().element)
  })

  it('uses the general sentences for a refused change unless the row has its own', async () => {
    const { wrapper, saves, opener, form } = mountRow()
    await opener().trigger('click')
    await form().trigger('submit')
    await saves[0]!(() => Promise.resolve(refused))
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toBe('The e-mail or password is wrong.')
  })

  it('shows what is below the row only while the form is closed', async () => {
    const { wrapper, opener } = mountRow({ below: true })
    expect(wrapper.find('[data-testid="below"]').exists()).toBe(true)
    await opener().trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="below"]').exists()).toBe(false)
  })

  it('has no editor area at all while closed with nothing below', () => {
    const { wrapper } = mountRow()
    expect(wrapper.find('.detail-row__editor').exists()).toBe(false)
  })

  it('can be opened from elsewhere on the screen', async () => {
    const { wrapper, form } = mountRow()
    ;(wrapper.vm as unknown as { start(): void }).start()
    await flushPromises()
    expect(wrapper.emitted('open')).toHaveLength(1)
    expect(form().exists()).toBe(true)
  })
})

describe('the password that confirms an e-mail or phone change', () => {
  it('is the account’s own when it has one, any non-empty text', () => {
    const account = ref(makeAccount({ passwordUpdate: '2026-01-01T00:00:00.000+00:00' }))
    const { password, hasPassword: has, ready } = usePasswordConfirmation(() => account.value)
    expect(has.value).toBe(true)
    expect(ready.value).toBe(false)
    password.value = 'x'
    expect(ready.value).toBe(true)
  })

  it('is a first password within Appwrite’s rule when the account has none', () => {
    const account = ref(makeAccount({ passwordUpdate: '' }))
    const { password, hasPassword: has, ready } = usePasswordConfirmation(() => account.value)
    expect(has.value).toBe(false)
    password.value = 'short'
    expect(ready.value).toBe(false)
    password.value = 'long enough'
    expect(ready.value).toBe(true)
    // The account gets a password elsewhere: from then on its own password is asked for.
    account.value = makeAccount({ passwordUpdate: '2026-01-01T00:00:00.000+00:00' })
    password.value = 'x'
    expect(ready.value).toBe(true)
  })

  it('follows Appwrite’s passwordUpdate: empty until a password is set', () => {
    expect(hasPassword(makeAccount({ passwordUpdate: '' }))).toBe(false)
    expect(hasPassword(makeAccount({ passwordUpdate: '2026-01-01T00:00:00.000+00:00' }))).toBe(true)
  })
})

describe('PasswordConfirmField', () => {
  it('asks for "Your password", and says so only after an attempt with it empty', async () => {
    const wrapper = mount(PasswordConfirmField, { props: { modelValue: '', hasPassword: true, attempted: false } })
    const field = fieldLabelled(wrapper, 'Your password')
    expect(field.attributes('type')).toBe('password')
    expect(field.attributes('autocomplete')).toBe('current-password')
    expect(wrapper.text()).not.toContain('Enter your password.')

    await wrapper.setProps({ attempted: true })
    expect(wrapper.text()).toContain('Enter your password.')
    await wrapper.setProps({ modelValue: 'secret' })
    expect(wrapper.text()).not.toContain('Enter your password.')

    await field.setValue('typed')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['typed'])
  })

  it('lets an account without a password choose one, with the rule as you type', () => {
    const wrapper = mount(PasswordConfirmField, { props: { modelValue: 'short', hasPassword: false, attempted: true } })
    expect(wrapper.findAll('label').map((label) => label.text())).not.toContain('Your password')
    expect(fieldLabelled(wrapper, 'Choose a password').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('[data-testid="password-rule"]').text()).toContain('Use at least 8 characters.')
  })
})
