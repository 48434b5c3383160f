/**
 * What turning MFA on or off will demand, in plain words. Appwrite asks for a second factor only
 * when MFA is on AND the account has a verified second channel: an authenticator app, a verified
 * e-mail or a verified phone; recovery codes do not count (appwrite-behaviour §6).
 */
import type { MfaFactors } from '../src-shared/appwrite'

export interface MfaAccount {
  readonly mfa: boolean
  readonly email: string
  readonly emailVerification: boolean
  readonly phone: string
  readonly phoneVerification: boolean
}

/** The second steps a sign-in could ask for, as phrases ("a code from your authenticator app"). */
export function secondSteps(account: MfaAccount, factors: MfaFactors): string[] {
  const steps: string[] = []
  if (factors.totp) steps.push('a code from your authenticator app')
  if (account.email && account.emailVerification) steps.push(`a code sent to ${account.email}`)
  if (account.phone && account.phoneVerification) steps.push(`a code sent by text message to ${account.phone}`)
  return steps
}

/** "a, b or c" */
export function eitherOf(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? ''
  return `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1)}`
}

const FIRST_STEP = 'your password (or a sign-in link or code)'

export interface MfaExplanation {
  /** Two-step sign-in really applies: on, with at least one second step. */
  readonly enforced: boolean
  /** The current state, in a sentence or two. */
  readonly status: string
  /** Body of the "turn on" confirmation. */
  readonly turnOn: string
  /** Body of the "turn off" confirmation. */
  readonly turnOff: string
}

export function explainMfa(account: MfaAccount, factors: MfaFactors): MfaExplanation {
  const steps = secondSteps(account, factors)
  const list = eitherOf(steps)
  const backup = factors.recoveryCode
    ? ' A recovery code also works if you cannot use those.'
    : ' Create recovery codes so that losing your phone does not lock you out.'
  const enforced = account.mfa && steps.length > 0
  let status: string
  if (enforced) status = `On. Signing in asks for ${FIRST_STEP}, then one more step: ${list}.${backup}`
  else if (account.mfa)
    status =
      'On, but it has no effect yet: a second step is only asked for once you have one. Add an authenticator app, or verify your e-mail address or phone number.'
  else status = `Off. Signing in needs only ${FIRST_STEP}.`

  const turnOn =
    steps.length > 0
      ? `From your next sign-in, after ${FIRST_STEP} you will be asked for one more step: ${list}. You stay signed in here.${backup}`
      : 'You have no second step yet, so nothing changes until you add an authenticator app or verify your e-mail address or phone number. From then on, every sign-in asks for it.'
  const turnOff = `Signing in will need only ${FIRST_STEP}, so anyone who learns your password can sign in. Your authenticator app and recovery codes stay set up for when you turn it on again.`
  return { enforced, status, turnOn, turnOff }
}
