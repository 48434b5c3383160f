/// <reference types="vite/client" />
import type { Api } from '../src-shared/ipc'

declare global {
  interface Window {
    /** The preload's bridge to the main process; the renderer's only way out (src-shared/ipc.ts). */
    readonly api: Api
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may see the route; the guard in router.ts sends everyone else to where they belong. */
    access?: 'signed-in' | 'signed-out'
  }
}

export {}
