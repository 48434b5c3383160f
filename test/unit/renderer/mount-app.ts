import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { afterEach, vi } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '../../../src-renderer/App.vue'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { createAppRouter } from '../../../src-renderer/router'
import { createFakeApi, type FakeApi, type FakeApiOptions, installApi } from './fake-api'

export interface MountedApp {
  readonly wrapper: VueWrapper
  readonly router: Router
  readonly pinia: Pinia
  readonly fake: FakeApi
}

/**
 * The whole renderer as main.ts builds it (App + Pinia + the real router and guard), over a fake
 * `window.api`, with memory history instead of the hash. Resolves once the first navigation, and
 * so start-up, is done.
 */
export async function mountApp(path = '/', options: FakeApiOptions = {}): Promise<MountedApp> {
  return mountOver(createFakeApi(options), path)
}

/** The app the running test mounted last (cleared by `unmountAfterEach`). */
let current: MountedApp | null = null

/** A fresh window (new Pinia, new router) over `fake`, as after a reload over the same main. */
export async function mountOver(fake: FakeApi, path = '/'): Promise<MountedApp> {
  installApi(fake.api)
  const { wrapper, router, pinia } = await mountWindow(path)
  current = { wrapper, router, pinia, fake }
  return current
}

export interface OpenedApp {
  readonly wrapper: VueWrapper
  readonly router: Router
}

/**
 * The whole renderer on `path` over the `window.api` a test installed itself (the account and
 * activity parts), once the screen has rendered.
 */
export async function openAt(path: string): Promise<OpenedApp> {
  const { wrapper, router } = await mountWindow(path)
  await vi.waitFor(
    () => {
      if (router.currentRoute.value.path !== path) throw new Error(`still on ${router.currentRoute.value.path}`)
    },
    { timeout: 10_000 },
  )
  await flushPromises()
  await settle()
  return { wrapper, router }
}

/** App + Pinia + the real router and guard on `path`, mounted into the document. */
async function mountWindow(path: string): Promise<{ wrapper: VueWrapper; router: Router; pinia: Pinia }> {
  const pinia = createPinia()
  const router = createAppRouter({ history: createMemoryHistory(), pinia })
  // Navigate first (the guard runs start-up), so installing the router does not start a second,
  // competing navigation to the memory history's "/".
  await router.push(path)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, pinia }
}

/** The app this test mounted last; throws when it mounted none. */
export function mountedApp(): MountedApp {
  if (!current) throw new Error('not mounted')
  return current
}

/** After each test of the file: unmount the app it mounted last and clear the toasts (global state). */
export function unmountAfterEach(): void {
  afterEach(() => {
    current?.wrapper.unmount()
    current = null
    useToasts().clear()
  })
}

/** Lets pending promises and the re-render (and any lazy route import) finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/**
 * Waits (with a deadline) until the router shows `name` and the screen has rendered; screens
 * behind sign-in are loaded on demand, which takes a few ticks in the test runner.
 */
export async function routeBecomes(app: MountedApp, name: string): Promise<void> {
  // The first load of a screen's chunk is transformed on demand; on a busy machine that can take
  // well over vitest's default second.
  await vi.waitFor(
    () => {
      if (app.router.currentRoute.value.name !== name) throw new Error(`still on ${String(app.router.currentRoute.value.name)}`)
    },
    { timeout: 10_000 },
  )
  await settle()
}
