import type { Pinia } from 'pinia'
import { createRouter, type RouteLocationNormalized, type RouteLocationRaw, type Router, type RouterHistory } from 'vue-router'
import { ROUTE_NAMES } from './route-names'
import { useAuthStore } from './stores/auth'
import SignInView from './views/SignInView.vue'
import SignUpView from './views/SignUpView.vue'

/** Where a person goes by default, given whether they are signed in. */
export function homeFor(signedIn: boolean): RouteLocationRaw {
  return { name: signedIn ? ROUTE_NAMES.profile : ROUTE_NAMES.signIn }
}

/**
 * Where to send someone who asked for `to`, or `null` to let them through: signed-out people only
 * see the sign-in screens, signed-in (and offline) people only the account screens.
 */
export function redirectFor(to: Pick<RouteLocationNormalized, 'meta'>, signedIn: boolean): RouteLocationRaw | null {
  if (to.meta.access === 'signed-in' && !signedIn) return homeFor(false)
  if (to.meta.access === 'signed-out' && signedIn) return homeFor(true)
  return null
}

/**
 * The hash history is what works under `file://` in Electron (no server to answer deep paths).
 * The sign-in screens are in the first bundle so they are interactive at once; screens behind
 * sign-in load on demand.
 */
export function createAppRouter(options: { history: RouterHistory; pinia: Pinia }): Router {
  const router = createRouter({
    history: options.history,
    routes: [
      { path: '/', redirect: { name: ROUTE_NAMES.profile } },
      { path: '/sign-in', name: ROUTE_NAMES.signIn, component: SignInView, meta: { access: 'signed-out' } },
      { path: '/sign-up', name: ROUTE_NAMES.signUp, component: SignUpView, meta: { access: 'signed-out' } },
      {
        path: '/profile',
        name: ROUTE_NAMES.profile,
        component: () => import('./views/ProfileView.vue'),
        meta: { access: 'signed-in' },
      },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore(options.pinia)
    if (!auth.settled) await auth.start()
    return redirectFor(to, auth.isSignedIn) ?? true
  })

  return router
}
