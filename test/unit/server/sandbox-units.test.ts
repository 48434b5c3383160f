/**
 * Pure pieces of the sandbox: query-string parsing, the rate limiter's windows and headers,
 * redirect-URL policy, parameter validators, link formatting, JWTs, ids, config merging.
 */
import { describe, expect, it } from 'vitest'
import { parseQueryString } from '../../../src-server/http/query-string'
import { createRateLimiter } from '../../../src-server/http/rate-limit'
import { checkRedirectUrl, hostnameAllowed, originAllowed } from '../../../src-server/http/redirect-url'
import {
  boolean,
  customId,
  email,
  integerRange,
  jsonObject,
  phone,
  text,
  validateParams,
  required,
  optional,
  type ValidationEnv,
} from '../../../src-server/http/params'
import { queries } from '../../../src-server/http/queries'
import { mergeQuery } from '../../../src-server/mail/templates'
import { signJwt, verifyJwt } from '../../../src-server/domain/jwt'
import { uniqueId } from '../../../src-server/domain/ids'
import { encodeSessionValue, decodeSessionValue } from '../../../src-server/domain/sessions'
import { emailMetadata } from '../../../src-server/domain/email-metadata'
import { isoDate } from '../../../src-server/domain/time'
import { DEFAULT_PROJECT_CONFIG, mergeProjectConfig, ConfigError } from '../../../src-server/config'
import { AppwriteError } from '../../../src-server/errors'
import type { ResponseHeaders } from '../../../src-server/http/route'
import type { Sandbox } from '../../../src-server/sandbox'

const env = { app: { config: DEFAULT_PROJECT_CONFIG, projectId: 'p1' } as unknown as Sandbox } satisfies ValidationEnv

describe('parseQueryString', () => {
  it('reads PHP-style arrays and objects', () => {
    expect(parseQueryString('queries%5B0%5D=a&queries%5B1%5D=b&scopes[]=x&scopes[]=y&prefs[theme]=dark&plain=1+2')).toEqual({
      queries: ['a', 'b'],
      scopes: ['x', 'y'],
      prefs: { theme: 'dark' },
      plain: '1 2',
    })
  })
  it('keeps broken escapes literally instead of throwing', () => {
    expect(parseQueryString('a=%E0%A4%A&b')).toEqual({ a: '%E0%A4%A', b: '' })
  })
})

describe('rate limiter', () => {
  it('uses fixed epoch-aligned windows and reports remaining before counting', () => {
    const limiter = createRateLimiter(true)
    const rule = { limit: 2, keys: ['url:{url},ip:{ip}'] }
    const input = { url: 'h/x', ip: '1.2.3.4', userId: '', params: {} }
    const now = 7200_000 + 5_000
    const first: ResponseHeaders = []
    limiter.hit(rule, input, first, now)
    expect(first).toEqual([
      ['X-RateLimit-Limit', '2'],
      ['X-RateLimit-Remaining', '1'],
      ['X-RateLimit-Reset', '10800'],
    ])
    limiter.hit(rule, input, [], now)
    const third: ResponseHeaders = []
    expect(() => limiter.hit(rule, input, third, now)).toThrow(AppwriteError)
    expect(third).toContainEqual(['X-RateLimit-Remaining', '0'])
    // The next window starts fresh.
    expect(() => limiter.hit(rule, input, [], 10_800_000)).not.toThrow()
  })
  it('keeps separate counters per key value and template', () => {
    const limiter = createRateLimiter(true)
    const rule = { limit: 1, keys: ['email:{param-email}'] }
    limiter.hit(rule, { url: '', ip: '', userId: '', params: { email: 'a' } }, [], 0)
    expect(() => limiter.hit(rule, { url: '', ip: '', userId: '', params: { email: 'b' } }, [], 0)).not.toThrow()
    expect(() => limiter.hit(rule, { url: '', ip: '', userId: '', params: { email: 'a' } }, [], 0)).toThrow()
  })
  it('does nothing when disabled', () => {
    const headers: ResponseHeaders = []
    createRateLimiter(false).hit({ limit: 0, keys: ['x'] }, { url: '', ip: '', userId: '', params: {} }, headers)
    expect(headers).toEqual([])
  })
})

describe('redirect URLs', () => {
  const policy = { hostnames: ['localhost', '127.0.0.1', '*.example.com'], schemes: ['account-console', 'appwrite-callback-p1'] }
  it('accepts platform hosts, wildcard subdomains and registered schemes', () => {
    for (const url of ['http://localhost:5173/a', 'https://a.example.com/x', 'account-console://cb?x=1', 'appwrite-callback-p1://done']) {
      expect(checkRedirectUrl(url, policy).ok, url).toBe(true)
    }
  })
  it("rejects others with Appwrite's wording", () => {
    expect(checkRedirectUrl('https://example.com/', policy)).toEqual({
      ok: false,
      description: 'Invalid URI. Register your new client (example.com) as a new Web platform on your project console dashboard',
    })
    expect(checkRedirectUrl('nope', policy)).toEqual({ ok: false, description: 'Invalid URI.' })
    expect(checkRedirectUrl('evil://x', policy).ok).toBe(false)
  })
  it('matches wildcards only on subdomains', () => {
    expect(hostnameAllowed('example.com', ['*.example.com'])).toBe(false)
    expect(hostnameAllowed('deep.a.example.com', ['*.example.com'])).toBe(true)
  })
  it('treats host-less origins as unknown (any page can send Origin: null) and checks the rest', () => {
    expect(originAllowed('', policy)).toBe(true)
    expect(originAllowed('null', policy)).toBe(false)
    expect(originAllowed('file://', policy)).toBe(false)
    expect(originAllowed('not a url', policy)).toBe(false)
    expect(originAllowed('http://localhost:5173', policy)).toBe(true)
    expect(originAllowed('https://evil.org', policy)).toBe(false)
  })
})

describe('parameter validators', () => {
  it('validates with utopia wording', () => {
    expect(text(5).check('123456', env)).toEqual({ ok: false, description: 'Value must be a valid string and no longer than 5 chars' })
    expect(text(5).check('ééééé', env).ok).toBe(true)
    expect(customId().check('unique()', env).ok).toBe(true)
    expect(customId().check('-x', env).ok).toBe(false)
    expect(customId().check('a'.repeat(37), env).ok).toBe(false)
    expect(email().check('a.b+c@example.co.uk', env).ok).toBe(true)
    expect(email().check('a..b@example.com', env).ok).toBe(false)
    expect(email().check('a@localhost', env).ok).toBe(false)
    expect(phone().check('+16175551212', env).ok).toBe(true)
    expect(phone().check('+0123456789', env).ok).toBe(false)
    expect(boolean().check('true', env)).toEqual({ ok: true, value: true })
    expect(boolean(true).check('true', env).ok).toBe(false)
    expect(integerRange(0, 3600).check('60', env)).toEqual({ ok: true, value: 60 })
    expect(integerRange(0, 3600).check(1.5, env).ok).toBe(false)
    expect(jsonObject().check([], env)).toEqual({ ok: true, value: {} })
    expect(jsonObject().check([1], env).ok).toBe(false)
  })
  it('reports missing and invalid params by name; optional empty strings take the default', () => {
    const specs = { name: optional(text(3), 'dflt'), id: required(customId()) }
    expect(() => validateParams(specs, {}, env)).toThrow('Param "id" is not optional.')
    expect(() => validateParams(specs, { id: 'x', name: 'long' }, env)).toThrow('Invalid `name` param: Value must be a valid string and no longer than 3 chars')
    expect(validateParams(specs, { id: 'x', name: '' }, env)).toEqual({ id: 'x', name: 'dflt' })
  })
  it('parses JSON queries and rejects syntax errors as query errors', () => {
    const validator = queries({ allowFilters: false, attributes: [] })
    expect(validator.check(['{"method":"limit","values":[5]}'], env)).toEqual({ ok: true, value: [{ method: 'limit', attribute: '', values: [5] }] })
    expect(validator.check(['limit(5)'], env)).toMatchObject({ ok: false, queryError: true, description: 'Invalid query: Syntax error' })
    expect(validator.check(['{"method":"equal","attribute":"a","values":[1]}'], env)).toMatchObject({ ok: false, description: 'Invalid query method: equal' })
  })
})

describe('links, JWTs, ids, sessions, dates', () => {
  it('merges link parameters into an existing query string, keeping the fragment', () => {
    expect(mergeQuery('app://cb?flow=1&userId=old#f', { userId: 'u 1', secret: 's&t' })).toBe('app://cb?flow=1&userId=u+1&secret=s%26t#f')
    expect(mergeQuery('http://localhost/x', { a: '1' })).toBe('http://localhost/x?a=1')
  })
  it('signs and verifies HS256 JWTs with exactly userId, sessionId, exp', () => {
    const key = Buffer.alloc(32, 7)
    const token = signJwt({ userId: 'u', sessionId: 's', exp: 2_000_000_000 }, key)
    expect(JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' })
    expect(verifyJwt(token, key, 1_000)).toEqual({ userId: 'u', sessionId: 's', exp: 2_000_000_000 })
    expect(verifyJwt(token, Buffer.alloc(32, 8), 1_000)).toBeNull()
    expect(verifyJwt(token, key, 2_000_000_000_000)).toBeNull()
    expect(verifyJwt(`${token}x`, key, 1_000)).toBeNull()
  })
  it('makes 20-character, ordered, unique ids', () => {
    const ids = Array.from({ length: 1000 }, () => uniqueId())
    expect(new Set(ids).size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/)
    expect([...ids].sort()).toEqual(ids.map((id) => id).sort())
    expect(ids[999]! > ids[0]!).toBe(true)
  })
  it('encodes session values as base64 JSON and never throws on garbage', () => {
    expect(decodeSessionValue(encodeSessionValue('u1', 'abc'))).toEqual({ userId: 'u1', secret: 'abc' })
    for (const bad of ['', '!!!', Buffer.from('[]').toString('base64'), Buffer.from('{"id":""}').toString('base64')]) expect(decodeSessionValue(bad)).toBeNull()
  })
  it('formats dates with milliseconds and +00:00', () => {
    expect(isoDate(Date.UTC(2020, 9, 15, 6, 38))).toBe('2020-10-15T06:38:00.000+00:00')
  })
  it('classifies e-mail addresses', () => {
    expect(emailMetadata('John.Doe+news@GoogleMail.com')).toMatchObject({
      emailCanonical: 'johndoe@gmail.com',
      emailIsFree: true,
      emailIsCorporate: false,
      emailIsCanonical: false,
    })
    expect(emailMetadata('')).toMatchObject({ emailCanonical: '', emailIsFree: false })
  })
})

describe('project configuration', () => {
  it('has the defaults of a fresh Appwrite project', () => {
    expect(DEFAULT_PROJECT_CONFIG).toMatchObject({
      sessionDuration: 31_536_000,
      sessionLimit: 10,
      passwordHistory: 0,
      passwordDictionary: false,
      personalDataCheck: false,
      invalidateSessions: true,
      sessionAlerts: false,
    })
    expect(Object.values(DEFAULT_PROJECT_CONFIG.authMethods).every(Boolean)).toBe(true)
  })
  it('merges, validates and rejects unknown keys', () => {
    const merged = mergeProjectConfig(DEFAULT_PROJECT_CONFIG, {
      sessionLimit: 3,
      authMethods: { anonymous: false },
      oauthProviders: { oidc: { appId: 'c', secret: { clientSecret: 's' } } },
    })
    expect(merged.sessionLimit).toBe(3)
    expect(merged.authMethods.anonymous).toBe(false)
    expect(merged.authMethods.emailPassword).toBe(true)
    expect(merged.oauthProviders['oidc']).toEqual({ enabled: true, appId: 'c', secret: '{"clientSecret":"s"}' })
    expect(() => mergeProjectConfig(DEFAULT_PROJECT_CONFIG, { sessionLimit: 0 })).toThrow(ConfigError)
    expect(() => mergeProjectConfig(DEFAULT_PROJECT_CONFIG, { nope: 1 })).toThrow(/not a known setting/)
    expect(() => mergeProjectConfig(DEFAULT_PROJECT_CONFIG, { authMethods: { magic: true } })).toThrow(/not an auth method/)
  })
})
