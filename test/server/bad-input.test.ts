/**
 * Systematic bad input: for every registered route and every parameter, the parameter missing,
 * of the wrong type, and oversized — always an Appwrite error with a 4xx status, and a missing
 * required parameter is reported by name. (fuzz.test.ts adds a random run on top.)
 */
import { describe, expect, it } from 'vitest'
import { ROUTE_MODULES } from '../../src-server/http/routes/index'
import type { AnyRoute } from '../../src-server/http/route'
import { PASSWORD, call, sessionFromResponse, uniqueEmail, useSandbox } from './support/sandbox'

const sandbox = useSandbox({ rateLimits: false })

/** A value each parameter accepts, so that only the parameter under test is wrong. */
function goodValue(name: string): unknown {
  switch (name) {
    case 'email':
      return uniqueEmail('bad')
    case 'password':
    case 'oldPassword':
      return PASSWORD
    case 'url':
    case 'success':
    case 'failure':
      return 'http://localhost/x'
    case 'phone':
      return '+15551234567'
    case 'prefs':
      return {}
    case 'queries':
    case 'scopes':
      return []
    case 'phrase':
    case 'total':
    case 'mfa':
      return true
    case 'duration':
      return 60
    case 'accessTokenExpiry':
      return 0
    case 'provider':
      return 'google'
    case 'sessionId':
      return 'current'
    case 'type':
      return 'totp'
    case 'factor':
      return 'totp'
    default:
      return 'someid'
  }
}

const WRONG_TYPES: readonly unknown[] = [12345, { a: 1 }, ['x'], 'x'.repeat(10_000)]

async function anonymousSession(): Promise<string> {
  return sessionFromResponse(sandbox, await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} }))
}

function expectAppwriteError(response: { status: number; body: unknown; text: string }, what: string): void {
  expect(response.status, `${what}: ${response.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
  expect(response.status, what).toBeLessThan(500)
  if (typeof response.body === 'object' && response.body !== null) {
    expect(response.body, what).toMatchObject({ code: response.status, type: expect.any(String), message: expect.any(String), version: expect.any(String) })
  } else {
    expect(response.text, what).toMatch(/<html|Error/) // OAuth routes answer with an HTML error page
  }
}

const routes: AnyRoute[] = ROUTE_MODULES.flatMap((module) => [...module.routes]).filter((route) => Object.keys(route.params ?? {}).length > 0)

describe('bad input on every parameter of every route', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s',
    async (_name, route) => {
      const specs = route.params ?? {}
      const needsUser = route.scope === 'account' || route.scope === 'targets.write'
      for (const param of Object.keys(specs)) {
        const inPath = route.path.includes(`{${param}}`)
        const variants: Array<{ label: string; value: unknown; omit?: boolean }> = [
          ...(inPath ? [] : [{ label: 'missing', value: undefined, omit: true }]),
          ...WRONG_TYPES.map((value) => ({ label: `wrong ${JSON.stringify(value).slice(0, 20)}`, value })),
        ]
        for (const variant of variants) {
          const values: Record<string, unknown> = {}
          for (const name of Object.keys(specs)) values[name] = name === param ? variant.value : goodValue(name)
          if (variant.omit) delete values[param]
          let path = route.path
          for (const name of Object.keys(values)) {
            if (!path.includes(`{${name}}`)) continue
            const value = values[name]
            path = path.replace(`{${name}}`, encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value)))
            delete values[name]
          }
          const headers: Record<string, string> = needsUser ? { 'x-appwrite-session': await anonymousSession() } : {}
          let target = path
          let body: unknown
          if (route.method === 'GET') {
            const search = new URLSearchParams()
            for (const [key, value] of Object.entries(values)) {
              if (Array.isArray(value)) value.forEach((entry, i) => search.append(`${key}[${i}]`, String(entry)))
              else search.append(key, typeof value === 'string' ? value : JSON.stringify(value))
            }
            target += search.toString() ? `?${search.toString()}` : ''
          } else body = values
          const response = await call(sandbox, route.method, target, { headers, ...(body !== undefined ? { body } : {}) })
          const what = `${route.method} ${route.path} ${param} ${variant.label}`
          const optional = specs[param]?.optional === true
          if (optional && (variant.omit || response.status < 400)) {
            expect(response.status, what).toBeLessThan(500)
            continue
          }
          if (!optional && !variant.omit && response.status < 400) {
            // Some validators accept other shapes (e.g. a number for `duration`); never a 5xx.
            expect(response.status, what).toBeLessThan(500)
            continue
          }
          expectAppwriteError(response, what)
          const error = response.body as { type?: string; message?: string }
          if (variant.omit && !optional && error.type === 'general_argument_invalid') {
            expect(error.message, what).toBe(`Param "${param}" is not optional.`)
          } else if (!variant.omit && error.type === 'general_argument_invalid') {
            expect(error.message, what).toMatch(new RegExp(`^Invalid \`${param}\` param: |^Request body`))
          }
        }
      }
    },
    120_000,
  )
})
