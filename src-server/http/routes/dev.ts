/**
 * Sandbox-only developer routes (issue 3 item 6). Not Appwrite routes, and not served by the app's
 * embedded sandbox: only `npm run server` has them, behind its dev key (http/dev-key.ts — the
 * router checks it for every path under `/v1/dev/`, before these handlers run).
 */
import { consentModel, createConsent, type NewConsentTokenFamily } from '../../domain/consents'
import { getUser } from '../../domain/users'
import { AppwriteError } from '../../errors'
import { listMessages } from '../../mail/outbox'
import { arrayOf, integerRange, optional, required, text, uid, type CheckResult, type Validator } from '../params'
import { defineRoute, json, type RouteModule } from '../route'

/** Enough families to page through on the Connected apps screen; more is not a realistic grant. */
const MAX_TOKEN_FAMILIES = 50
/** Token families' access tokens live at most a year ahead (Appwrite's longest session). */
const MAX_EXPIRY_AHEAD_MS = 366 * 24 * 60 * 60 * 1000

const fail = (description: string): CheckResult<never> => ({ ok: false, description })

/**
 * RFC 9396 authorization details, stored as the JSON text Appwrite's consent model carries: given
 * as a JSON array (or one object), or already as that text.
 */
function authorizationDetails(): Validator<string> {
  const description = 'Value must be a JSON array of authorization details (or its JSON text), at most 16384 characters'
  return {
    check(value) {
      let parsed: unknown = value
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value)
        } catch {
          return fail(description)
        }
      }
      const entries = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? [parsed] : null
      if (entries === null || !entries.every((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry))) return fail(description)
      const encoded = JSON.stringify(entries)
      return encoded.length > 16_384 ? fail(description) : { ok: true, value: encoded }
    },
  }
}

/** `[{ "expire"?: ISO date }]`: one token family each; no `expire` = expiry not known. */
function tokenFamilies(): Validator<NewConsentTokenFamily[]> {
  const description = `Value must be an array of at most ${MAX_TOKEN_FAMILIES} objects, each with an optional \`expire\` ISO date within a year`
  return {
    check(value) {
      if (!Array.isArray(value) || value.length > MAX_TOKEN_FAMILIES) return fail(description)
      const out: NewConsentTokenFamily[] = []
      for (const entry of value) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(description)
        const raw: unknown = (entry as Record<string, unknown>)['expire']
        if (raw === undefined || raw === null || raw === '') {
          out.push({ expire: null })
          continue
        }
        const expire = typeof raw === 'string' ? Date.parse(raw) : Number.NaN
        if (Number.isNaN(expire) || Math.abs(expire - Date.now()) > MAX_EXPIRY_AHEAD_MS) return fail(description)
        out.push({ expire })
      }
      return { ok: true, value: out }
    },
  }
}

/** A registered app's id, or an https URL naming a client by its metadata document (CIMD). */
function appIdentity(value: string): { appId: string; cimdUrl: string } {
  return /^https:\/\//i.test(value) ? { appId: '', cimdUrl: value } : { appId: value, cimdUrl: '' }
}

export const devRoutes: RouteModule = {
  name: 'dev',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/dev/outbox',
      scope: 'public',
      // Newest first, a page at a time: `total` counts every stored message.
      params: { limit: optional(integerRange(1, 1000), 100), offset: optional(integerRange(0, 1_000_000), 0) },
      handle(ctx) {
        return json(200, listMessages(ctx.app.db, { limit: ctx.params.limit, offset: ctx.params.offset }))
      },
    }),

    /**
     * A consent as if the user had granted a third-party app access (the sandbox is no OAuth2
     * server), so tests and the Dev panel can fill the Connected apps screen. Only on servers
     * that speak the 2.x line, like the consent routes themselves.
     */
    defineRoute({
      method: 'POST',
      path: '/dev/consents',
      scope: 'public',
      apiLine: '2.x',
      params: {
        userId: required(uid()),
        appId: required(text(2048, 1)),
        scopes: required(arrayOf(text(256, 1), 100, 'each a string of 1 to 256 characters')),
        resources: optional(arrayOf(text(2048, 1), 100, 'each a string of 1 to 2048 characters'), []),
        authorizationDetails: optional(authorizationDetails(), '[]'),
        tokenFamilies: optional(tokenFamilies(), []),
      },
      handle(ctx) {
        if (!getUser(ctx.app.db, ctx.params.userId)) throw new AppwriteError('user_not_found')
        const consent = createConsent(ctx.app.db, {
          userId: ctx.params.userId,
          ...appIdentity(ctx.params.appId),
          scopes: ctx.params.scopes,
          resources: ctx.params.resources,
          authorizationDetails: ctx.params.authorizationDetails,
          tokenFamilies: ctx.params.tokenFamilies,
        })
        return json(201, consentModel(consent))
      },
    }),
  ],
}
