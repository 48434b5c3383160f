// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import AppButton from '../../../src-renderer/components/ui/AppButton.vue'
import Banner from '../../../src-renderer/components/ui/Banner.vue'
import ConfirmDialog from '../../../src-renderer/components/ui/ConfirmDialog.vue'
import CopyButton from '../../../src-renderer/components/ui/CopyButton.vue'
import TextField from '../../../src-renderer/components/ui/TextField.vue'
import { useToasts } from '../../../src-renderer/composables/toasts'

describe('AppButton', () => {
  it('keeps its name, says it is busy and swallows clicks while loading', async () => {
    const wrapper = mount(AppButton, { props: { loading: true }, slots: { default: 'Save' } })

    expect(wrapper.text()).toBe('Save')
    expect(wrapper.attributes('aria-busy')).toBe('true')
    expect(wrapper.find('.spinner').exists()).toBe(true)
    await wrapper.trigger('click')
    expect(wrapper.emitted('click')).toBeUndefined()

    await wrapper.setProps({ loading: false })
    await wrapper.trigger('click')
    expect(wrapper.emitted('click')).toHaveLength(1)
    expect(wrapper.attributes('aria-busy')).toBeUndefined()
  })
})

describe('Banner', () => {
  it('interrupts only for errors', () => {
    expect(mount(Banner, { props: { tone: 'error' }, slots: { default: 'x' } }).attributes('role')).toBe('alert')
    expect(mount(Banner, { props: { tone: 'warning' }, slots: { default: 'x' } }).attributes('role')).toBe('status')
    expect(mount(Banner, { props: { tone: 'info' }, slots: { default: 'x' } }).attributes('role')).toBe('status')
  })
})

describe('TextField', () => {
  it('ties its label, hint and error to the input', () => {
    const wrapper = mount(TextField, {
      props: { label: 'E-mail', modelValue: '', hint: 'We never share it.', error: 'Enter your e-mail address.' },
    })
    const input = wrapper.find('input')
    const label = wrapper.find('label')

    expect(label.text()).toBe('E-mail')
    expect(label.attributes('for')).toBe(input.attributes('id'))
    expect(input.attributes('aria-invalid')).toBe('true')
    const described = (input.attributes('aria-describedby') ?? '').split(' ').map((id) => wrapper.find(`#${CSS.escape(id)}`).text())
    expect(described).toEqual(['We never share it.', 'Enter your e-mail address.'])
  })

  it('emits what is typed', async () => {
    const wrapper = mount(TextField, { props: { label: 'Name', modelValue: '' } })
    await wrapper.find('input').setValue('Ada')
    expect(wrapper.emitted('update:modelValue')?.[0]).toEqual(['Ada'])
  })
})

describe('ConfirmDialog', () => {
  // A parent that owns `open`, as a screen would.
  function mountDialog(props: Record<string, unknown> = {}) {
    const open = ref(false)
    const confirmed = vi.fn()
    const cancelled = vi.fn()
    const Host = defineComponent({
      setup: () => () => [
        h('button', { id: 'opener', onClick: () => (open.value = true) }, 'Delete'),
        h(
          ConfirmDialog,
          {
            open: open.value,
            'onUpdate:open': (value: boolean) => (open.value = value),
            title: 'Delete this session?',
            confirmLabel: 'Delete session',
            onConfirm: confirmed,
            onCancel: cancelled,
            ...props,
          },
          { default: () => 'The device will be signed out.' },
        ),
      ],
    })
    const wrapper = mount(Host, { attachTo: document.body })
    return { wrapper, open, confirmed, cancelled }
  }

  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens as a modal with focus on Cancel, so Enter never destroys anything', async () => {
    const { wrapper } = mountDialog()
    const opener = wrapper.find<HTMLButtonElement>('#opener')
    opener.element.focus()

    await opener.trigger('click')
    await flushPromises()

    const dialog = wrapper.find<HTMLDialogElement>('dialog')
    expect(dialog.element.open).toBe(true)
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel')
    expect(dialog.attributes('aria-labelledby')).toBeTruthy()
    expect(wrapper.find(`#${CSS.escape(dialog.attributes('aria-labelledby') ?? '')}`).text()).toBe('Delete this session?')
  })

  it('treats Escape as cancel and gives focus back to what opened it', async () => {
    const { wrapper, open, cancelled, confirmed } = mountDialog()
    const opener = wrapper.find<HTMLButtonElement>('#opener')
    opener.element.focus()
    await opener.trigger('click')
    await flushPromises()

    const dialog = wrapper.find<HTMLDialogElement>('dialog')
    dialog.element.dispatchEvent(new Event('cancel', { cancelable: true }))
    await flushPromises()

    expect(cancelled).toHaveBeenCalledOnce()
    expect(confirmed).not.toHaveBeenCalled()
    expect(open.value).toBe(false)
    expect(dialog.element.open).toBe(false)
    expect(document.activeElement).toBe(opener.element)
  })

  it('keeps Tab inside the dialog', async () => {
    const { wrapper } = mountDialog()
    await wrapper.find('#opener').trigger('click')
    await flushPromises()
    const buttons = wrapper.findAll<HTMLButtonElement>('dialog button')
    const last = buttons.at(-1)
    const first = buttons.at(0)
    if (!first || !last) throw new Error('dialog has no buttons')

    last.element.focus()
    await wrapper.find('dialog').trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(first.element)

    await wrapper.find('dialog').trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last.element)
  })

  it('confirms only after the exact confirmation text is typed', async () => {
    const { wrapper, confirmed } = mountDialog({ confirmText: 'block' })
    await wrapper.find('#opener').trigger('click')
    await flushPromises()
    const confirm = wrapper.findAll<HTMLButtonElement>('dialog button').find((button) => button.text() === 'Delete session')
    if (!confirm) throw new Error('no confirm button')

    expect(confirm.element.disabled).toBe(true)
    await wrapper.find('dialog input').setValue('blo')
    expect(confirm.element.disabled).toBe(true)
    await wrapper.find('dialog input').setValue('block')
    expect(confirm.element.disabled).toBe(false)

    await wrapper.find('dialog form').trigger('submit')
    expect(confirmed).toHaveBeenCalledOnce()
  })
})

describe('CopyButton', () => {
  it('copies the value and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = mount(CopyButton, { props: { value: '6650a1b2c3d4', label: 'user ID' } })

    expect(wrapper.text()).toContain('Copy user ID')
    await wrapper.trigger('click')
    await flushPromises()

    expect(writeText).toHaveBeenCalledWith('6650a1b2c3d4')
    expect(wrapper.find('[aria-live="polite"]').text()).toBe('Copied')
  })

  it('says when the clipboard refused', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('Document is not focused.')) },
      configurable: true,
    })
    const wrapper = mount(CopyButton, { props: { value: 'x', label: 'user ID' } })

    await wrapper.trigger('click')
    await flushPromises()

    expect(wrapper.find('[aria-live="polite"]').text()).toBe('Could not copy')
  })
})

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    useToasts().clear()
  })
  afterEach(() => {
    useToasts().clear()
    vi.useRealTimers()
  })

  it('dismisses confirmations by themselves but keeps errors until dismissed', () => {
    const { show, toasts, dismiss } = useToasts()
    show('Copied')
    const errorId = show('Could not save', 'error')

    vi.advanceTimersByTime(5000)

    expect(toasts.value.map((toast) => toast.message)).toEqual(['Could not save'])
    dismiss(errorId)
    expect(toasts.value).toEqual([])
  })

  it('shows at most three at a time, dropping the oldest confirmation before any error', () => {
    const { show, toasts } = useToasts()
    for (const n of [1, 2, 3, 4, 5]) show(`Toast ${n}`)
    expect(toasts.value.map((toast) => toast.message)).toEqual(['Toast 3', 'Toast 4', 'Toast 5'])
    show('Could not save', 'error')
    expect(toasts.value.map((toast) => toast.message)).toEqual(['Toast 4', 'Toast 5', 'Could not save'])
    show('Toast 6')
    show('Toast 7')
    expect(toasts.value.map((toast) => toast.message)).toEqual(['Could not save', 'Toast 6', 'Toast 7'])
  })

  it('says the same sentence once: a repeat replaces the earlier toast and its timer starts again', () => {
    const { show, toasts } = useToasts()
    show('Copied')
    show('Saved')
    vi.advanceTimersByTime(4000)
    show('Copied')
    expect(toasts.value.map((toast) => toast.message)).toEqual(['Saved', 'Copied'])
    // Past the first "Copied"'s five seconds: the repeat is still up, "Saved" is gone.
    vi.advanceTimersByTime(2000)
    expect(toasts.value.map((toast) => toast.message)).toEqual(['Copied'])
    vi.advanceTimersByTime(3000)
    expect(toasts.value).toEqual([])
  })
})
