import type { DOMWrapper, VueWrapper } from '@vue/test-utils'

/** The input whose <label> says exactly `text`, as a person (and the e2e page objects) find it. */
export function fieldLabelled(wrapper: VueWrapper, text: string): DOMWrapper<HTMLInputElement> {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (!label) throw new Error(`No field labelled ${text}`)
  return wrapper.find<HTMLInputElement>(`#${CSS.escape(label.attributes('for') ?? '')}`)
}

/** The button whose visible text is exactly `name`. */
export function buttonNamed(wrapper: VueWrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = wrapper.findAll<HTMLButtonElement>('button').find((candidate) => candidate.text() === name)
  if (!found) throw new Error(`No button named ${name}`)
  return found
}
