import type { FlowDTO, FlowKind } from '../../../src-shared/ipc'
import { ROUTE_NAMES } from '../../route-names'

/** Where a person starts a flow of this kind again (null: from their account). */
export const START_ROUTE: Readonly<Record<FlowKind, string | null>> = {
  'email-otp': ROUTE_NAMES.signInEmailCode,
  'phone-otp': ROUTE_NAMES.signInPhoneCode,
  'magic-url': ROUTE_NAMES.signInMagicLink,
  recovery: ROUTE_NAMES.forgotPassword,
  'recovery-code': ROUTE_NAMES.forgotPassword,
  oauth: ROUTE_NAMES.signIn,
  'verify-email': null,
  'verify-email-code': null,
  'verify-phone': null,
}

/** What the mail or text holds, in the words of the screen that waits for it. */
export function sentThing(kind: FlowKind): string {
  switch (kind) {
    case 'magic-url':
      return 'a sign-in link'
    case 'recovery':
      return 'a link to reset your password'
    case 'recovery-code':
      return 'a 6-digit code to reset your password'
    case 'verify-email':
      return 'a verification link'
    case 'email-otp':
    case 'phone-otp':
      return 'a 6-digit code'
    case 'verify-email-code':
    case 'verify-phone':
      return 'a 6-digit verification code'
    case 'oauth':
      return 'a sign-in page'
  }
}

/** "to ada@example.com", or nothing when main did not say where it went. */
export function destinationOf(flow: FlowDTO): string {
  return flow.destination ? ` to ${flow.destination}` : ''
}
