/**
 * The one contract between the renderer and the main process.
 *
 * - `Api` is what `window.api` looks like in the renderer.
 * - `API_METHODS` / `API_EVENTS` are the runtime lists the preload builds that object from, and
 *   the main process registers handlers for; the mapped types below make the compiler reject a
 *   method that is in one and not the other.
 * - No DTO here carries a session secret, a token secret, a JWT cookie or a keychain value.
 *
 * Every method takes at most one argument (a plain object) and resolves to a `Result`: errors are
 * values that keep Appwrite's `type`, `code` and message so the renderer can say something precise.
 */
import type { User } from './appwrite'

export interface ApiError {
  /** Appwrite's error type (`user_invalid_credentials`…) or one of ours (`network_error`, `invalid_argument`, …). */
  readonly type: string
  /** HTTP status for Appwrite errors, 0 when there was no answer. */
  readonly code: number
  readonly message: string
}

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiError }

/** Errors that do not come from Appwrite. */
export const LOCAL_ERROR_TYPES = {
  network_error: 'The server could not be reached.',
  invalid_argument: 'The request was not valid.',
  no_profile: 'That profile does not exist.',
  not_signed_in: 'You are not signed in.',
  keychain_error: 'The system keychain refused the request.',
  internal_error: 'Something went wrong inside the app.',
} as const
export type LocalErrorType = keyof typeof LOCAL_ERROR_TYPES

export type RedirectStrategy = 'scheme' | 'appwrite-callback' | 'loopback'

/** A saved connection to an Appwrite project. Holds no secret. */
export interface ProfileDTO {
  readonly id: string
  readonly label: string
  readonly endpoint: string
  readonly projectId: string
  /** `sandbox` is the built-in local sandbox profile; it cannot be removed. */
  readonly kind: 'sandbox' | 'remote'
}

export interface KeychainStatus {
  /** `keychain` when the OS keychain answered the start-up probe, `memory` otherwise. */
  readonly kind: 'keychain' | 'memory'
  /** Why we fell back to memory, in words a person understands. */
  readonly reason: string
}

export interface AppStatus {
  readonly version: string
  readonly keychain: KeychainStatus
  readonly profiles: readonly ProfileDTO[]
  readonly activeProfileId: string
}

/** The account as the renderer sees it: Appwrite's Account model, which carries no secret. */
export type AccountDTO = User

export type AuthStatus = 'signed-out' | 'signed-in' | 'offline'

export interface AuthState {
  readonly profileId: string
  readonly status: AuthStatus
  /** Present when signed in (or offline with a cached account). */
  readonly account: AccountDTO | null
}

export interface Notice {
  readonly level: 'info' | 'warning' | 'error'
  readonly message: string
}

export interface SignUpArgs {
  readonly profileId: string
  readonly name: string
  readonly email: string
  readonly password: string
}

export interface SignInWithPasswordArgs {
  readonly profileId: string
  readonly email: string
  readonly password: string
}

export interface ProfileArgs {
  readonly profileId: string
}

export interface Api {
  readonly app: {
    getStatus(): Promise<Result<AppStatus>>
  }
  readonly profiles: {
    select(args: ProfileArgs): Promise<Result<AppStatus>>
  }
  readonly auth: {
    /** Current state of a profile; checks the stored session against the server. */
    getState(args: ProfileArgs): Promise<Result<AuthState>>
    /** Creates the account (Appwrite does not sign in on sign-up), then signs in. */
    signUp(args: SignUpArgs): Promise<Result<AuthState>>
    signInWithPassword(args: SignInWithPasswordArgs): Promise<Result<AuthState>>
    signOut(args: ProfileArgs): Promise<Result<AuthState>>
  }
  readonly events: {
    onAuthChanged(listener: (state: AuthState) => void): () => void
    onNotice(listener: (notice: Notice) => void): () => void
  }
}

type MethodNamespaces = Exclude<keyof Api, 'events'>

/** Every invokable method, by namespace. Channel name = `ac:<namespace>.<method>`. */
export const API_METHODS: { readonly [N in MethodNamespaces]: { readonly [M in keyof Api[N]]: true } } = {
  app: { getStatus: true },
  profiles: { select: true },
  auth: { getState: true, signUp: true, signInWithPassword: true, signOut: true },
}

/** Main → renderer events. Channel name = `ac:event.<name>`. */
export const API_EVENTS: { readonly [K in keyof Api['events']]: EventName } = {
  onAuthChanged: 'authChanged',
  onNotice: 'notice',
}

export interface EventPayloads {
  authChanged: AuthState
  notice: Notice
}
export type EventName = keyof EventPayloads

export const CHANNEL_PREFIX = 'ac:'
export function methodChannel(namespace: string, method: string): string {
  return `${CHANNEL_PREFIX}${namespace}.${method}`
}
export function eventChannel(name: EventName): string {
  return `${CHANNEL_PREFIX}event.${name}`
}

/** The method names as `namespace.method`, for the handler table and the preload. */
export type MethodKey = {
  [N in MethodNamespaces]: `${N}.${Extract<keyof Api[N], string>}`
}[MethodNamespaces]

type Fn<N extends MethodNamespaces, M extends keyof Api[N]> = Api[N][M] extends (...a: infer A) => Promise<Result<infer R>> ? { args: A; result: R } : never

/** `'auth.signUp'` → its argument tuple and result type. */
export type MethodSignature<K extends MethodKey> = K extends `${infer N}.${infer M}`
  ? N extends MethodNamespaces
    ? M extends keyof Api[N]
      ? Fn<N, M>
      : never
    : never
  : never
