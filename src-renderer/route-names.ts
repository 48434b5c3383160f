/** Route names in one place, so screens can link without importing the router (no import cycle). */
export const ROUTE_NAMES = {
  signIn: 'sign-in',
  signUp: 'sign-up',
  profile: 'profile',
} as const
