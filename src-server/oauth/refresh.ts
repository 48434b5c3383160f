/**
 * `PATCH /account/sessions/{id}` on a session made by an OAuth2 provider also refreshes the
 * provider's tokens (appwrite-behaviour §3.2; Appwrite's docs: "If the session was created using an OAuth provider,
 * this endpoint refreshes the access token from the provider").
 */
import type { ProjectConfig } from '../config'
import { AppwriteError } from '../errors'
import { updateSessionProviderTokens, type SessionRow } from '../domain/sessions'
import type { Database } from '../store/database'
import { OAuth2ProviderError } from './provider'
import { OAUTH_PROVIDER_NAMES, createProvider, providerDisplayName } from './registry'

/**
 * Refreshes and stores the session's provider tokens when the session came from an OAuth2
 * provider the project has configured. Sessions of other kinds, and provider sessions without
 * a refresh token (the provider issued none), are left alone: Appwrite would send an empty
 * refresh token and fail the whole request, which helps nobody.
 *
 * A provider that refuses the refresh fails the request with Appwrite's OAuth2 error types
 * (400 user_oauth2_bad_request, 401 user_oauth2_unauthorized, else user_oauth2_provider_error).
 */
export async function refreshProviderTokens(db: Database, config: ProjectConfig, session: SessionRow, now = Date.now()): Promise<void> {
  if (!(OAUTH_PROVIDER_NAMES as readonly string[]).includes(session.provider)) return
  if (session.providerRefreshToken === '') return
  let provider
  try {
    provider = createProvider(config, session.provider)
  } catch {
    // Provider switched off or unsupported since the login: extend the session only.
    return
  }
  try {
    const tokens = await provider.refreshTokens(session.providerRefreshToken)
    updateSessionProviderTokens(
      db,
      session.id,
      { accessToken: tokens.accessToken, accessTokenExpiry: now + tokens.expiresIn * 1000, refreshToken: tokens.refreshToken },
      now,
    )
  } catch (error) {
    if (!(error instanceof OAuth2ProviderError)) throw error
    const message = `Failed to refresh the access token. The ${providerDisplayName(provider.name)} OAuth2 provider returned an error: ${error.message}`
    if (error.status === 400) throw new AppwriteError('user_oauth2_bad_request', message)
    if (error.status === 401) throw new AppwriteError('user_oauth2_unauthorized', message)
    throw new AppwriteError('user_oauth2_provider_error', message)
  }
}
