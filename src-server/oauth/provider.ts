/**
 * What the OAuth2 routes need from a provider, whichever it is (appwrite-behaviour §7). Only the generic
 * `oidc` provider is implemented (oauth/oidc.ts); the shape leaves room for more.
 */

export interface OAuth2Tokens {
  readonly accessToken: string
  /** `""` when the provider issued none. */
  readonly refreshToken: string
  /** Seconds until the access token expires; 0 when the provider did not say. */
  readonly expiresIn: number
}

export interface OAuth2User {
  /** The provider's stable user id (`sub` for OIDC); `""` when missing (→ user_missing_id). */
  readonly id: string
  /** `""` when the provider returned none (→ user_unauthorized when a user must be found by it). */
  readonly email: string
  /** Reported by the provider; Appwrite reads it but does not act on it (appwrite-behaviour §7.3). */
  readonly emailVerified: boolean
  readonly name: string
}

export interface OAuth2Provider {
  /** The provider key as it appears in paths, e.g. `oidc` (case-sensitive, appwrite-behaviour §7.3). */
  readonly name: string
  /** Where to send the browser to sign in. `state` is already serialised (JSON, appwrite-behaviour §7.1). */
  loginUrl(params: { readonly callback: string; readonly state: string; readonly scopes: readonly string[] }): Promise<string>
  /** Trades an authorization code for tokens; `callback` must equal the one used in loginUrl. */
  exchangeCode(params: { readonly code: string; readonly callback: string; readonly scopes: readonly string[] }): Promise<OAuth2Tokens>
  /** Refreshes tokens; keeps the old refresh token when the provider returns none (appwrite-behaviour §7.3). */
  refreshTokens(refreshToken: string): Promise<OAuth2Tokens>
  fetchUser(accessToken: string): Promise<OAuth2User>
}

/**
 * The provider answered an HTTP error, or something unreadable. `status` decides the Appwrite
 * error type: 400 → user_oauth2_bad_request, 401 → user_oauth2_unauthorized, anything else →
 * user_oauth2_provider_error; the message is `<error>: <error_description>` when the body is
 * an RFC 6749 §5.2 error object (Appwrite's OAuth2 exception does the same).
 */
export class OAuth2ProviderError extends Error {
  override readonly name = 'OAuth2ProviderError'
  constructor(
    message: string,
    /** HTTP status of the provider's answer; 0 when the request never got one. */
    readonly status: number,
  ) {
    super(message)
  }

  /** Builds the error from a provider's HTTP error answer. */
  static fromResponse(status: number, body: string): OAuth2ProviderError {
    let message = body
    try {
      const parsed: unknown = JSON.parse(body)
      if (typeof parsed === 'object' && parsed !== null) {
        const record = parsed as Record<string, unknown>
        const error = record['error']
        if (typeof error === 'object' && error !== null) {
          const nested = error as Record<string, unknown>
          message = `${String(nested['status'] ?? 'Unknown error')}: ${String(nested['message'] ?? 'No description')}`
        } else {
          const code = typeof error === 'string' ? error : typeof record['message'] === 'string' ? record['message'] : 'Unknown error'
          const description = typeof record['error_description'] === 'string' ? record['error_description'] : 'No description'
          message = `${code}: ${description}`
        }
      }
    } catch {
      // Not JSON: keep the raw body as the message, as Appwrite does.
    }
    return new OAuth2ProviderError(message, status)
  }
}
