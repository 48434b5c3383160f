import { describe, expect, it } from 'vitest'
import { Secret, TOTP, URI } from 'otpauth'
import {
  consumeRecoveryCode,
  createTotpSecret,
  factorsAfterEnabling,
  generateChallengeCode,
  generateRecoveryCodes,
  listFactors,
  parseChallengeFactor,
  totpCodeAt,
  totpProvisioningUri,
  verifiedChannelsOf,
  verifyTotpCode,
  withFactor,
} from '../../../src-server/domain/mfa'
import { hasRecentChallenge } from '../../../src-server/domain/mfa-policy'
import type { SessionRow } from '../../../src-server/domain/sessions'
import { EMPTY_DEVICE } from '../../../src-server/domain/device'

const none = { totp: false, email: false, phone: false }

describe('TOTP secret and URI (appwrite-behaviour §6)', () => {
  it('makes a 103-character upper-case base32 secret without padding from 64 bytes', () => {
    const secret = createTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{103}$/)
    expect(Secret.fromBase32(secret).bytes.length).toBe(64)
    expect(createTotpSecret()).not.toBe(secret)
  })

  it('percent-encodes "<issuer>:<label>" as one string and omits default parameters', () => {
    const uri = totpProvisioningUri('My Project', 'ada@example.com', 'ABCDEF')
    expect(uri).toBe('otpauth://totp/My%20Project%3Aada%40example.com?issuer=My%20Project&secret=ABCDEF')
  })

  it('encodes the characters encodeURIComponent would leave alone, as PHP rawurlencode does', () => {
    expect(totpProvisioningUri("Bob's (app)!", 'a*b@c.d', 'S')).toBe(
      'otpauth://totp/Bob%27s%20%28app%29%21%3Aa%2Ab%40c.d?issuer=Bob%27s%20%28app%29%21&secret=S',
    )
  })

  it('produces a URI an otpauth client parses back to SHA-1, 6 digits, 30 s', () => {
    const secret = createTotpSecret()
    const parsed = URI.parse(totpProvisioningUri('Sandbox', 'u@example.com', secret))
    expect(parsed).toBeInstanceOf(TOTP)
    const totp = parsed as TOTP
    expect(totp.issuer).toBe('Sandbox')
    expect(totp.label).toBe('u@example.com')
    expect(totp.algorithm).toBe('SHA1')
    expect(totp.digits).toBe(6)
    expect(totp.period).toBe(30)
    expect(totp.secret.base32).toBe(secret)
  })
})

describe('TOTP verification', () => {
  const secret = createTotpSecret()
  const t = Date.UTC(2030, 0, 1, 0, 0, 15) // middle of a 30-s step

  it('matches the code an authenticator app computes for the same step', () => {
    const appCode = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: t })
    expect(totpCodeAt(secret, t)).toBe(appCode)
    expect(verifyTotpCode(secret, appCode, t)).toBe(true)
  })

  it('accepts only the current step: the previous and next codes fail (no drift window, §11.16)', () => {
    expect(verifyTotpCode(secret, totpCodeAt(secret, t - 30_000), t)).toBe(false)
    expect(verifyTotpCode(secret, totpCodeAt(secret, t + 30_000), t)).toBe(false)
  })

  it('rejects wrong, empty and oversized input', () => {
    const good = totpCodeAt(secret, t)
    const wrong = good === '000000' ? '000001' : '000000'
    expect(verifyTotpCode(secret, wrong, t)).toBe(false)
    expect(verifyTotpCode(secret, '', t)).toBe(false)
    expect(verifyTotpCode(secret, `${good}0`, t)).toBe(false)
  })
})

describe('recovery codes', () => {
  it('generates 6 distinct codes of 10 lower-case hex characters', () => {
    const codes = generateRecoveryCodes()
    expect(codes).toHaveLength(6)
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/)
    expect(new Set(codes).size).toBe(6)
  })

  it('consumes a code once and refuses it afterwards', () => {
    const codes = generateRecoveryCodes()
    const used = codes[2] ?? ''
    const rest = consumeRecoveryCode(codes, used)
    expect(rest).toHaveLength(5)
    expect(rest).not.toContain(used)
    expect(consumeRecoveryCode(rest ?? [], used)).toBeNull()
    expect(consumeRecoveryCode(codes, 'nope')).toBeNull()
  })
})

describe('challenge factor parameter', () => {
  it('accepts every casing of the four factors and stores recovery codes as "recoverycode"', () => {
    expect(parseChallengeFactor('email')).toBe('email')
    expect(parseChallengeFactor('PHONE')).toBe('phone')
    expect(parseChallengeFactor('Totp')).toBe('totp')
    expect(parseChallengeFactor('recoveryCode')).toBe('recoverycode')
    expect(parseChallengeFactor('recoverycode')).toBe('recoverycode')
    expect(parseChallengeFactor('sms')).toBeNull()
    expect(parseChallengeFactor('')).toBeNull()
  })

  it('makes 6-digit e-mail/SMS codes, leading zeros included', () => {
    for (let i = 0; i < 200; i++) expect(generateChallengeCode()).toMatch(/^\d{6}$/)
  })
})

describe('factor arithmetic (appwrite-behaviour §6)', () => {
  it('counts e-mail and phone only when present and verified', () => {
    const user = { email: 'a@b.c', emailVerification: false, phone: '', phoneVerification: true }
    expect(verifiedChannelsOf(user, false)).toEqual(none)
    expect(verifiedChannelsOf({ ...user, emailVerification: true }, true)).toEqual({ totp: true, email: true, phone: false })
  })

  it('deduplicates appended factors', () => {
    expect(withFactor(['password'], 'totp')).toEqual(['password', 'totp'])
    expect(withFactor(['email'], 'email')).toEqual(['email'])
  })

  it('credits the enabling session with verified totp, email and phone', () => {
    expect(factorsAfterEnabling(['password'], { totp: true, email: true, phone: false })).toEqual(['password', 'totp', 'email'])
    expect(factorsAfterEnabling(['email'], { totp: false, email: true, phone: true })).toEqual(['email', 'phone'])
  })

  it('lists factors in Appwrite key order with recoveryCode true only when codes remain', () => {
    const listed = listFactors({ totp: true, email: false, phone: true }, ['abc'])
    expect(Object.keys(listed)).toEqual(['totp', 'phone', 'email', 'recoveryCode'])
    expect(listed).toEqual({ totp: true, phone: true, email: false, recoveryCode: true })
    expect(listFactors(none, []).recoveryCode).toBe(false)
  })
})

describe('mfaProtected freshness (30 minutes, appwrite-behaviour §6; rule in domain/mfa-policy.ts)', () => {
  const now = Date.UTC(2030, 5, 1, 12, 0, 0)
  const session = (mfaUpdatedAt: number | null): SessionRow => ({
    id: 's',
    userId: 'u',
    secretHash: '',
    createdAt: now - 3_600_000,
    updatedAt: now,
    expire: now + 3_600_000,
    provider: 'email',
    providerUid: '',
    providerAccessToken: '',
    providerAccessTokenExpiry: null,
    providerRefreshToken: '',
    ip: '',
    userAgent: '',
    device: EMPTY_DEVICE,
    countryCode: '--',
    factors: ['password'],
    mfaUpdatedAt,
  })

  it('is fresh up to and including 1800 s after the challenge', () => {
    expect(hasRecentChallenge(session(now - 60_000), now)).toBe(true)
    expect(hasRecentChallenge(session(now - 1_800_000), now)).toBe(true)
  })

  it('is stale after 30 minutes, and when the session never completed a challenge', () => {
    expect(hasRecentChallenge(session(now - 1_801_000), now)).toBe(false)
    expect(hasRecentChallenge(session(null), now)).toBe(false)
  })
})
