/**
 * Verifying a provider's OpenID Connect ID token for `POST /account/sessions/id-token` (2.x,
 * appwrite-behaviour §13.4), with Appwrite's checks in Appwrite's order: three parts, a `kid`, a
 * key from the provider's JWKS, an RS256 signature whatever `alg` the header claims, `exp` (60 s
 * skew), `iat` at most 60 s ahead and at most 24 h old, the issuer, an audience among the allowed
 * client ids, the nonce (Apple always; anyone whose token carries one), and a subject.
 *
 * Only `google` and `apple` have an ID-token profile. The sandbox cannot reach Google or Apple,
 * so a provider's settings may name another issuer and JWKS address (a sandbox-only choice: the
 * local test provider, or any OpenID provider); by default they are the real ones.
 */
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto'
import { AppwriteError } from '../errors'
import type { OAuthProviderConfig } from '../config'

interface IdTokenProfile {
  readonly issuers: readonly string[]
  readonly jwksUri: string
  readonly nonceRequired: boolean
}

const PROFILES: Readonly<Record<string, IdTokenProfile>> = {
  google: { issuers: ['https://accounts.google.com', 'accounts.google.com'], jwksUri: 'https://www.googleapis.com/oauth2/v3/certs', nonceRequired: false },
  apple: { issuers: ['https://appleid.apple.com'], jwksUri: 'https://appleid.apple.com/auth/keys', nonceRequired: true },
}

export const ID_TOKEN_PROVIDERS: readonly string[] = Object.keys(PROFILES)

const SKEW_SECONDS = 60
const MAX_AGE_SECONDS = 24 * 3600
const JWKS_TTL_MS = 3600_000
const JWKS_TIMEOUT_MS = 10_000
const JWKS_MAX_BYTES = 256 * 1024

export interface IdTokenClaims {
  readonly sub: string
  readonly email: string
  readonly emailVerified: boolean
  readonly name: string
}

function invalid(reason: string): AppwriteError {
  return new AppwriteError('user_oauth2_token_invalid', `Invalid ID token: ${reason}`)
}

function decodePart(part: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
  return parsed as Record<string, unknown>
}

interface CachedKeys {
  readonly keys: readonly JsonWebKey[]
  readonly fetchedAt: number
}
const jwksCache = new Map<string, CachedKeys>()

async function fetchJwks(uri: string): Promise<readonly JsonWebKey[]> {
  let body: unknown
  try {
    const response = await fetch(uri, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), redirect: 'error' })
    const text = await response.text()
    if (!response.ok || text.length > JWKS_MAX_BYTES) throw new Error(`status ${response.status}`)
    body = JSON.parse(text)
  } catch {
    throw new AppwriteError('user_oauth2_provider_error', 'The provider’s signing keys could not be fetched.')
  }
  const keys = (body as { keys?: unknown }).keys
  if (!Array.isArray(keys)) throw new AppwriteError('user_oauth2_provider_error', 'The provider’s signing keys could not be read.')
  const list = keys.filter((key): key is JsonWebKey => typeof key === 'object' && key !== null)
  jwksCache.set(uri, { keys: list, fetchedAt: Date.now() })
  return list
}

/** The key with this `kid`; a miss refetches once (the provider may have rotated its keys). */
async function signingKey(uri: string, kid: string): Promise<JsonWebKey> {
  const cached = jwksCache.get(uri)
  const fresh = cached !== undefined && Date.now() - cached.fetchedAt < JWKS_TTL_MS
  let key = fresh ? cached.keys.find((candidate) => candidate.kid === kid) : undefined
  if (!key) key = (await fetchJwks(uri)).find((candidate) => candidate.kid === kid)
  if (!key) throw invalid('Unknown signing key')
  return key
}

/** The audiences a token may carry: the provider's client id plus its native client ids. */
function allowedAudiences(config: OAuthProviderConfig): Set<string> {
  return new Set([config.appId, ...(config.nativeClientIds ?? [])].filter((id) => id !== ''))
}

export interface VerifyIdTokenInput {
  readonly provider: string
  readonly config: OAuthProviderConfig
  readonly idToken: string
  readonly nonce: string
  readonly nowMs?: number
}

export async function verifyIdToken(input: VerifyIdTokenInput): Promise<IdTokenClaims> {
  const profile = PROFILES[input.provider]
  if (!profile) throw new AppwriteError('project_provider_unsupported')
  const parts = input.idToken.split('.')
  if (parts.length !== 3) throw invalid('Malformed token')
  let header: Record<string, unknown>
  let claims: Record<string, unknown>
  try {
    header = decodePart(parts[0] as string)
    claims = decodePart(parts[1] as string)
  } catch {
    throw invalid('Malformed token')
  }
  const kid = header['kid']
  if (typeof kid !== 'string' || kid === '') throw invalid('Missing key ID')
  const jwk = await signingKey(input.config.jwksUri ?? profile.jwksUri, kid)
  let signatureOk = false
  try {
    // RS256 is pinned: the header's `alg` is never trusted.
    signatureOk = verify(
      'RSA-SHA256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(parts[2] as string, 'base64url'),
    )
  } catch {
    throw invalid('Invalid signing key')
  }
  if (!signatureOk) throw invalid('Invalid signature')

  const now = Math.floor((input.nowMs ?? Date.now()) / 1000)
  const exp = claims['exp']
  if (typeof exp !== 'number' || exp + SKEW_SECONDS < now) throw invalid('Token expired')
  const iat = claims['iat']
  if (typeof iat === 'number' && iat - SKEW_SECONDS > now) throw invalid('Token issued in the future')
  if (typeof iat === 'number' && now - iat > MAX_AGE_SECONDS + SKEW_SECONDS) throw invalid('Token expired')
  const issuers = input.config.issuer ? [input.config.issuer] : profile.issuers
  if (typeof claims['iss'] !== 'string' || !issuers.includes(claims['iss'])) throw invalid('Invalid issuer')
  const aud = claims['aud']
  const audiences = Array.isArray(aud) ? aud.filter((value): value is string => typeof value === 'string') : typeof aud === 'string' ? [aud] : []
  const allowed = allowedAudiences(input.config)
  if (!audiences.some((audience) => allowed.has(audience))) throw invalid("Audience mismatch. Add the token's client ID to the provider configuration.")
  const claimedNonce = claims['nonce']
  if (profile.nonceRequired && typeof claimedNonce !== 'string') throw invalid('Nonce required')
  if (typeof claimedNonce === 'string') {
    if (input.nonce === '') throw invalid('Nonce required')
    const hashed = createHash('sha256').update(input.nonce).digest('hex')
    if (claimedNonce !== input.nonce && claimedNonce !== hashed) throw invalid('Nonce mismatch')
  }
  const sub = claims['sub']
  if (typeof sub !== 'string' || sub === '') throw invalid('Missing subject')
  const verified = claims['email_verified']
  return {
    sub,
    email: typeof claims['email'] === 'string' ? claims['email'] : '',
    // Apple sends the string "true".
    emailVerified: verified === true || verified === 'true',
    name: typeof claims['name'] === 'string' ? claims['name'] : '',
  }
}
