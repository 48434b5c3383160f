/**
 * The Security overview: what protects this account today, and the one step that would improve
 * each weak spot. Computed in core from four Account reads (account, MFA factors, sessions,
 * recent logs) so the renderer gets one answer and never the raw session models.
 *
 * `computeSecurityOverview` is pure (time comes in as `now`), so every finding is testable
 * without a server. Action routes are the renderer's route names (src-renderer/route-names.ts).
 */
import type { Log, MfaFactors, User } from '../../../src-shared/appwrite'
import type { SecurityFinding, SecurityOverview, SecuritySeverity, SessionDTO } from '../../../src-shared/ipc'
import { AppwriteError, Query, type AccountClient } from '../appwrite'
import { listSessions } from './session-list'

/** Route names of the screens that fix a finding (kept equal to src-renderer/route-names.ts by a test). */
export const FIX_ROUTES = {
  profile: 'profile',
  sessions: 'sessions',
  mfa: 'mfa',
  activity: 'activity',
} as const

export interface SecurityInputs {
  readonly account: User
  /** `null` when the server would not say (e.g. an older Appwrite without MFA). */
  readonly factors: MfaFactors | null
  readonly sessions: readonly SessionDTO[]
  /** Newest first; `null` when the server keeps none or they could not be read. */
  readonly logs: readonly Log[] | null
}

/** How many recent sign-ins the overview lists. */
export const RECENT_SIGN_INS = 10
/** How many log rows are read to find them (one page, Appwrite's `limit` query). */
export const LOGS_READ = 100
const PASSWORD_STALE_DAYS = 365
const MANY_SESSIONS = 5
const DAY_MS = 24 * 60 * 60 * 1000

const SEVERITY_ORDER: Readonly<Record<SecuritySeverity, number>> = { risk: 0, warning: 1, info: 2, good: 3 }

const FACTOR_NAMES: Readonly<Record<keyof MfaFactors, string>> = {
  totp: 'authenticator app',
  email: 'e-mail',
  phone: 'phone',
  recoveryCode: 'recovery codes',
}

/** Sessions' countries, without Appwrite's `--` for "unknown". */
function countries(sessions: readonly SessionDTO[]): Set<string> {
  return new Set(sessions.map((s) => s.countryCode.toLowerCase()).filter((code) => code !== '' && code !== '--'))
}

/** A device is what a person would call one: the hardware, its OS and the app on it. */
function devices(sessions: readonly SessionDTO[]): Set<string> {
  return new Set(sessions.map((s) => [s.deviceName, s.deviceBrand, s.deviceModel, s.osName, s.clientName].join('|')))
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

export function computeSecurityOverview(inputs: SecurityInputs, now: number): SecurityOverview {
  const { account, sessions } = inputs
  const emailVerified = account.email !== '' && account.emailVerification
  const phoneVerified = account.phone !== '' && account.phoneVerification
  // Without the factors route, what the account says is the best we know (TOTP stays unknown).
  const factors: MfaFactors = inputs.factors ?? { totp: false, email: emailVerified, phone: phoneVerified, recoveryCode: false }
  const hasPassword = account.passwordUpdate !== ''
  const isGuest = account.email === '' && account.phone === '' && !hasPassword
  const countryCount = countries(sessions).size
  const findings: SecurityFinding[] = []
  const add = (finding: SecurityFinding): void => void findings.push(finding)

  if (isGuest) {
    add({
      id: 'guest-account',
      severity: 'risk',
      title: 'This is a guest account',
      detail: 'It has no e-mail, phone or password. When this session ends you cannot get back in. Add an e-mail and a password to keep it.',
      action: { label: 'Add e-mail and password', route: FIX_ROUTES.profile },
    })
  } else if (account.email === '') {
    add({
      id: 'email-missing',
      severity: 'warning',
      title: 'No e-mail address',
      detail: 'Without one you cannot reset a forgotten password.',
      action: { label: 'Add an e-mail', route: FIX_ROUTES.profile },
    })
  } else if (!emailVerified) {
    add({
      id: 'email-unverified',
      severity: 'warning',
      title: 'E-mail not verified',
      detail: `Confirm ${account.email} is yours, so it can be used to recover the account and as a second factor.`,
      action: { label: 'Verify e-mail', route: FIX_ROUTES.profile },
    })
  } else {
    add({ id: 'email-verified', severity: 'good', title: 'E-mail verified', detail: `${account.email} is confirmed.` })
  }

  if (account.phone === '') {
    if (!isGuest) {
      add({
        id: 'phone-missing',
        severity: 'info',
        title: 'No phone number',
        detail: 'A verified phone gives you another way to confirm it is you.',
        action: { label: 'Add a phone', route: FIX_ROUTES.profile },
      })
    }
  } else if (!phoneVerified) {
    add({
      id: 'phone-unverified',
      severity: 'info',
      title: 'Phone not verified',
      detail: `Confirm ${account.phone} with a text message to use it as a second factor.`,
      action: { label: 'Verify phone', route: FIX_ROUTES.profile },
    })
  } else {
    add({ id: 'phone-verified', severity: 'good', title: 'Phone verified', detail: `${account.phone} is confirmed.` })
  }

  // Appwrite asks for a second factor only when MFA is on AND one of TOTP, a verified e-mail or a
  // verified phone exists; recovery codes alone do not count (appwrite-behaviour §6).
  const secondFactors = (['totp', 'email', 'phone'] as const).filter((factor) => factors[factor])
  if (!account.mfa) {
    add({
      id: 'mfa-off',
      severity: 'warning',
      title: 'Two-step sign-in is off',
      detail:
        secondFactors.length > 0
          ? 'Anyone with your password can sign in. Turn on MFA so a second step is asked for.'
          : 'Anyone with your password can sign in. Add an authenticator app, then turn on MFA.',
      action: { label: 'Set up MFA', route: FIX_ROUTES.mfa },
    })
  } else if (secondFactors.length === 0) {
    add({
      id: 'mfa-no-factor',
      severity: 'warning',
      title: 'MFA is on but has nothing to ask for',
      detail: 'Without an authenticator app or a verified e-mail or phone, Appwrite lets a password alone sign in.',
      action: { label: 'Add an authenticator', route: FIX_ROUTES.mfa },
    })
  } else {
    add({
      id: 'mfa-on',
      severity: 'good',
      title: 'Two-step sign-in is on',
      detail: `A second step can use: ${secondFactors.map((factor) => FACTOR_NAMES[factor]).join(', ')}.`,
    })
  }

  if (account.mfa || factors.totp) {
    if (factors.recoveryCode) {
      add({ id: 'recovery-codes', severity: 'good', title: 'Recovery codes saved', detail: 'You can get in if you lose your second factor.' })
    } else {
      add({
        id: 'recovery-codes-missing',
        severity: 'warning',
        title: 'No recovery codes',
        detail: 'If you lose your authenticator you may be locked out. Create recovery codes and keep them safe.',
        action: { label: 'Create recovery codes', route: FIX_ROUTES.mfa },
      })
    }
  }

  if (!hasPassword) {
    if (!isGuest) {
      add({
        id: 'password-missing',
        severity: 'info',
        title: 'No password',
        detail: 'You sign in with links, codes or a provider. A password gives you another way in.',
        action: { label: 'Set a password', route: FIX_ROUTES.profile },
      })
    }
  } else {
    const ageDays = Math.floor((now - Date.parse(account.passwordUpdate)) / DAY_MS)
    if (ageDays >= PASSWORD_STALE_DAYS) {
      add({
        id: 'password-old',
        severity: 'info',
        title: 'Password not changed for a year',
        detail: `It was last changed ${plural(ageDays, 'day', 'days')} ago.`,
        action: { label: 'Change password', route: FIX_ROUTES.profile },
      })
    } else {
      add({ id: 'password-recent', severity: 'good', title: 'Password set', detail: 'Changed within the last year.' })
    }
  }

  if (countryCount > 1) {
    add({
      id: 'sessions-countries',
      severity: 'warning',
      title: `Signed in from ${countryCount} countries`,
      detail: 'If you do not recognise a session, sign it out.',
      action: { label: 'Review sessions', route: FIX_ROUTES.sessions },
    })
  } else if (sessions.length >= MANY_SESSIONS) {
    add({
      id: 'sessions-many',
      severity: 'info',
      title: `${sessions.length} sessions are open`,
      detail: 'Sign out the devices you no longer use.',
      action: { label: 'Review sessions', route: FIX_ROUTES.sessions },
    })
  } else {
    add({ id: 'sessions-few', severity: 'good', title: plural(sessions.length, 'session open', 'sessions open'), detail: 'Nothing unusual.' })
  }

  const ordered = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding)

  return {
    findings: ordered,
    emailVerified,
    phoneVerified,
    mfaEnabled: account.mfa,
    mfaFactors: factors,
    sessionCount: sessions.length,
    countryCount,
    deviceCount: devices(sessions).size,
    passwordUpdatedAt: account.passwordUpdate,
    recentSignIns: inputs.logs === null ? null : inputs.logs.filter((log) => log.event === 'session.create').slice(0, RECENT_SIGN_INS),
  }
}

/** Reads that may fail on some servers without making the whole overview fail. */
async function optional<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read
  } catch (error) {
    // A server without the route (older Appwrite, or `GET /account/logs` removed on Appwrite's
    // main branch, appwrite-behaviour §12) answers with an Appwrite error; anything else is a real failure.
    if (error instanceof AppwriteError && error.code !== 401) return null
    throw error
  }
}

/** `accountLogs` false: the server has none (appwrite-behaviour §13.8), so they are not asked for. */
export async function loadSecurityOverview(client: AccountClient, now: () => number, accountLogs = true): Promise<SecurityOverview> {
  const [account, sessions, factors, logs] = await Promise.all([
    client.get(),
    listSessions(client),
    optional(client.listMfaFactors()),
    accountLogs ? optional(client.listLogs({ queries: [Query.limit(LOGS_READ)] }).then((list) => list.logs)) : Promise.resolve(null),
  ])
  return computeSecurityOverview({ account, factors, sessions, logs }, now())
}
