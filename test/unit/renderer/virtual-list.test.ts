// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import VirtualList from '../../../src-renderer/components/ui/VirtualList.vue'

const ITEMS = Array.from({ length: 10_000 }, (_, i) => `entry ${i}`)

function mountList(items: readonly string[] = ITEMS, viewport = 600) {
  const wrapper = mount(VirtualList<string>, {
    props: { items, itemHeight: 50, label: 'Entries', keyOf: (_item: string, index: number) => index, overscan: 2, fallbackHeight: viewport },
    slots: { default: ({ item }: { item: string }) => h('span', { class: 'row-text' }, item) },
    attachTo: document.body,
  })
  return wrapper
}

/** happy-dom does no layout, so the scroll position is set and announced by hand. */
async function scrollTo(element: HTMLElement, top: number): Promise<void> {
  element.scrollTop = top
  element.dispatchEvent(new Event('scroll'))
  await vi.waitFor(() => {
    if (!element.textContent?.includes(`entry ${Math.floor(top / 50)}`)) throw new Error('not re-rendered yet')
  })
  await flushPromises()
}

describe('VirtualList', () => {
  it('renders only the rows in view plus the overscan, not all 10,000', () => {
    const wrapper = mountList()
    const rows = wrapper.findAll('[role="listitem"]')
    // 600 px / 50 px = 12 rows in view, +2 overscan below (none above at the top).
    expect(rows).toHaveLength(14)
    expect(rows[0]?.text()).toBe('entry 0')
    expect(rows.at(-1)?.text()).toBe('entry 13')
    // The scroll height still stands for the whole list.
    expect((wrapper.find('.virtual-list__spacer').element as HTMLElement).style.height).toBe('500000px')
    wrapper.unmount()
  })

  it("keeps each row's place in the whole list for assistive technology", () => {
    const wrapper = mountList()
    expect(wrapper.attributes('role')).toBe('list')
    expect(wrapper.attributes('aria-label')).toBe('Entries')
    expect(wrapper.attributes('tabindex')).toBe('0')
    const first = wrapper.find('[role="listitem"]')
    expect(first.attributes('aria-setsize')).toBe('10000')
    expect(first.attributes('aria-posinset')).toBe('1')
    wrapper.unmount()
  })

  it('shows the rows around the scroll position after scrolling', async () => {
    const wrapper = mountList()
    await scrollTo(wrapper.element as HTMLElement, 250_000)
    const texts = wrapper.findAll('[role="listitem"]').map((row) => row.text())
    expect(texts[0]).toBe('entry 4998')
    expect(texts).toContain('entry 5000')
    expect(texts).not.toContain('entry 0')
    expect(texts.length).toBeLessThanOrEqual(16)
    const at5000 = wrapper.findAll('[role="listitem"]').find((row) => row.text() === 'entry 5000')
    expect(at5000?.attributes('style')).toContain('translateY(250000px)')
    expect(at5000?.attributes('aria-posinset')).toBe('5001')
    wrapper.unmount()
  })

  it('asks for more when the end comes into view, not before', async () => {
    const wrapper = mountList(ITEMS.slice(0, 100))
    expect(wrapper.emitted('reach-end')).toBeUndefined()
    await scrollTo(wrapper.element as HTMLElement, 100 * 50 - 600)
    expect(wrapper.emitted('reach-end')?.length).toBeGreaterThanOrEqual(1)
    wrapper.unmount()
  })

  it('asks for more at once when the list is shorter than the view', () => {
    const wrapper = mountList(ITEMS.slice(0, 3))
    expect(wrapper.findAll('[role="listitem"]')).toHaveLength(3)
    expect(wrapper.emitted('reach-end')).toHaveLength(1)
    wrapper.unmount()
  })
})
