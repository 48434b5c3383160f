import type { DOMWrapper, VueWrapper } from '@vue/test-utils'

/** The input whose <label> says exactly `text`, as a person (and the e2e page objects) find it. */
export function fieldLabelled(wrapper: VueWrapper, text: string): DOMWrapper<HTMLInputElement> {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (!label) throw new Error(`No field labelled ${text}`)
  return wrapper.find<HTMLInputElement>(`#${CSS.escape(label.attributes('for') ?? '')}`)
}

/**
 * The button whose accessible name — its aria-label, else its text — is exactly `name`; when there
 * is none, the error lists the names there are.
 */
export function buttonCalled(within: VueWrapper | DOMWrapper<Element>, name: string): DOMWrapper<HTMLButtonElement> {
  const named = (button: DOMWrapper<HTMLButtonElement>): string => button.attributes('aria-label') ?? button.text().trim()
  const buttons = within.findAll<HTMLButtonElement>('button')
  const found = buttons.find((button) => named(button) === name)
  if (!found) throw new Error(`no button "${name}" in ${buttons.map(named).join(' | ')}`)
  return found
}

/** The button whose visible text is exactly `name`. */
export function buttonNamed(wrapper: VueWrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = wrapper.findAll<HTMLButtonElement>('button').find((candidate) => candidate.text() === name)
  if (!found) throw new Error(`No button named ${name}`)
  return found
}

/** The link (an <a>, e.g. a RouterLink) whose visible text is exactly `name`. */
export function linkNamed(wrapper: VueWrapper, name: string): DOMWrapper<HTMLAnchorElement> {
  const found = wrapper.findAll<HTMLAnchorElement>('a').find((candidate) => candidate.text() === name)
  if (!found) throw new Error(`No link named ${name}`)
  return found
}

/**
 * The checkbox or radio named `text`: by a <label for> that says exactly that, or by a wrapping
 * <label> whose first line (the option's name, before its description) says it.
 */
export function checkboxLabelled(wrapper: VueWrapper, text: string): DOMWrapper<HTMLInputElement> {
  const wrapping = wrapper.findAll('label').find((label) => !label.attributes('for') && label.find('input').exists() && label.find('span span').text() === text)
  if (wrapping) return wrapping.find<HTMLInputElement>('input')
  return fieldLabelled(wrapper, text)
}
