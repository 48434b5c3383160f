/// <reference types="vite/client" />
import type { Api } from '../src-shared/ipc'
import type { AuthPhase } from './auth-phase'

declare global {
  interface Window {
    /** The preload's bridge to the main process; the renderer's only way out (src-shared/ipc.ts). */
    readonly api: Api
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /**
     * Who may see the route: one auth phase, or `any`; the guard in router.ts sends everyone else
     * to where they belong.
     */
    access?: AuthPhase | 'any'
  }
}

export {}
