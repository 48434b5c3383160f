import type { Pinia } from 'pinia'
import { createRouter, type RouteLocationNormalized, type RouteLocationRaw, type Router, type RouterHistory } from 'vue-router'
import type { AuthPhase } from './auth-phase'
import { ROUTE_NAMES } from './route-names'
import { useAuthStore } from './stores/auth'
import AccountLayout from './views/AccountLayout.vue'
import SignInView from './views/SignInView.vue'
import SignUpView from './views/SignUpView.vue'

/** `true`/`false` are accepted for "signed in"/"signed out" (the first callers spoke in booleans). */
function asPhase(phase: AuthPhase | boolean): AuthPhase {
  if (typeof phase === 'boolean') return phase ? 'signed-in' : 'signed-out'
  return phase
}

const HOME: Readonly<Record<AuthPhase, string>> = {
  'signed-out': ROUTE_NAMES.signIn,
  mfa: ROUTE_NAMES.mfaChallenge,
  'signed-in': ROUTE_NAMES.profile,
  offline: ROUTE_NAMES.offline,
}

/** Where a person goes by default in a phase. */
export function homeFor(phase: AuthPhase | boolean): RouteLocationRaw {
  return { name: HOME[asPhase(phase)] }
}

/**
 * Where to send someone who asked for `to`, or `null` to let them through: each phase sees only
 * its own screens (signed-out people the sign-in screens, a pending MFA sign-in the challenge
 * step, signed-in and offline people the account screens), plus the screens open to `any`.
 */
export function redirectFor(to: Pick<RouteLocationNormalized, 'meta'>, phase: AuthPhase | boolean): RouteLocationRaw | null {
  const access = to.meta.access
  const current = asPhase(phase)
  if (access === undefined || access === 'any' || access === current) return null
  return homeFor(current)
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
      { path: '/sign-in', name: ROUTE_NAMES.signIn, component: SignInView, meta: { access: 'signed-out' } },
      { path: '/sign-up', name: ROUTE_NAMES.signUp, component: SignUpView, meta: { access: 'signed-out' } },
      {
        path: '/sign-in/email-code',
        name: ROUTE_NAMES.signInEmailCode,
        component: () => import('./views/StartFlowView.vue'),
        props: { method: 'email-code' },
        meta: { access: 'signed-out' },
      },
      {
        path: '/sign-in/phone-code',
        name: ROUTE_NAMES.signInPhoneCode,
        component: () => import('./views/StartFlowView.vue'),
        props: { method: 'phone-code' },
        meta: { access: 'signed-out' },
      },
      {
        path: '/sign-in/magic-link',
        name: ROUTE_NAMES.signInMagicLink,
        component: () => import('./views/StartFlowView.vue'),
        props: { method: 'magic-link' },
        meta: { access: 'signed-out' },
      },
      {
        path: '/forgot-password',
        name: ROUTE_NAMES.forgotPassword,
        component: () => import('./views/StartFlowView.vue'),
        props: { method: 'recovery' },
        meta: { access: 'signed-out' },
      },
      {
        path: '/sign-in/second-step',
        name: ROUTE_NAMES.mfaChallenge,
        component: () => import('./views/MfaChallengeView.vue'),
        meta: { access: 'mfa' },
      },
      { path: '/offline', name: ROUTE_NAMES.offline, component: () => import('./views/OfflineView.vue'), meta: { access: 'offline' } },
      // A flow may be a sign-in (signed out) or a verification (signed in): the screen decides.
      { path: '/flow/:flowId', name: ROUTE_NAMES.flow, component: () => import('./views/FlowView.vue'), props: true, meta: { access: 'any' } },
      { path: '/profiles', name: ROUTE_NAMES.profiles, component: () => import('./views/ProfilesView.vue'), meta: { access: 'any' } },
      { path: '/profiles/new', name: ROUTE_NAMES.profileNew, component: () => import('./views/ProfileEditView.vue'), meta: { access: 'any' } },
      {
        path: '/profiles/:profileId/edit',
        name: ROUTE_NAMES.profileEdit,
        component: () => import('./views/ProfileEditView.vue'),
        props: true,
        meta: { access: 'any' },
      },
      { path: '/dev-mailbox', name: ROUTE_NAMES.devMailbox, component: () => import('./views/DevMailboxView.vue'), meta: { access: 'any' } },
      { path: '/sandbox', name: ROUTE_NAMES.sandboxSettings, component: () => import('./views/SandboxSettingsView.vue'), meta: { access: 'any' } },
      {
        // Every signed-in screen shares one frame: the account navigation and the account's
        // theme, language and time zone (views/AccountLayout.vue, small, so not split off). The
        // navigation lists a screen as soon as its route is here.
        path: '/',
        component: AccountLayout,
        meta: { access: 'signed-in' },
        children: [
          { path: '', redirect: { name: ROUTE_NAMES.profile } },
          { path: 'profile', name: ROUTE_NAMES.profile, component: () => import('./views/ProfileView.vue') },
          { path: 'preferences', name: ROUTE_NAMES.preferences, component: () => import('./views/PreferencesView.vue') },
          { path: 'security', name: ROUTE_NAMES.security, component: () => import('./views/SecurityOverviewView.vue') },
          { path: 'sessions', name: ROUTE_NAMES.sessions, component: () => import('./views/SessionsView.vue') },
          { path: 'activity', name: ROUTE_NAMES.activity, component: () => import('./views/ActivityView.vue') },
          { path: 'identities', name: ROUTE_NAMES.identities, component: () => import('./views/IdentitiesView.vue') },
          { path: 'connected-apps', name: ROUTE_NAMES.connectedApps, component: () => import('./views/ConnectedAppsView.vue') },
          { path: 'mfa', name: ROUTE_NAMES.mfa, component: () => import('./views/MfaView.vue') },
          { path: 'targets', name: ROUTE_NAMES.pushTargets, component: () => import('./views/PushTargetsView.vue') },
          { path: 'developer', name: ROUTE_NAMES.developer, component: () => import('./views/DeveloperView.vue') },
        ],
      },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore(options.pinia)
    if (!auth.settled) await auth.start()
    return redirectFor(to, auth.phase) ?? true
  })

  return router
}
