/**
 * The slice of `oidc-provider` 9 the test fixture uses. The package ships no type declarations
 * and the community @types package targets older majors, so the surface we rely on is declared
 * here, checked against lib/provider.js and lib/helpers/defaults.js of 9.x.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface AccountClaims {
    readonly sub: string
    readonly [claim: string]: unknown
  }

  export interface Account {
    readonly accountId: string
    claims(use: string, scope: string): Promise<AccountClaims> | AccountClaims
  }

  export interface ClientMetadata {
    readonly client_id: string
    readonly client_secret?: string
    readonly redirect_uris: readonly string[]
    readonly grant_types?: readonly string[]
    readonly response_types?: readonly string[]
    readonly token_endpoint_auth_method?: string
  }

  export interface InteractionPrompt {
    readonly name: string
    readonly reasons: readonly string[]
    readonly details: Record<string, unknown>
  }

  export interface Interaction {
    readonly uid: string
    readonly prompt: InteractionPrompt
    readonly params: Record<string, unknown>
    readonly session?: { readonly accountId?: string }
    readonly grantId?: string
  }

  export interface Configuration {
    clients?: ClientMetadata[]
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined> | Account | undefined
    claims?: Record<string, string[]>
    features?: Record<string, { enabled: boolean }>
    interactions?: { url: (ctx: unknown, interaction: Interaction) => string | Promise<string> }
    cookies?: { keys?: string[] }
    pkce?: { required?: () => boolean }
    loadExistingGrant?: (ctx: unknown) => unknown
    ttl?: Record<string, number>
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }

  export type GrantConstructor = new (init: { accountId: string; clientId: string }) => Grant

  export interface InteractionResult {
    login?: { accountId: string; remember?: boolean }
    consent?: { grantId: string }
    error?: string
    error_description?: string
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    readonly Grant: GrantConstructor
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
  }
}
