/**
 * MFA routes (appwrite-behaviour §3.2 "MFA" rows, §6; Appwrite's docs for paths and status codes):
 * enable/disable, factors, TOTP authenticator add/verify/delete, recovery codes
 * create/get/regenerate, and challenges create/confirm on both `/challenges` and the older
 * `/challenge` path (SDKs disagree on which they call, §3.2 "Path history").
 *
 * The factor check itself (user_more_factors_required) and the 30-minute mfaProtected rule run
 * in the router (domain/mfa-policy.ts); routes here only declare `mfa: 'exempt' | 'protected'`.
 */
import type { MfaFactors, MfaRecoveryCodes, MfaType } from '../../../src-shared/appwrite'
import { AppwriteError } from '../../errors'
import { writeAudit, type AuditEvent } from '../../domain/audit'
import {
  AUTHENTICATOR_TYPES,
  challengeModel,
  consumeRecoveryCode,
  createChallenge,
  createTotpSecret,
  deleteAuthenticator,
  deleteChallenge,
  factorsAfterEnabling,
  findAuthenticator,
  findChallenge,
  generateChallengeCode,
  generateRecoveryCodes,
  listFactors,
  markAuthenticatorVerified,
  MFA_CHALLENGE_MAX_FAILURES,
  recordChallengeFailure,
  parseChallengeFactor,
  replaceUnverifiedAuthenticator,
  setSessionFactors,
  totpProvisioningUri,
  userChannels,
  verifyTotpCode,
  withFactor,
  type AuthenticatorRow,
  type AuthenticatorType,
  type ChallengeFactor,
  type ChallengeRow,
} from '../../domain/mfa'
import { addSessionFactors, getSession, sessionModel, type SessionRow } from '../../domain/sessions'
import { getUser, updateUser, type UserRow } from '../../domain/users'
import { writeMessage } from '../../mail/outbox'
import { atomically } from '../../store/database'
import { boolean, oneOf, required, text, type CheckResult, type Validator } from '../params'
import { defineRoute, json, noContent, type AnyRoute, type Reply, type RequestContext, type RouteModule } from '../route'
import { currentUser, updatedAccount } from './account'

/** Every MFA setting change is audited as `user.update` on the user (appwrite-behaviour §9). */
function audit(ctx: RequestContext<unknown>, user: UserRow, event: AuditEvent): void {
  writeAudit(ctx.app.db, { user, event, resource: `user/${user.id}`, client: ctx.client })
}

/** The caller's authenticator of this type, or 404 user_authenticator_not_found. */
function authenticatorOf(ctx: RequestContext<unknown>, user: UserRow, type: AuthenticatorType): AuthenticatorRow {
  const authenticator = findAuthenticator(ctx.app.db, user.id, type)
  if (!authenticator) throw new AppwriteError('user_authenticator_not_found')
  return authenticator
}

/** Fresh recovery codes replace the caller's (audited as `user.update`) and are shown once more. */
function newRecoveryCodes(ctx: RequestContext<unknown>, user: UserRow, status: 200 | 201): Reply {
  const recoveryCodes = generateRecoveryCodes()
  const updated = updateUser(ctx.app.db, user.id, { mfaRecoveryCodes: recoveryCodes })
  audit(ctx, updated, 'user.update')
  const body: MfaRecoveryCodes = { recoveryCodes }
  return json(status, body)
}

/** Re-reads the caller after a write so responses show the stored state. */
function reload(ctx: RequestContext<unknown>, user: UserRow): UserRow {
  return getUser(ctx.app.db, user.id) ?? user
}

/**
 * The session whose factors change. A cookie/header session normally; for a JWT caller, the
 * session the JWT was made from (Appwrite has no session document then and fails the write;
 * crediting the JWT's own session is the useful reading).
 */
function callerSession(ctx: RequestContext<unknown>): SessionRow | null {
  if (ctx.auth.session) return ctx.auth.session
  if (ctx.auth.jwtSessionId) return getSession(ctx.app.db, ctx.auth.jwtSessionId)
  return null
}

/**
 * `factor` of challenge creation: Appwrite's WhiteList is case-insensitive here (§3.2) and
 * 1.9 completes both `recoverycode` and `recoveryCode` (§12).
 */
function challengeFactor(): Validator<ChallengeFactor> {
  const description = 'Value must be one of (email, phone, totp, recoveryCode)'
  return {
    check(value): CheckResult<ChallengeFactor> {
      const factor = typeof value === 'string' ? parseChallengeFactor(value) : null
      return factor === null ? { ok: false, description } : { ok: true, value: factor }
    },
  }
}

const authenticatorType = () => oneOf(AUTHENTICATOR_TYPES)

function mfaChallengeEmail(ctx: RequestContext<unknown>, user: UserRow, code: string): Parameters<typeof writeMessage>[1] {
  const project = ctx.app.config.name
  const hello = user.name ? `Hello ${user.name},` : 'Hello,'
  return {
    channel: 'email',
    to: user.email ?? '',
    subject: `Verification Code for ${project}`,
    body: `${hello}\n\nEnter the following code to confirm your sign-in to ${project}:\n\n${code}\n\nIf you did not try to sign in, change your password: someone else may know it.\n\nThanks,\n${project} team`,
  }
}

function mfaChallengeSms(ctx: RequestContext<unknown>, user: UserRow, code: string): Parameters<typeof writeMessage>[1] {
  return { channel: 'sms', to: user.phone ?? '', subject: '', body: `${code} is your ${ctx.app.config.name} verification code.` }
}

/**
 * Challenge creation. E-mail and SMS challenges need the channel present and verified; the
 * code is written to the outbox (the sandbox's mail/SMS provider, so Appwrite's
 * general_smtp_disabled / general_phone_disabled cannot occur). TOTP and recovery-code
 * challenges send nothing (§6).
 */
function createChallengeRoute(path: string): AnyRoute {
  return defineRoute({
    method: 'POST',
    path,
    scope: 'account',
    event: 'users.[userId].challenges.[challengeId].create',
    mfa: 'exempt',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: { factor: required(challengeFactor()) },
    handle(ctx) {
      const { app } = ctx
      const user = currentUser(ctx)
      const factor = ctx.params.factor
      let code = ''
      if (factor === 'email') {
        if (!user.email) throw new AppwriteError('user_email_not_found')
        if (!user.emailVerification) throw new AppwriteError('user_email_not_verified')
        code = generateChallengeCode()
      } else if (factor === 'phone') {
        if (!user.phone) throw new AppwriteError('user_phone_not_found')
        if (!user.phoneVerification) throw new AppwriteError('user_phone_not_verified')
        code = generateChallengeCode()
      }
      const challenge = createChallenge(app.db, user.id, factor, code)
      if (factor === 'email') writeMessage(app, mfaChallengeEmail(ctx, user, code), challenge.id)
      if (factor === 'phone') writeMessage(app, mfaChallengeSms(ctx, user, code), challenge.id)
      audit(ctx, user, 'challenge.create')
      ctx.event.params['challengeId'] = challenge.id
      // 201 as Appwrite's docs say and 1.9 answers (≤1.8.1 sent 200, §12).
      return json(201, challengeModel(challenge))
    },
  })
}

/** Whether `otp` answers this challenge; consumes a recovery code on success. */
function answerChallenge(ctx: RequestContext<unknown>, user: UserRow, challenge: ChallengeRow, otp: string): boolean {
  const { db } = ctx.app
  switch (challenge.type) {
    case 'email':
    case 'phone':
      return challenge.code !== '' && challenge.code === otp
    case 'totp': {
      // Only a verified authenticator is a factor; Appwrite would also accept an unverified
      // one here, which lets a session claim a factor the account does not have.
      const authenticator = findAuthenticator(db, user.id, 'totp')
      return authenticator !== null && authenticator.verified && verifyTotpCode(authenticator.secret, otp, Date.now())
    }
    case 'recoverycode':
      // Read the codes fresh and write the rest in one synchronous transaction, so two
      // concurrent confirmations cannot both spend the same single-use code (§6).
      return atomically(db, () => {
        const fresh = getUser(db, user.id)
        const rest = fresh ? consumeRecoveryCode(fresh.mfaRecoveryCodes, otp) : null
        if (rest === null) return false
        updateUser(db, user.id, { mfaRecoveryCodes: rest })
        return true
      })
    default: {
      const unreachable: never = challenge.type
      return unreachable
    }
  }
}

/**
 * Challenge confirmation: the factor is appended to the session (deduplicated),
 * `mfaUpdatedAt` becomes now, the challenge is deleted, and the Session comes back (§6).
 * Unlike Appwrite ≤ 1.8.1 (§11.16) an expired challenge is refused, and a challenge is dropped
 * after MFA_CHALLENGE_MAX_FAILURES wrong answers.
 */
function confirmChallengeRoute(path: string): AnyRoute {
  return defineRoute({
    method: 'PUT',
    path,
    scope: 'account',
    event: 'users.[userId].sessions.[sessionId].create',
    mfa: 'exempt',
    rateLimit: { limit: 10, keys: ['url:{url},challengeId:{param-challengeId}'] },
    params: { challengeId: required(text(256)), otp: required(text(256)) },
    handle(ctx) {
      const { app } = ctx
      const user = currentUser(ctx)
      const challenge = findChallenge(app.db, user.id, ctx.params.challengeId)
      if (!challenge) throw new AppwriteError('user_invalid_token')
      if (challenge.expire <= Date.now()) {
        deleteChallenge(app.db, challenge.id)
        throw new AppwriteError('user_invalid_token', 'This challenge has expired. Create a new challenge and enter its code.')
      }
      if (!answerChallenge(ctx, user, challenge, ctx.params.otp)) {
        if (recordChallengeFailure(app.db, challenge.id) >= MFA_CHALLENGE_MAX_FAILURES) {
          deleteChallenge(app.db, challenge.id)
          throw new AppwriteError('user_invalid_token', 'Too many wrong codes for this challenge. Create a new challenge and enter its code.')
        }
        throw new AppwriteError('user_invalid_token')
      }
      deleteChallenge(app.db, challenge.id)
      const session = callerSession(ctx)
      if (!session) throw new AppwriteError('user_session_not_found')
      const updated = addSessionFactors(app.db, session.id, [challenge.type]) ?? session
      audit(ctx, user, 'challenges.update')
      ctx.event.params['sessionId'] = session.id
      return json(200, sessionModel(updated, { current: ctx.auth.session !== null }))
    },
  })
}

export const mfaRoutes: RouteModule = {
  name: 'mfa',
  routes: [
    defineRoute({
      method: 'PATCH',
      path: '/account/mfa',
      scope: 'account',
      event: 'users.[userId].update.mfa',
      // Appwrite's Boolean validator in strict mode: JSON true/false only (§3.2).
      params: { mfa: required(boolean(true)) },
      handle(ctx) {
        const { app } = ctx
        const user = updateUser(app.db, currentUser(ctx).id, { mfa: ctx.params.mfa })
        if (ctx.params.mfa) {
          const session = callerSession(ctx)
          if (session) setSessionFactors(app.db, session.id, factorsAfterEnabling(session.factors, userChannels(app.db, user)))
        }
        return updatedAccount(ctx, user)
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/mfa/factors',
      scope: 'account',
      mfa: 'exempt',
      handle(ctx) {
        const user = currentUser(ctx)
        const factors: MfaFactors = listFactors(userChannels(ctx.app.db, user), user.mfaRecoveryCodes)
        return json(200, factors)
      },
    }),

    defineRoute({
      method: 'POST',
      path: '/account/mfa/authenticators/{type}',
      scope: 'account',
      event: 'users.[userId].update.mfa',
      params: { type: required(authenticatorType()) },
      handle(ctx) {
        const { app } = ctx
        const user = currentUser(ctx)
        const secret = createTotpSecret()
        replaceUnverifiedAuthenticator(app.db, user.id, ctx.params.type, secret)
        audit(ctx, user, 'user.update')
        // Issuer = project name, label = the user's e-mail (§6).
        const body: MfaType = { secret, uri: totpProvisioningUri(app.config.name, user.email ?? '', secret) }
        return json(200, body)
      },
    }),

    defineRoute({
      method: 'PUT',
      path: '/account/mfa/authenticators/{type}',
      scope: 'account',
      event: 'users.[userId].update.mfa',
      params: { type: required(authenticatorType()), otp: required(text(256)) },
      handle(ctx) {
        const { app } = ctx
        const user = currentUser(ctx)
        const authenticator = authenticatorOf(ctx, user, ctx.params.type)
        if (authenticator.verified) throw new AppwriteError('user_authenticator_already_verified')
        if (!verifyTotpCode(authenticator.secret, ctx.params.otp, Date.now())) throw new AppwriteError('user_invalid_token')
        markAuthenticatorVerified(app.db, authenticator.id)
        // The verifying session now holds the factor (§3.2), without counting as a recent challenge.
        const session = callerSession(ctx)
        if (session) setSessionFactors(app.db, session.id, withFactor(session.factors, ctx.params.type))
        return updatedAccount(ctx, reload(ctx, user))
      },
    }),

    defineRoute({
      method: 'DELETE',
      path: '/account/mfa/authenticators/{type}',
      scope: 'account',
      event: 'users.[userId].delete.mfa',
      mfa: 'protected',
      params: { type: required(authenticatorType()) },
      handle(ctx) {
        const { app } = ctx
        const user = currentUser(ctx)
        const authenticator = authenticatorOf(ctx, user, ctx.params.type)
        deleteAuthenticator(app.db, authenticator.id)
        audit(ctx, user, 'user.update')
        return noContent()
      },
    }),

    defineRoute({
      method: 'POST',
      path: '/account/mfa/recovery-codes',
      scope: 'account',
      event: 'users.[userId].update.mfa',
      handle(ctx) {
        const user = currentUser(ctx)
        // Created once; afterwards they can only be read (mfaProtected) or regenerated (§6).
        if (user.mfaRecoveryCodes.length > 0) throw new AppwriteError('user_recovery_codes_already_exists')
        // 201 as Appwrite's docs say and 1.9 answers (≤1.8.1 sent 200, §12).
        return newRecoveryCodes(ctx, user, 201)
      },
    }),

    defineRoute({
      method: 'GET',
      path: '/account/mfa/recovery-codes',
      scope: 'account',
      mfa: 'protected',
      handle(ctx) {
        const user = currentUser(ctx)
        if (user.mfaRecoveryCodes.length === 0) throw new AppwriteError('user_recovery_codes_not_found')
        const body: MfaRecoveryCodes = { recoveryCodes: user.mfaRecoveryCodes }
        return json(200, body)
      },
    }),

    defineRoute({
      method: 'PATCH',
      path: '/account/mfa/recovery-codes',
      scope: 'account',
      event: 'users.[userId].update.mfa',
      mfa: 'protected',
      handle(ctx) {
        const user = currentUser(ctx)
        if (user.mfaRecoveryCodes.length === 0) throw new AppwriteError('user_recovery_codes_not_found')
        return newRecoveryCodes(ctx, user, 200)
      },
    }),

    createChallengeRoute('/account/mfa/challenges'),
    createChallengeRoute('/account/mfa/challenge'),
    confirmChallengeRoute('/account/mfa/challenges'),
    confirmChallengeRoute('/account/mfa/challenge'),
  ],
}
