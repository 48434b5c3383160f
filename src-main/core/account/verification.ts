/**
 * E-mail and phone verification from the Profile screen, as flows of the pending-flow registry
 * (auth/flows.ts), so `auth.getFlow`/`cancelFlow` and the `flowUpdated` event work for them like
 * for every other flow.
 *
 * - E-mail (`verify-email`): Appwrite mails a link (`POST /account/verifications/email`) whose
 *   URL is our redirect URL with the flow's one-time nonce; the link comes back as a deep link and
 *   the link entry (auth/links.ts) confirms it. The link lives 1 hour (appwrite-behaviour §5, §11.11).
 * - E-mail by code (`verify-email-code`), where the server offers it (2.2.x, appwrite-behaviour
 *   §13.3): Appwrite mails a 6-digit code (`POST /account/verifications/email/otp`, with a
 *   security phrase when asked); the person types it on the Profile screen and
 *   `PUT /account/verifications/email/otp` with the user id (kept here) marks the e-mail verified.
 *   No redirect URL, no deep link. The code lives 15 minutes; a wrong one leaves the flow waiting.
 * - Phone (`verify-phone`): Appwrite texts a 6-digit code (`POST /account/verifications/phone`);
 *   the person types it and `PUT /account/verifications/phone` with the user id (kept here, never
 *   in the window) marks the phone verified. A wrong code leaves the flow waiting so the person
 *   can try again (Appwrite limits confirmations to 10 an hour).
 */
import type { User } from '../../../src-shared/appwrite'
import type { FlowDTO } from '../../../src-shared/ipc'
import type { AccountClient } from '../appwrite'
import type { AuthService } from '../auth/auth-service'
import { CoreError } from '../auth/errors'
import type { FlowRegistry } from '../auth/flows'

export interface VerificationDeps {
  readonly auth: Pick<AuthService, 'withSession'>
  readonly flows: Pick<FlowRegistry, 'start' | 'noteToken' | 'discard' | 'requireWaiting' | 'finish'>
}

/**
 * Starts a flow for the account's address, sends the message, and records Appwrite's token (user
 * and expiry). When Appwrite refuses (already verified, no address, no mail server…) nothing is
 * waiting: the flow is forgotten and Appwrite's error goes back as it is.
 */
async function sendWithFlow(
  deps: VerificationDeps,
  profileId: string,
  kind: 'verify-email' | 'verify-email-code' | 'verify-phone',
  destinationOf: (account: User) => string,
  send: (client: AccountClient, redirectUrl: string | null) => Promise<{ readonly userId: string; readonly expire: string; readonly phrase?: string }>,
): Promise<FlowDTO> {
  const account = await deps.auth.withSession(profileId, (client) => client.get())
  const destination = destinationOf(account)
  const { flow, redirectUrl } = await deps.flows.start({ profileId, kind, ...(destination ? { destination } : {}) })
  try {
    const token = await deps.auth.withSession(profileId, (client) => send(client, redirectUrl))
    return deps.flows.noteToken(flow.flowId, token)
  } catch (error) {
    deps.flows.discard(flow.flowId)
    throw error
  }
}

export async function sendEmailVerification(deps: VerificationDeps, profileId: string): Promise<FlowDTO> {
  return sendWithFlow(
    deps,
    profileId,
    'verify-email',
    (account) => account.email,
    (client, redirectUrl) => {
      if (!redirectUrl) throw new CoreError('internal_error', 'The e-mail verification flow has no address to come back to.')
      return client.createEmailVerification({ url: redirectUrl })
    },
  )
}

/** The code path: no link to come back by; the phrase (when asked) is kept on the flow to show. */
export async function sendEmailVerificationCode(deps: VerificationDeps, profileId: string, phrase: boolean): Promise<FlowDTO> {
  return sendWithFlow(
    deps,
    profileId,
    'verify-email-code',
    (account) => account.email,
    (client) => client.createEmailVerificationOTP({ phrase }),
  )
}

export async function sendPhoneVerification(deps: VerificationDeps, profileId: string): Promise<FlowDTO> {
  return sendWithFlow(
    deps,
    profileId,
    'verify-phone',
    (account) => account.phone,
    (client) => client.createPhoneVerification(),
  )
}

/**
 * Confirms a code flow with the typed code and answers the account as it is now. Appwrite's
 * refusal (`user_invalid_token` for a wrong or expired code) goes back as it is and leaves the
 * flow waiting, so the person can retype it or send a new one.
 */
async function confirmWithCode(
  deps: VerificationDeps,
  flowId: string,
  kind: 'verify-email-code' | 'verify-phone',
  confirm: (client: AccountClient, token: { readonly userId: string; readonly secret: string }) => Promise<unknown>,
  code: string,
  done: string,
): Promise<User> {
  const flow = deps.flows.requireWaiting(flowId, [kind])
  const userId = flow.userId
  if (!userId) throw new CoreError('flow_not_found')
  const account = await deps.auth.withSession(flow.profileId, async (client) => {
    await confirm(client, { userId, secret: code })
    return client.get()
  })
  deps.flows.finish(flowId, 'completed', done)
  return account
}

/** Confirms a phone flow with the typed code; answers the account with `phoneVerification: true`. */
export function confirmPhoneVerification(deps: VerificationDeps, flowId: string, code: string): Promise<User> {
  return confirmWithCode(deps, flowId, 'verify-phone', (client, token) => client.updatePhoneVerification(token), code, 'Your phone number is verified.')
}

/** Confirms an e-mail code flow; answers the account with `emailVerification: true`. */
export function confirmEmailVerification(deps: VerificationDeps, flowId: string, code: string): Promise<User> {
  return confirmWithCode(
    deps,
    flowId,
    'verify-email-code',
    (client, token) => client.updateEmailVerificationOTP(token),
    code,
    'Your e-mail address is verified.',
  )
}
