/**
 * OAuth2 sign-in (appwrite-behaviour §7): the session flow and the token flow, the provider callback
 * (GET, and POST for form_post providers) and the redirect route that completes the login.
 *
 *   client ──GET /account/{sessions|tokens}/oauth2/{provider}──▶ 301 provider (state = JSON)
 *   provider ──GET|POST /account/sessions/oauth2/callback/{provider}/{project}──▶ 301 redirect route
 *   redirect route: code → tokens → user → identity → session cookie (or token) ──▶ 301 success
 *
 * These routes answer errors with an HTML page, not JSON (Appwrite's `error` view label, §2);
 * once a valid failure URL is known, most login failures become a 301 to it with `error` =
 * JSON `{message, type, code}` (§7.1 step 5).
 */
import { ACCOUNT_ERROR_TYPES, type AccountErrorType } from '../../../src-shared/appwrite'
import { AppwriteError, defaultMessage, invalidParam } from '../../errors'
import { writeAudit } from '../../domain/audit'
import { deleteSessions } from '../../domain/sessions'
import { createToken, newTokenSecret } from '../../domain/tokens'
import { mergeQuery } from '../../mail/templates'
import { atomically } from '../../store/database'
import { linkOAuthLogin } from '../../oauth/accounts'
import { OAuth2ProviderError, type OAuth2Provider } from '../../oauth/provider'
import { OAUTH_PROVIDER_NAMES, createProvider, providerDisplayName } from '../../oauth/registry'
import { sessionCookieName } from '../cookies'
import { arrayOf, oneOf, optional, required, text } from '../params'
import { checkRedirectUrl, redirectUrl } from '../redirect-url'
import { defineRoute, redirect, type AnyRoute, type RequestContext, type ResponseHeaders, type RouteModule } from '../route'
import { issueSession } from '../session-issue'

/** Defaults when the client gives no success/failure URL (1.8+: console pages, §7.1 step 2). */
const DEFAULT_SUCCESS_PATH = '/console/auth/oauth2/success'
const DEFAULT_FAILURE_PATH = '/console/auth/oauth2/failure'

/** Redirects from these routes must never be cached by the browser. */
const NO_STORE: ResponseHeaders = [
  ['Cache-Control', 'no-store, no-cache, must-revalidate, max-age=0'],
  ['Pragma', 'no-cache'],
]

/**
 * Codes Appwrite puts in the failure redirect's `error` JSON. They come from the exception
 * itself, before the response layer would turn 424 into 500 (§2), so a provider error says 424.
 */
const RAW_ERROR_CODES: Partial<Record<AccountErrorType, number>> = { user_oauth2_provider_error: 424 }

/**
 * `http://<bound address>:<port>`: the callback must match what the provider has registered,
 * and must never follow the request's `Host`, which a DNS-rebinding page chooses.
 */
function apiOrigin(ctx: RequestContext<unknown>): string {
  return new URL(ctx.app.endpoint).origin
}

function callbackUrl(ctx: RequestContext<unknown>, provider: string): string {
  return `${apiOrigin(ctx)}/v1/account/sessions/oauth2/callback/${provider}/${ctx.app.projectId}`
}

interface LoginState {
  readonly success: string
  readonly failure: string
  readonly token: boolean
}

const START_PARAMS = {
  provider: required(oneOf(OAUTH_PROVIDER_NAMES)),
  success: optional(redirectUrl(), ''),
  failure: optional(redirectUrl(), ''),
  scopes: optional(arrayOf(text(4096), 100, 'Value must be a valid string and no longer than 4096 chars'), [] as string[]),
}

/** `GET /account/sessions/oauth2/{provider}` and `GET /account/tokens/oauth2/{provider}`. */
function startRoute(path: string, token: boolean): AnyRoute {
  return defineRoute({
    method: 'GET',
    path,
    scope: 'sessions.write',
    errorFormat: 'html',
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    params: START_PARAMS,
    async handle(ctx) {
      const provider = createProvider(ctx.app.config, ctx.params.provider)
      const origin = apiOrigin(ctx)
      const state: LoginState = {
        success: ctx.params.success || `${origin}${DEFAULT_SUCCESS_PATH}`,
        failure: ctx.params.failure || `${origin}${DEFAULT_FAILURE_PATH}`,
        token,
      }
      let location: string
      try {
        location = await provider.loginUrl({ callback: callbackUrl(ctx, provider.name), state: JSON.stringify(state), scopes: ctx.params.scopes })
      } catch (error) {
        // No failure redirect at this stage in Appwrite: an unreachable issuer is an error page.
        if (error instanceof OAuth2ProviderError) throw new AppwriteError('user_oauth2_provider_error', error.message)
        throw error
      }
      return redirect(location, 301, NO_STORE)
    },
  })
}

const CALLBACK_PARAMS = {
  projectId: required(text(1024)),
  provider: required(oneOf(OAUTH_PROVIDER_NAMES)),
  code: optional(text(2048), ''),
  state: optional(text(2048), ''),
  error: optional(text(2048), ''),
  error_description: optional(text(2048), ''),
}

/**
 * The provider's redirect_uri. It forwards everything to the redirect route on the API host with
 * `project` added; that route runs inside the project (this one carries the project in its path).
 */
function callbackRoute(method: 'GET' | 'POST'): AnyRoute {
  return defineRoute({
    method,
    path: '/account/sessions/oauth2/callback/{provider}/{projectId}',
    scope: 'public',
    project: 'none',
    // Outside Appwrite's `api` group: no factor check, and a form_post comes from the provider's origin.
    mfa: 'exempt',
    anyOrigin: true,
    errorFormat: 'html',
    params: CALLBACK_PARAMS,
    handle(ctx) {
      const query = new URLSearchParams({
        project: ctx.params.projectId,
        code: ctx.params.code,
        state: ctx.params.state,
        error: ctx.params.error,
        error_description: ctx.params.error_description,
      })
      return redirect(`${apiOrigin(ctx)}/v1/account/sessions/oauth2/${ctx.params.provider}/redirect?${query.toString()}`, 301, NO_STORE)
    },
  })
}

/** Thrown inside the redirect route for failures that go to the failure URL. */
class FailureRedirect extends Error {
  constructor(
    readonly type: AccountErrorType,
    message: string | undefined,
    readonly code: number,
  ) {
    super(message ?? defaultMessage(type))
  }
}

function failure(type: AccountErrorType, message?: string, code?: number): FailureRedirect {
  return new FailureRedirect(type, message, code ?? RAW_ERROR_CODES[type] ?? ACCOUNT_ERROR_TYPES[type])
}

/** Maps a provider HTTP error to Appwrite's types: 400 bad request, 401 unauthorized, else provider error. */
function providerFailure(provider: OAuth2Provider, error: OAuth2ProviderError, step: string): FailureRedirect {
  const type: AccountErrorType =
    error.status === 400 ? 'user_oauth2_bad_request' : error.status === 401 ? 'user_oauth2_unauthorized' : 'user_oauth2_provider_error'
  const message = `${step} The ${providerDisplayName(provider.name)} OAuth2 provider returned an error: ${error.message}`
  return failure(type, message, error.status === 400 || error.status === 401 ? error.status : 424)
}

/**
 * The state as it came back from the provider. Appwrite answers an unreadable state with
 * 500 general_server_error; the sandbox makes that a 400 naming the parameter, because it is
 * bad input (the issue requires 4xx, never 5xx, for any malformed request).
 */
function parseState(raw: string, origin: string): LoginState {
  // No state at all: Appwrite falls back to the project URL, which the sandbox does not have,
  // so the success URL is empty and fails validation below.
  if (raw === '') return { success: '', failure: `${origin}${DEFAULT_FAILURE_PATH}`, token: false }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    parsed = null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParam('state', 'Failed to parse login state params as passed from OAuth2 provider')
  }
  const record = parsed as Record<string, unknown>
  const failureUrl = typeof record['failure'] === 'string' ? record['failure'] : ''
  return {
    success: typeof record['success'] === 'string' ? record['success'] : '',
    // The start routes always put a failure URL in the state; a state without one was not
    // made by them, and gets the same default rather than a bare error page.
    failure: failureUrl !== '' ? failureUrl : `${origin}${DEFAULT_FAILURE_PATH}`,
    token: record['token'] === true,
  }
}

/** `GET /account/sessions/oauth2/{provider}/redirect`: completes the login (§7.1 step 4, §7.2). */
const redirectRoute = defineRoute({
  method: 'GET',
  path: '/account/sessions/oauth2/{provider}/redirect',
  scope: 'public',
  event: 'users.[userId].sessions.[sessionId].create',
  errorFormat: 'html',
  rateLimit: { limit: 50, keys: ['ip:{ip}'] },
  params: {
    provider: required(oneOf(OAUTH_PROVIDER_NAMES)),
    code: optional(text(2048), ''),
    state: optional(text(2048), ''),
    error: optional(text(2048), ''),
    error_description: optional(text(2048), ''),
  },
  async handle(ctx) {
    const { app } = ctx
    const state = parseState(ctx.params.state, apiOrigin(ctx))
    // The state came back through the browser, so its URLs are checked again (1.8+, §7.4).
    const policy = app.redirectPolicy
    if (!checkRedirectUrl(state.success, policy).ok) throw new AppwriteError('project_invalid_success_url')
    if (!checkRedirectUrl(state.failure, policy).ok) throw new AppwriteError('project_invalid_failure_url')

    try {
      let provider: OAuth2Provider
      try {
        provider = createProvider(app.config, ctx.params.provider)
      } catch (error) {
        if (error instanceof AppwriteError) throw failure(error.type, error.message)
        throw error
      }
      const name = providerDisplayName(provider.name)
      if (ctx.params.error !== '') {
        const detail = ctx.params.error_description !== '' ? `: ${ctx.params.error_description}` : ''
        throw failure('user_oauth2_provider_error', `The ${name} OAuth2 provider returned an error: ${ctx.params.error}${detail}`)
      }
      if (ctx.params.code === '') {
        throw failure('user_oauth2_provider_error', 'Missing OAuth2 code. Please contact the Appwrite team for additional support.')
      }

      const callback = callbackUrl(ctx, provider.name)
      let tokens
      try {
        tokens = await provider.exchangeCode({ code: ctx.params.code, callback, scopes: [] })
      } catch (error) {
        if (error instanceof OAuth2ProviderError) throw providerFailure(provider, error, 'Failed to obtain access token.')
        throw error
      }
      let profile
      try {
        profile = await provider.fetchUser(tokens.accessToken)
      } catch (error) {
        // Appwrite lets a userinfo failure escape as an error page; the failure URL serves the
        // client better and still carries Appwrite's error type.
        if (error instanceof OAuth2ProviderError) throw providerFailure(provider, error, 'Failed to obtain user data.')
        throw error
      }
      if (profile.id === '') throw failure('user_missing_id')

      const signedIn = ctx.auth.session !== null ? ctx.auth.user : null
      const now = Date.now()
      // One transaction for user, identity and the replaced session, so a conflict found late
      // leaves nothing half-written.
      const outcome = atomically(app.db, () => {
        const linked = linkOAuthLogin(app.db, app.config, { provider: provider.name, profile, tokens, signedIn }, now)
        // The browser's previous session is replaced by the new login (§7.2).
        if (linked.kind === 'linked' && ctx.auth.session !== null) deleteSessions(app.db, [ctx.auth.session.id])
        return linked
      })
      if (outcome.kind === 'failure') throw failure(outcome.type, outcome.message)
      const user = outcome.user

      if (state.token) {
        // Token flow: a 64-hex OAuth2 token living as long as a session (§5), appended to the
        // success URL as userId + secret; the client exchanges it at POST /account/sessions/token.
        const secret = newTokenSecret('hex64')
        createToken(app.db, { userId: user.id, type: 'oauth2', secret, lifetimeSeconds: app.config.sessionDuration, client: ctx.client }, now)
        writeAudit(app.db, { user, event: 'session.create', resource: `user/${user.id}`, client: ctx.client })
        return redirect(mergeQuery(state.success, { secret, userId: user.id }), 301, NO_STORE)
      }

      // Session flow: the session carries the provider's name and tokens, and two factors
      // (`email`, `oauth2`), so it never waits for MFA (§6, §11.14). No eviction: Appwrite
      // evicts only after responses with a body (§3.3).
      const issued = issueSession(ctx, {
        user,
        provider: provider.name,
        providerUid: profile.id,
        providerAccessToken: tokens.accessToken,
        providerAccessTokenExpiry: now + tokens.expiresIn * 1000,
        providerRefreshToken: tokens.refreshToken,
        factors: ['email', 'oauth2'],
        evict: false,
      })
      let success = state.success
      if (new URL(success).pathname === DEFAULT_SUCCESS_PATH) {
        // Deprecated mobile workaround Appwrite still performs for its own success page (§7.1).
        success = mergeQuery(success, {
          project: app.projectId,
          domain: '',
          key: sessionCookieName(app.projectId),
          secret: issued.created.cookieValue,
        })
      }
      return redirect(success, 301, [...issued.headers, ...NO_STORE])
    } catch (error) {
      if (!(error instanceof FailureRedirect)) throw error
      const payload = JSON.stringify({ message: error.message, type: error.type, code: error.code })
      return redirect(mergeQuery(state.failure, { error: payload }), 301, NO_STORE)
    }
  },
})

export const oauth2Routes: RouteModule = {
  name: 'oauth2',
  routes: [
    startRoute('/account/sessions/oauth2/{provider}', false),
    startRoute('/account/tokens/oauth2/{provider}', true),
    callbackRoute('GET'),
    callbackRoute('POST'),
    redirectRoute,
  ],
}
