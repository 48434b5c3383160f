/**
 * Which user an OAuth2 login belongs to, and the identity row that records it (appwrite-behaviour §7.2).
 *
 * - Browser already signed in: the identity is attached to that user; a provider e-mail owned
 *   by another user, or by another user's identity, refuses the link (user_already_exists).
 *   An empty e-mail/name on the user is filled from the provider (anonymous conversion).
 * - Otherwise: the identity with this provider + provider user id, else a user with the same
 *   e-mail (auto-link, no verification check), else a new user (`emailVerification: true`,
 *   no password, an e-mail target).
 * - The identity is created on first link and its tokens refreshed on every login.
 *
 * Some failures are redirected to the client's failure URL, others render Appwrite's error
 * page; the split follows Appwrite's redirect route, so `LinkResult` carries the former and the
 * latter are thrown as AppwriteError.
 */
import type { ProjectConfig } from '../config'
import { AppwriteError } from '../errors'
import type { AccountErrorType } from '../../src-shared/appwrite'
import { normalizeEmail } from '../domain/accounts'
import { uniqueId } from '../domain/ids'
import { emailTakenByOtherIdentity, findIdentitiesByEmail, findIdentityByProviderUid, upsertIdentity, type IdentityRow } from '../domain/identities'
import { createTarget, findTargetByIdentifier } from '../domain/targets'
import { countUsers, createUser, findUserByEmail, getUser, updateUser, type UserPatch, type UserRow } from '../domain/users'
import type { Database } from '../store/database'
import type { OAuth2Tokens, OAuth2User } from './provider'

export interface OAuthLogin {
  /** Provider key, e.g. `oidc`. */
  readonly provider: string
  readonly profile: OAuth2User
  readonly tokens: OAuth2Tokens
  /** The user of the browser's current session, if it has one. */
  readonly signedIn: UserRow | null
}

export type LinkResult =
  | { readonly kind: 'linked'; readonly user: UserRow; readonly identity: IdentityRow; readonly created: boolean }
  /** A failure Appwrite reports by redirecting to the failure URL. */
  | { readonly kind: 'failure'; readonly type: AccountErrorType; readonly message?: string }

/**
 * A user by e-mail. Appwrite's database compares e-mails case-insensitively (MariaDB collation),
 * and every sandbox sign-up path stores them lower-cased, so a provider's `Alice@Example.com`
 * must still find `alice@example.com`.
 */
function findUserByProviderEmail(db: Database, email: string): UserRow | null {
  return findUserByEmail(db, email) ?? findUserByEmail(db, normalizeEmail(email))
}

export function linkOAuthLogin(db: Database, config: ProjectConfig, login: OAuthLogin, now = Date.now()): LinkResult {
  const { provider, profile, tokens } = login
  const email = profile.email
  let user = login.signedIn
  let created = false

  if (user !== null) {
    const signedInId = user.id
    if (email !== '') {
      if (emailTakenByOtherIdentity(db, email, signedInId)) throw new AppwriteError('user_already_exists')
      const owner = findUserByProviderEmail(db, email)
      if (owner !== null && owner.id !== signedInId) throw new AppwriteError('user_already_exists')
    }
  } else {
    const identity = findIdentityByProviderUid(db, provider, profile.id)
    if (identity !== null) user = getUser(db, identity.userId)
    if (user === null) {
      if (email === '') throw new AppwriteError('user_unauthorized', 'OAuth provider failed to return email.')
      user = findUserByProviderEmail(db, email)
    }
    if (user === null) {
      if (config.userLimit > 0 && countUsers(db) >= config.userLimit) return { kind: 'failure', type: 'user_count_exceeded' }
      // An e-mail already carried by some identity gets Appwrite's deliberately vague 400.
      if (findIdentitiesByEmail(db, email).length > 0) throw new AppwriteError('general_bad_request')
      try {
        // Stored lower-cased like every other sign-up path, so e-mail sign-in finds it later.
        user = createUser(db, { id: uniqueId(), email: normalizeEmail(email), name: profile.name, emailVerification: true }, now)
        created = true
      } catch (error) {
        if (error instanceof AppwriteError && error.type === 'user_already_exists') return { kind: 'failure', type: 'user_already_exists' }
        throw error
      }
    }
  }

  if (!user.status) return { kind: 'failure', type: 'user_blocked' }

  const existing = findIdentityByProviderUid(db, provider, profile.id)
  if (existing !== null && existing.userId !== user.id) throw new AppwriteError('general_bad_request')
  if (existing === null && email !== '' && emailTakenByOtherIdentity(db, email, user.id)) throw new AppwriteError('general_bad_request')
  const identity = upsertIdentity(
    db,
    {
      userId: user.id,
      provider,
      providerUid: profile.id,
      providerEmail: email,
      providerAccessToken: tokens.accessToken,
      providerAccessTokenExpiry: now + tokens.expiresIn * 1000,
      providerRefreshToken: tokens.refreshToken,
    },
    now,
  )

  const patch: UserPatch = {}
  if ((user.email ?? '') === '' && email !== '') {
    const address = normalizeEmail(email)
    const owner = findUserByProviderEmail(db, address)
    if (owner === null || owner.id === user.id) {
      patch.email = address
      // Keep the user's targets in step with its e-mail, as the e-mail update route does.
      if (findTargetByIdentifier(db, address) === null) createTarget(db, { userId: user.id, providerType: 'email', identifier: address }, now)
    }
  }
  if (user.name === '' && profile.name !== '') patch.name = profile.name
  if (Object.keys(patch).length > 0) user = updateUser(db, user.id, patch, now)

  return { kind: 'linked', user, identity, created }
}

export interface IdTokenLogin {
  readonly provider: string
  readonly sub: string
  /** The provider's e-mail for the subject, `""` when it sent none. */
  readonly email: string
  readonly emailVerified: boolean
  /** The token's `name`, else the request's `name` (Apple sends the name only once). */
  readonly name: string
  readonly signedIn: UserRow | null
}

/**
 * Which user an ID-token sign-in belongs to (appwrite-behaviour §13.4). Unlike the browser flow, an
 * existing account is adopted by e-mail only when the provider says the e-mail is verified, and a
 * refusal is the deliberately vague 400 so the route cannot be used to probe for accounts.
 * Signed in: the identity goes to that user unless the subject or the e-mail belongs to another.
 */
export function resolveIdTokenUser(db: Database, config: ProjectConfig, login: IdTokenLogin, now = Date.now()): UserRow {
  const identity = findIdentityByProviderUid(db, login.provider, login.sub)
  const email = login.email
  if (login.signedIn !== null) {
    const me = login.signedIn.id
    if (identity !== null && identity.userId !== me) throw new AppwriteError('user_already_exists')
    if (email !== '') {
      if (emailTakenByOtherIdentity(db, email, me)) throw new AppwriteError('user_already_exists')
      const owner = findUserByProviderEmail(db, email)
      if (owner !== null && owner.id !== me) throw new AppwriteError('user_already_exists')
    }
    return login.signedIn
  }
  if (identity !== null) {
    const owner = getUser(db, identity.userId)
    if (owner !== null) return owner
  }
  if (email !== '') {
    const byEmail = findUserByProviderEmail(db, email) ?? firstIdentityOwner(db, email)
    if (byEmail !== null) {
      if (!login.emailVerified) throw new AppwriteError('general_bad_request')
      return byEmail
    }
  }
  if (config.userLimit > 0 && countUsers(db) >= config.userLimit) throw new AppwriteError('user_count_exceeded')
  return createUser(
    db,
    { id: uniqueId(), email: email === '' ? null : normalizeEmail(email), name: login.name, emailVerification: email !== '' && login.emailVerified },
    now,
  )
}

function firstIdentityOwner(db: Database, email: string): UserRow | null {
  for (const identity of findIdentitiesByEmail(db, email)) {
    const owner = getUser(db, identity.userId)
    if (owner !== null) return owner
  }
  return null
}
