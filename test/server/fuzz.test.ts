/**
 * Generated bad-input run over every registered route (ROUTE_MODULES, so MFA and OAuth2 routes
 * are included as soon as they are registered): missing, null, wrongly typed, oversized and
 * hostile parameter values, broken bodies and headers, as guest and as signed-in users.
 * Reproducible (seeded PRNG). Passes when no response is a 5xx and the server still answers.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_MODULES } from '../../src-server/http/routes/index'
import type { AnyRoute } from '../../src-server/http/route'
import { call, sessionFromResponse, signIn, signUp, uniqueEmail, useSandbox } from './support/sandbox'

const SEED = 0x5eed_2026
const REQUESTS = 5200
const CONCURRENCY = 8

/** mulberry32: tiny, fast, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = prng(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const chance = (p: number): boolean => random() < p

const HOSTILE: readonly unknown[] = [
  '',
  ' ',
  'unique()',
  'current',
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  [],
  {},
  [1, 'a'],
  { $ne: 1 },
  'null',
  'undefined',
  'x'.repeat(37),
  'y'.repeat(300),
  'z'.repeat(5000),
  'é'.repeat(129),
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  'a@',
  '@b.co',
  'a@b',
  '+',
  '+0123',
  '+1' + '9'.repeat(20),
  'javascript:alert(1)',
  'http://evil.example.org/',
  'account-console://x',
  '{"method":"limit","values":[1]}',
  ['{"method":"limit"'],
  ['{"method":"equal","attribute":"provider","values":["x"]}'],
  ['{"method":"limit","values":[99999]}'],
  Array.from({ length: 101 }, () => '{"method":"limit","values":[1]}'),
  { prefs: 'x'.repeat(70_000) },
]

function plausible(name: string): unknown {
  const lower = name.toLowerCase()
  if (lower.includes('email')) return pick([uniqueEmail('fz'), 'Fuzz.User@Example.com', 'fuzz@example.com'])
  if (lower.includes('password')) return pick(['fuzz-password-1', 'password123', 'x'.repeat(256), 'short'])
  if (lower === 'userid' || lower === 'targetid' || lower === 'identityid' || lower === 'sessionid') return pick(['unique()', 'current', 'fuzz-user', 'abc123'])
  if (lower.includes('url') || lower === 'success' || lower === 'failure')
    return pick(['http://localhost/cb', 'http://127.0.0.1:1/x?y=1', 'account-console://cb', 'https://evil.example.org'])
  if (lower.includes('phone')) return pick(['+15551230000', '+15557770000', '+4915112345678'])
  if (lower === 'prefs') return pick([{ theme: 'dark' }, {}, { deep: { a: [1, 2] } }])
  if (lower === 'queries') return pick([['{"method":"limit","values":[2]}'], ['{"method":"offset","values":[1]}'], []])
  if (lower === 'scopes') return pick([['openid'], []])
  if (lower === 'duration') return pick([0, 60, 900, 3600])
  if (lower === 'phrase' || lower === 'total' || lower === 'mfa') return pick([true, false, 'true', '0'])
  if (lower === 'factor' || lower === 'type') return pick(['email', 'phone', 'totp', 'recoverycode', 'recoveryCode'])
  if (lower === 'otp' || lower === 'secret') return pick(['123456', '000000', 'a'.repeat(64)])
  if (lower === 'name') return pick(['Fuzz', '', 'N'.repeat(128)])
  if (lower === 'provider') return pick(['oidc', 'github', 'mock'])
  return pick(['value', 'abc', 123])
}

function paramValue(name: string): unknown {
  const roll = random()
  if (roll < 0.12) return undefined
  if (roll < 0.18) return null
  if (roll < 0.55) return pick(HOSTILE)
  return plausible(name)
}

function pathSegmentValue(name: string): string {
  const value = chance(0.5) ? plausible(name) : pick(HOSTILE)
  try {
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value)) || 'x'
  } catch {
    // A lone surrogate cannot be percent-encoded; send raw bytes the server must survive instead.
    return '%ED%A0%80'
  }
}

const routes: AnyRoute[] = ROUTE_MODULES.flatMap((module) => [...module.routes])

const sandbox = useSandbox({ rateLimits: false, platforms: ['app.example.com'] })
const sessions: string[] = []
let passwordUserSession = ''

beforeAll(async () => {
  const email = uniqueEmail('fuzzowner')
  await signUp(sandbox, email, 'fuzz-password-1')
  passwordUserSession = await signIn(sandbox, email, 'fuzz-password-1')
  for (let i = 0; i < 3; i++) {
    sessions.push(sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })))
  }
}, 60_000)

interface Outcome {
  readonly status: number
  readonly description: string
  readonly text: string
}

async function fuzzOne(index: number): Promise<Outcome> {
  const route = pick(routes)
  const params: Record<string, unknown> = {}
  for (const name of Object.keys(route.params ?? {})) {
    const value = paramValue(name)
    if (value !== undefined) params[name] = value
  }
  // Extra unknown params are ignored by Appwrite; send some.
  if (chance(0.1)) params['unexpected'] = pick(HOSTILE)
  let path = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => pathSegmentValue(name))
  if (chance(0.03)) path += pick(['/', '/extra', '%2F..'])

  const headers: Record<string, string> = {}
  const auth = random()
  if (auth < 0.45) headers['x-appwrite-session'] = pick(sessions)
  else if (auth < 0.55) headers['x-appwrite-session'] = passwordUserSession
  else if (auth < 0.6) headers['x-appwrite-session'] = pick(['garbage', Buffer.from('{"id":"a","secret":"b"}').toString('base64'), '='.repeat(50)])
  else if (auth < 0.63) headers['x-appwrite-jwt'] = pick(['a.b.c', 'eyJ.eyJ.sig', ''])
  else if (auth < 0.66)
    headers['x-fallback-cookies'] = pick(['[]', '{', JSON.stringify({ a_session_local: 'x' }), JSON.stringify({ a_session_local: pick(sessions) })])
  else if (auth < 0.68) headers['cookie'] = `a_session_local=${pick(['%zz', 'abc', encodeURIComponent(pick(sessions))])}; other=1`
  if (chance(0.05)) headers['origin'] = pick(['https://evil.example.org', 'null', 'http://localhost:1', 'not a url'])
  if (chance(0.03)) headers['user-agent'] = pick(['', 'x'.repeat(5000), 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)'])

  let project: string | null | undefined
  if (chance(0.03)) project = pick([null, 'other', ''])

  let query = ''
  let rawBody: string | undefined
  if (route.method === 'GET') {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) {
      if (Array.isArray(value)) value.forEach((entry, i) => search.append(`${key}[${i}]`, typeof entry === 'string' ? entry : JSON.stringify(entry)))
      else search.append(key, typeof value === 'string' ? value : JSON.stringify(value))
    }
    if (chance(0.05)) search.append('queries[0]', pick(['%%%', '{"method":"', 'limit(5)']))
    query = search.toString() ? `?${search.toString()}` : ''
  } else {
    const shape = random()
    if (shape < 0.8) rawBody = JSON.stringify(params)
    else if (shape < 0.87) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      rawBody = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()
    } else rawBody = pick(['{', '[]', '"x"', 'null', '{"a":', '\u0000', 'x'.repeat(2_000_000), ''])
    headers['content-type'] ??= pick(['application/json', 'application/json', 'text/plain', 'multipart/form-data'])
  }
  const response = await call(sandbox, route.method, `${path}${query}`, {
    headers,
    ...(project !== undefined ? { project } : {}),
    ...(rawBody !== undefined ? { rawBody } : {}),
  })
  // Keep a supply of live sessions: fuzzed calls may log them out or delete accounts.
  if (index % 100 === 0) {
    sessions.push(sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })))
    if (sessions.length > 6) sessions.shift()
  }
  return { status: response.status, description: `${route.method} ${path}${query.slice(0, 200)}`, text: response.text.slice(0, 300) }
}

describe('fuzz', () => {
  it(`answers ${REQUESTS} generated requests across all routes without a 5xx`, async () => {
    const failures: Outcome[] = []
    const statuses = new Map<number, number>()
    let next = 0
    const worker = async () => {
      while (next < REQUESTS) {
        const index = next++
        const outcome = await fuzzOne(index)
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1)
        if (outcome.status >= 500) failures.push(outcome)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    if (process.env['FUZZ_REPORT']) {
      const byRoute = new Map<string, number>()
      for (const f of failures)
        byRoute.set(`${f.description.split('?')[0]} ${f.text.slice(0, 120)}`, (byRoute.get(`${f.description.split('?')[0]} ${f.text.slice(0, 120)}`) ?? 0) + 1)
      console.log(
        [...byRoute.entries()],
        [...statuses.entries()].sort((a, b) => a[0] - b[0]),
      )
    }
    expect(failures.slice(0, 10)).toEqual([])
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS)
    // The server still answers normally afterwards.
    const alive = await call(sandbox, 'GET', '/account')
    expect(alive.status).toBe(401)
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    expect(anonymous.status).toBe(201)
  }, 240_000)
})
