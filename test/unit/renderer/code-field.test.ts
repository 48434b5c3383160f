// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import CodeField from '../../../src-renderer/components/CodeField.vue'

function mountField() {
  const completed: string[] = []
  const Host = defineComponent({
    components: { CodeField },
    setup() {
      const code = ref('')
      return { code, onComplete: (value: string) => completed.push(value) }
    },
    template: '<CodeField v-model="code" label="6-digit code" @complete="onComplete" /><output>{{ code }}</output>',
  })
  const wrapper = mount(Host)
  return { wrapper, completed, input: wrapper.find<HTMLInputElement>('input') }
}

describe('code field', () => {
  it('is one labelled input that phones and password managers can fill', () => {
    const { wrapper, input } = mountField()
    const label = wrapper.find('label')
    expect(label.text()).toBe('6-digit code')
    expect(label.attributes('for')).toBe(input.attributes('id'))
    expect(input.attributes('inputmode')).toBe('numeric')
    expect(input.attributes('autocomplete')).toBe('one-time-code')
  })

  it('keeps only digits of what is pasted, and says when the code is complete', async () => {
    const { wrapper, completed, input } = mountField()

    await input.setValue('Your code: 123 456.')

    expect(input.element.value).toBe('123456')
    expect(wrapper.find('output').text()).toBe('123456')
    expect(completed).toEqual(['123456'])
  })

  it('drops a typed letter at once and does not complete early', async () => {
    const { completed, input } = mountField()

    await input.setValue('12a')
    expect(input.element.value).toBe('12')
    await input.setValue('12345')
    expect(completed).toEqual([])
  })

  it('stops at six digits', async () => {
    const { input, completed } = mountField()
    await input.setValue('1234567890')
    expect(input.element.value).toBe('123456')
    expect(completed).toEqual(['123456'])
  })
})
