/**
 * OAuth2 provider names Appwrite knows, and turning the project's provider configuration into a
 * working client (appwrite-behaviour §7.3; Appwrite's docs list the names). Only `oidc` has an implementation;
 * any other known name is "disabled" until configured and "unsupported" once it is.
 */
import type { OAuthProviderConfig, ProjectConfig } from '../config'
import { AppwriteError } from '../errors'
import { SERVER_OAUTH_PROVIDERS } from '../../src-shared/appwrite-rules'
import { OidcProvider, parseOidcSettings } from './oidc'
import type { OAuth2Provider } from './provider'

/** Case-sensitive, as Appwrite's WhiteList for `{provider}` is. */
export const OAUTH_PROVIDER_NAMES = SERVER_OAUTH_PROVIDERS
export type OAuthProviderName = (typeof OAUTH_PROVIDER_NAMES)[number]

/** Human names for messages (`The OpenID Connect OAuth2 provider returned an error…`). */
export function providerDisplayName(name: string): string {
  return name === 'oidc' ? 'OpenID Connect' : name.charAt(0).toUpperCase() + name.slice(1)
}

const DISABLED_MESSAGE = 'This provider is disabled. Please enable the provider from your Appwrite console to continue.'
const UNCONFIGURED_MESSAGE = 'This provider is disabled. Please configure the provider app ID and app secret key from your Appwrite console to continue.'

export function providerConfig(config: ProjectConfig, name: string): OAuthProviderConfig | undefined {
  return Object.prototype.hasOwnProperty.call(config.oauthProviders, name) ? config.oauthProviders[name] : undefined
}

export function isProviderEnabled(config: ProjectConfig, name: string): boolean {
  return providerConfig(config, name)?.enabled === true
}

/**
 * A client for a configured, enabled provider. Off → 412 project_provider_disabled; missing app
 * id or secret (or an oidc secret that is not a JSON object) → the same type with Appwrite's
 * "configure" wording; a known name without an implementation → project_provider_unsupported.
 */
export function createProvider(config: ProjectConfig, name: string, fetchImpl: typeof fetch = fetch): OAuth2Provider {
  const entry = providerConfig(config, name)
  if (entry === undefined || !entry.enabled) throw new AppwriteError('project_provider_disabled', DISABLED_MESSAGE)
  if (entry.appId === '' || entry.secret === '') throw new AppwriteError('project_provider_disabled', UNCONFIGURED_MESSAGE)
  if (name !== 'oidc') throw new AppwriteError('project_provider_unsupported')
  const settings = parseOidcSettings(entry.appId, entry.secret)
  if (settings === null) throw new AppwriteError('project_provider_disabled', UNCONFIGURED_MESSAGE)
  return new OidcProvider(settings, fetchImpl)
}
