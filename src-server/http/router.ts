/**
 * The request pipeline on plain `node:http`.
 *
 * HOW TO ADD A ROUTE MODULE (see also src-server/README.md)
 * 1. Create `src-server/http/routes/<area>.ts` exporting a `RouteModule`:
 *      export const mfaRoutes: RouteModule = { name: 'mfa', routes: [defineRoute({ ... }), ...] }
 *    Each route declares method, path (below /v1, `{param}` segments), scope, and optionally
 *    guestOnly, authMethod, mfa ('exempt' | 'protected'), rateLimit ({limit, keys}), params
 *    (validators from http/params.ts) and `handle(ctx)` returning a Reply (`json`, `noContent`,
 *    `redirect` from http/route.ts). Throw `AppwriteError` for Appwrite errors.
 * 2. Add the module to `ROUTE_MODULES` in `src-server/http/routes/index.ts`.
 * Before anything else the `Host` header must name the bound address (host-allow-list.ts), and
 * paths under `/v1/dev/` need the dev key (dev-key.ts) and get no CORS headers.
 * The router then runs, in Appwrite's order (appwrite-behaviour §3.1): route match → project → auth
 * (cookie / X-Appwrite-Session / X-Fallback-Cookies / X-Appwrite-JWT) → origin check for writes
 * → scope → blocked user → MFA factors → rate limit → auth method → guest-only → params →
 * handler. CORS, `X-Debug-Fallback` and collected headers go on every response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppwriteErrorBody } from '../../src-shared/appwrite'
import { AppwriteError } from '../errors'
import type { Sandbox } from '../sandbox'
import { GUEST, resolveAuth, type AuthState } from './auth'
import { parseBody, readBody } from './body'
import { validateParams } from './params'
import { parseQueryString } from './query-string'
import { originAllowed } from './redirect-url'
import { assertDevAccess, DEV_PATH_PREFIX } from './dev-key'
import type { AnyRoute, HttpMethod, Reply, RequestContext, ResponseHeaders, RouteModule } from './route'
import { hasRecentChallenge, missingFactors } from '../domain/mfa-policy'
import { touchAccessedAt } from '../domain/users'
import { accountEvent, labelParams } from '../realtime/events'
import { isoDate } from '../domain/time'

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

const ALLOW_HEADERS = [
  'Origin',
  'Cookie',
  'Set-Cookie',
  'X-Requested-With',
  'Content-Type',
  'Access-Control-Allow-Origin',
  'Access-Control-Request-Headers',
  'Accept',
  'X-Appwrite-Project',
  'X-Appwrite-Key',
  'X-Appwrite-Dev-Key',
  'X-Appwrite-Locale',
  'X-Appwrite-Mode',
  'X-Appwrite-JWT',
  'X-Appwrite-Response-Format',
  'X-Appwrite-Timeout',
  'X-SDK-Version',
  'X-SDK-Name',
  'X-SDK-Language',
  'X-SDK-Platform',
  'X-SDK-GraphQL',
  'X-Appwrite-ID',
  'X-Appwrite-Timestamp',
  'Content-Range',
  'Range',
  'Cache-Control',
  'Expires',
  'Pragma',
  'X-Appwrite-Session',
  'X-Fallback-Cookies',
  'X-Forwarded-For',
  'X-Forwarded-User-Agent',
].join(', ')
const EXPOSE_HEADERS = 'X-Appwrite-Session, X-Fallback-Cookies, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset'
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE'

interface CompiledRoute {
  readonly route: AnyRoute
  /** Literal segments, or `null` for a `{param}` segment (its name is in `names`). */
  readonly segments: readonly (string | null)[]
  readonly names: readonly string[]
}

interface RoutingTable {
  readonly exact: Map<string, AnyRoute>
  readonly patterns: Map<HttpMethod, CompiledRoute[]>
}

function compile(modules: readonly RouteModule[]): RoutingTable {
  const exact = new Map<string, AnyRoute>()
  const patterns = new Map<HttpMethod, CompiledRoute[]>()
  const seen = new Set<string>()
  for (const module of modules) {
    for (const route of module.routes) {
      const signature = `${route.method} ${route.path.replace(/\{[^}]+\}/g, '{}')}`
      if (seen.has(signature)) throw new Error(`route ${route.method} ${route.path} is registered twice (module ${module.name})`)
      seen.add(signature)
      if (!route.path.includes('{')) {
        exact.set(`${route.method} ${route.path}`, route)
        continue
      }
      const names: string[] = []
      const segments = route.path
        .split('/')
        .slice(1)
        .map((segment) => {
          const param = /^\{(.+)\}$/.exec(segment)
          if (!param) return segment
          names.push(param[1] as string)
          return null
        })
      const list = patterns.get(route.method) ?? []
      list.push({ route, segments, names })
      patterns.set(route.method, list)
    }
  }
  // Literal segments win over parameters: `/account/sessions/email` before `/account/sessions/{id}`.
  for (const list of patterns.values()) {
    list.sort((a, b) => b.segments.filter((s) => s !== null).length - a.segments.filter((s) => s !== null).length)
  }
  return { exact, patterns }
}

function match(table: RoutingTable, method: HttpMethod, path: string): { route: AnyRoute; pathParams: Record<string, string> } | null {
  const direct = table.exact.get(`${method} ${path}`)
  if (direct) return { route: direct, pathParams: {} }
  const list = table.patterns.get(method)
  if (!list) return null
  const parts = path.split('/').slice(1)
  for (const candidate of list) {
    if (candidate.segments.length !== parts.length) continue
    const pathParams: Record<string, string> = {}
    let nameIndex = 0
    let ok = true
    for (let i = 0; i < parts.length; i++) {
      const expected = candidate.segments[i]
      const actual = parts[i] as string
      if (expected === null) {
        if (actual === '') {
          ok = false
          break
        }
        let decoded = actual
        try {
          decoded = decodeURIComponent(actual)
        } catch {
          // keep the raw segment; the param validator rejects it
        }
        pathParams[candidate.names[nameIndex++] as string] = decoded
      } else if (expected !== actual) {
        ok = false
        break
      }
    }
    if (ok) return { route: candidate.route, pathParams }
  }
  return null
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The hostname of an already allowed `Host` header (host-allow-list.ts), for cookie scoping. */
function requestHostname(req: IncomingMessage): string {
  const host = req.headers.host
  if (!host) return '127.0.0.1'
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.indexOf(':')
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase()
}

function requestOrigin(req: IncomingMessage): string {
  const origin = firstHeader(req, 'origin')
  if (origin) return origin
  const referer = firstHeader(req, 'referer')
  if (!referer) return ''
  try {
    return new URL(referer).origin
  } catch {
    return ''
  }
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

function errorBody(error: AppwriteError, version: string): AppwriteErrorBody {
  return { message: error.message, code: error.code, type: error.type, version }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function errorPage(error: AppwriteError): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Error ${error.code}</title></head><body><h1>Error ${error.code}</h1><p>${escapeHtml(error.message)}</p><p><code>${escapeHtml(error.type)}</code></p></body></html>`
}

/**
 * After a successful write: the route's event (payload = the response body unless the handler
 * set one, as in Appwrite), then the handler's extra events, then close the Realtime sockets of
 * the users concerned whose credentials stopped working (session deleted, user blocked…).
 */
function publishEvents(app: Sandbox, route: AnyRoute, ctx: RequestContext, reply: Reply, callerId: string | null): void {
  const userId = ctx.event.params['userId'] ?? callerId
  // A handler that names no ids (an OAuth failure redirect, the OAuth token flow) sends no event.
  const params: Record<string, string> = userId ? { ...ctx.event.params, userId } : ctx.event.params
  const now = Date.now()
  if (route.event && userId && labelParams(route.event).every((name) => params[name] !== undefined)) {
    const payload = ctx.event.payload !== undefined ? ctx.event.payload : (reply.body ?? {})
    app.realtime.publish(accountEvent(route.event, params, payload, now))
  }
  // One request, one stamp: a session evicted by a sign-in carries the sign-in's time.
  const stamp = isoDate(now)
  for (const event of ctx.event.extra) app.realtime.publish({ ...event, data: { ...event.data, timestamp: stamp } })
  if (userId) app.realtime.revalidateUser(userId)
  if (callerId && callerId !== userId) app.realtime.revalidateUser(callerId)
}

/** Build the request handler for `http.createServer`. */
export function createRequestHandler(app: Sandbox, modules: readonly RouteModule[]): (req: IncomingMessage, res: ServerResponse) => void {
  const table = compile(modules)

  function corsHeaders(origin: string): string[] {
    const allowOrigin = origin && originAllowed(origin, app.redirectPolicy) ? origin : 'http://localhost'
    return [
      'Access-Control-Allow-Origin',
      allowOrigin,
      'Access-Control-Allow-Credentials',
      'true',
      'Access-Control-Allow-Methods',
      ALLOW_METHODS,
      'Access-Control-Allow-Headers',
      ALLOW_HEADERS,
      'Access-Control-Expose-Headers',
      EXPOSE_HEADERS,
    ]
  }

  function send(res: ServerResponse, status: number, base: string[], extra: ResponseHeaders, body: string | null, contentType: string): void {
    const headers = base
    for (const [name, value] of extra) headers.push(name, value)
    if (body !== null) {
      headers.push('Content-Type', contentType, 'Content-Length', String(Buffer.byteLength(body)))
      res.writeHead(status, headers)
      res.end(body)
    } else {
      res.writeHead(status, headers)
      res.end()
    }
  }

  function sendError(res: ServerResponse, error: unknown, base: string[], extra: ResponseHeaders, html: boolean): void {
    let appwriteError: AppwriteError
    if (error instanceof AppwriteError) appwriteError = error
    else {
      app.log(`unexpected error: ${(error as Error)?.stack ?? String(error)}`)
      appwriteError = new AppwriteError('general_server_error', 'Server Error', 500)
    }
    base.push('Cache-Control', 'no-cache, no-store, must-revalidate', 'Expires', '0', 'Pragma', 'no-cache')
    if (html) send(res, appwriteError.code, base, extra, errorPage(appwriteError), 'text/html; charset=UTF-8')
    else send(res, appwriteError.code, base, extra, JSON.stringify(errorBody(appwriteError, app.version)), 'application/json; charset=UTF-8')
  }

  async function run(
    req: IncomingMessage,
    res: ServerResponse,
    base: string[],
    extra: ResponseHeaders,
    state: { html: boolean; auth: AuthState },
  ): Promise<void> {
    const rawUrl = req.url ?? '/'
    const q = rawUrl.indexOf('?')
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q)
    const queryString = q === -1 ? '' : rawUrl.slice(q + 1)
    const method = (req.method ?? 'GET').toUpperCase()
    if (!METHODS.has(method) || !pathname.startsWith('/v1/')) throw new AppwriteError('general_route_not_found')
    const path = pathname.slice(3)
    if (path.startsWith(DEV_PATH_PREFIX)) assertDevAccess(app, req)
    const found = match(table, method as HttpMethod, path)
    if (!found) throw new AppwriteError('general_route_not_found')
    const { route, pathParams } = found
    state.html = route.errorFormat === 'html'

    const query = queryString ? parseQueryString(queryString) : {}

    // Project (appwrite-behaviour §1.1): the `project` query param wins over the header. Appwrite falls
    // back to its console project when neither is given; the sandbox has no console, so that
    // is project_not_found too, with a message saying what to send.
    // Unlike Appwrite, writes need the header (appwrite-behaviour §1.1): a custom header makes a
    // browser ask first (CORS preflight), so no web page can write with a "simple" request.
    if (route.project !== 'none') {
      const fromQuery = query['project']
      const fromHeader = firstHeader(req, 'x-appwrite-project')
      if (method !== 'GET' && !fromHeader) {
        throw new AppwriteError(
          'project_not_found',
          `Send the X-Appwrite-Project header: this sandbox takes the \`project\` query parameter only on GET requests (it serves the project "${app.projectId}").`,
        )
      }
      const projectId = typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : fromHeader
      if (!projectId) {
        throw new AppwriteError(
          'project_not_found',
          `No project was given. Send the X-Appwrite-Project header (or the \`project\` query parameter): this sandbox serves the project "${app.projectId}" and has no console project.`,
        )
      }
      if (projectId !== app.projectId) throw new AppwriteError('project_not_found')
    }

    const hostname = requestHostname(req)
    const origin = requestOrigin(req)
    const now = Date.now()
    const auth = resolveAuth(app, req, now)
    state.auth = auth

    if (method !== 'GET' && origin && !route.anyOrigin && !originAllowed(origin, app.redirectPolicy)) {
      throw new AppwriteError('general_unknown_origin')
    }

    let user = auth.user
    if ((route.scope === 'account' || route.scope === 'targets.write') && !user) {
      throw new AppwriteError('general_unauthorized_scope', `User (role: guests) missing scopes (["${route.scope}"])`)
    }
    if (user) {
      // Any request by a blocked user fails (1.9: 403, appwrite-behaviour §12).
      if (!user.status) throw new AppwriteError('user_blocked')
      if (auth.session && route.mfa !== 'exempt' && missingFactors(app.db, user, auth.session)) {
        throw new AppwriteError('user_more_factors_required')
      }
      if (route.mfa === 'protected' && (!auth.session || !hasRecentChallenge(auth.session, now))) {
        throw new AppwriteError('user_challenge_required')
      }
      user = touchAccessedAt(app.db, user, now)
    }

    let body: Record<string, unknown> = {}
    if (method !== 'GET') {
      const raw = await readBody(req)
      body = parseBody(raw, req.headers['content-type'])
    }
    const rawParams: Record<string, unknown> = method === 'GET' ? { ...query, ...pathParams } : { ...query, ...body, ...pathParams }

    if (route.rateLimit) {
      // `{url}` is the bound address + route, never the Host header the client chose.
      app.limiter.hit(route.rateLimit, { url: `${app.apiHost}${route.path}`, ip: clientIp(req), userId: user?.id ?? '', params: rawParams }, extra, now)
    }
    if (route.authMethod && !app.config.authMethods[route.authMethod]) throw new AppwriteError('user_auth_method_unsupported')
    if (route.guestOnly && user) throw new AppwriteError('user_session_already_exists')

    const params = route.params ? validateParams(route.params, rawParams, { app }) : {}
    const ctx: RequestContext = {
      app,
      req,
      method: method as HttpMethod,
      path,
      routePath: route.path,
      params,
      rawParams,
      client: { ip: clientIp(req), userAgent: firstHeader(req, 'user-agent') ?? '' },
      origin,
      hostname,
      auth: user === auth.user ? auth : { ...auth, user },
      headers: extra,
      event: { params: {}, extra: [] },
    }
    const reply: Reply = await route.handle(ctx)
    if (reply.headers) extra.push(...reply.headers)
    base.push('X-Debug-Fallback', auth.fallbackUsed ? 'true' : 'false')
    if (reply.serialized !== undefined) {
      base.push('Cache-Control', 'no-cache, no-store, must-revalidate')
      send(res, reply.status, base, extra, reply.serialized, 'application/json; charset=UTF-8')
    } else if (reply.body === undefined) {
      send(res, reply.status, base, extra, null, '')
    } else if (reply.contentType === 'html') {
      send(res, reply.status, base, extra, String(reply.body), 'text/html; charset=UTF-8')
    } else {
      base.push('Cache-Control', 'no-cache, no-store, must-revalidate')
      send(res, reply.status, base, extra, JSON.stringify(reply.body), 'application/json; charset=UTF-8')
    }
    if (method !== 'GET' || route.event) publishEvents(app, route, ctx, reply, auth.user?.id ?? null)
  }

  function refuseHost(res: ServerResponse, host: string | undefined): void {
    const error = new AppwriteError(
      'general_bad_request',
      `This sandbox does not answer to the host "${String(host).slice(0, 100)}". Reach it as ${app.hosts.described}, or list the host with --platform when binding elsewhere.`,
      400,
    )
    send(res, 400, ['Connection', 'close'], [], JSON.stringify(errorBody(error, app.version)), 'application/json; charset=UTF-8')
  }

  return (req, res) => {
    // DNS rebinding: a foreign name in Host means a page that is not ours reached us (before routing).
    if (!app.hosts.allows(req.headers.host)) {
      refuseHost(res, req.headers.host)
      return
    }
    const origin = requestOrigin(req)
    // Dev routes carry secrets: no CORS headers, so no page can read them even with the key.
    const base = (req.url ?? '').startsWith('/v1/dev/') ? [] : corsHeaders(origin)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, base)
      res.end()
      return
    }
    const extra: ResponseHeaders = []
    const state: { html: boolean; auth: AuthState } = { html: false, auth: GUEST }
    run(req, res, base, extra, state).catch((error: unknown) => {
      // The client went away (aborted upload, closed socket): nobody is left to answer.
      if (res.destroyed || req.socket.destroyed || isAbort(error)) {
        res.destroy()
        return
      }
      if (res.headersSent) {
        app.log(`error after headers were sent: ${(error as Error)?.message ?? String(error)}`)
        res.destroy()
        return
      }
      if (!base.includes('X-Debug-Fallback')) base.push('X-Debug-Fallback', state.auth.fallbackUsed ? 'true' : 'false')
      sendError(res, error, base, extra, state.html)
    })
  }
}

function isAbort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error | null)?.message === 'aborted'
}
