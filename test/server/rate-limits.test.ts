/**
 * Appwrite's abuse limits (appwrite-behaviour §8, Appwrite's docs): fixed epoch-aligned hour windows, one counter per
 * key template, X-RateLimit-* headers (Remaining computed before counting), 429 when exceeded.
 */
import { describe, expect, it } from 'vitest'
import { call, uniqueEmail, useSandbox } from './support/sandbox'

const limited = useSandbox({ rateLimits: true })
const unlimited = useSandbox({ rateLimits: false })

describe('rate limits', () => {
  it('sends X-RateLimit headers with an epoch-aligned hourly reset', async () => {
    const response = await call(limited, 'POST', '/account/sessions/anonymous', { body: {} })
    expect(response.status).toBe(201)
    expect(response.headers.get('x-ratelimit-limit')).toBe('50')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('49')
    const reset = Number(response.headers.get('x-ratelimit-reset'))
    expect(reset % 3600).toBe(0)
    expect(reset * 1000).toBeGreaterThan(Date.now())
    expect(reset * 1000 - Date.now()).toBeLessThanOrEqual(3600_000)
  })

  it('limits e-mail sign-in to 10 per URL + e-mail and answers 429 general_rate_limit_exceeded', async () => {
    const email = uniqueEmail()
    const remaining: string[] = []
    for (let i = 0; i < 10; i++) {
      const response = await call(limited, 'POST', '/account/sessions/email', { body: { email, password: 'wrong-password' } })
      expect(response.status).toBe(401)
      remaining.push(response.headers.get('x-ratelimit-remaining') ?? '')
    }
    expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0'])
    const blocked = await call(limited, 'POST', '/account/sessions/email', { body: { email, password: 'wrong-password' } })
    expect(blocked.status).toBe(429)
    expect(blocked.body).toMatchObject({ code: 429, type: 'general_rate_limit_exceeded' })
    expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(blocked.headers.get('x-ratelimit-limit')).toBe('10')
    // Another e-mail has its own counter.
    const other = await call(limited, 'POST', '/account/sessions/email', { body: { email: uniqueEmail(), password: 'wrong-password' } })
    expect(other.status).toBe(401)
  })

  it('counts each key template separately (e-mail OTP: URL+e-mail and URL+IP)', async () => {
    const email = uniqueEmail()
    for (let i = 0; i < 10; i++) {
      const response = await call(limited, 'POST', '/account/tokens/email', { body: { userId: 'unique()', email } })
      expect(response.status).toBe(201)
    }
    expect((await call(limited, 'POST', '/account/tokens/email', { body: { userId: 'unique()', email } })).status).toBe(429)
    // The URL+IP counter is also at 10 now (every request above passed it), so another e-mail is refused too.
    const fresh = await call(limited, 'POST', '/account/tokens/email', { body: { userId: 'unique()', email: uniqueEmail() } })
    expect(fresh.status).toBe(429)
  })

  it('sends no rate-limit headers on unlimited routes, and none at all when limits are off', async () => {
    const account = await call(limited, 'GET', '/account')
    expect(account.headers.get('x-ratelimit-limit')).toBeNull()
    const off = await call(unlimited, 'POST', '/account/sessions/anonymous', { body: {} })
    expect(off.status).toBe(201)
    expect(off.headers.get('x-ratelimit-limit')).toBeNull()
  })
})
