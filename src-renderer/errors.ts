import type { AccountErrorType } from '../src-shared/appwrite'
import type { ApiError, LocalErrorType } from '../src-shared/ipc'
import { describeArgumentMessage } from './argument-errors'

/**
 * The one table that turns an error from `window.api` into a sentence a person can act on.
 *
 * Keys are Appwrite's error `type` (appwrite-behaviour §2) and our own local types (src-shared/ipc.ts). The
 * `satisfies` below makes the compiler reject the table when a known type has no sentence.
 * A value is either our sentence, or `SERVER_MESSAGE` where Appwrite's own text is the most precise
 * thing we can show (validation messages name the parameter and the rule that failed).
 * Types we do not know (a newer Appwrite) fall back to the server's message.
 */
export const SERVER_MESSAGE = Symbol('server message')
type Sentence = string | typeof SERVER_MESSAGE

export const ERROR_SENTENCES = {
  // Ours (no answer from Appwrite, or refused before a request was made)
  network_error: 'The server could not be reached. Check the endpoint and your connection.',
  response_too_large:
    'The server sent an answer far larger than Appwrite ever sends, so the app did not read it. Check that the endpoint is your Appwrite server.',
  invalid_argument: SERVER_MESSAGE,
  no_profile: 'That profile no longer exists. Choose another profile.',
  not_signed_in: 'You are not signed in. Sign in and try again.',
  keychain_error: 'The system keychain refused to store or read your session. Unlock it and try again.',
  internal_error: 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.',

  // General
  general_argument_invalid: SERVER_MESSAGE,
  general_bad_request: 'The server refused the request. This e-mail may already be used by another sign-in method.',
  general_query_invalid: SERVER_MESSAGE,
  general_cursor_not_found: 'The list changed while you were paging through it. Reload and try again.',
  general_unauthorized_scope: 'You are not allowed to do this. Your session may have ended; sign in again.',
  general_rate_limit_exceeded: 'Too many attempts. Wait a while before you try again.',
  general_smtp_disabled: 'This server cannot send e-mail, so this step is not available.',
  general_phone_disabled: 'This server cannot send text messages, so this step is not available.',
  general_unknown_origin: 'The project refused requests from this app. Add it as a platform in the project settings.',
  general_service_disabled: 'Accounts are turned off for this project.',
  general_api_disabled: 'The REST API is turned off for this project.',
  general_route_not_found: 'The server does not offer this feature. It may run an older Appwrite version.',
  general_server_error: 'The server ran into an error. Try again later.',
  project_not_found: 'No project with this ID exists on the server. Check the project ID of this profile.',
  project_provider_disabled: 'This sign-in provider is not turned on for the project.',
  project_provider_unsupported: 'The server does not support this sign-in provider.',
  project_invalid_success_url: 'The server refused the return address of this sign-in. Check the profile’s redirect settings.',
  project_invalid_failure_url: 'The server refused the return address of this sign-in. Check the profile’s redirect settings.',

  // Accounts and sessions
  user_already_exists: 'An account with this e-mail already exists.',
  user_email_already_exists: 'This e-mail already belongs to an account that signs in another way, such as with a provider. Sign in that way.',
  user_phone_already_exists: 'Another account already uses this phone number.',
  user_target_already_exists: 'This e-mail or phone number is already in use.',
  user_invalid_credentials: 'The e-mail or password is wrong.',
  user_blocked: 'This account is blocked, so it cannot be used to sign in. Only the project’s administrator can unblock it.',
  user_invalid_token: 'This code or link is wrong or has expired. Ask for a new one.',
  user_session_already_exists: 'You are already signed in on this profile. Sign out first to use another account.',
  user_session_not_found: 'Your session has ended. Sign in again.',
  user_not_found: 'No account matches. Check the e-mail address.',
  user_unauthorized: 'You are not allowed to do this.',
  user_more_factors_required: 'This account needs a second step to finish signing in.',
  user_challenge_required: 'Confirm it is you with a second factor first, then try again.',
  user_password_reset_required: 'You need to reset your password before you can sign in.',
  password_recently_used: 'You used this password recently. Choose a different one.',
  password_personal_data: 'The password must not contain your name, e-mail, phone number or user ID.',
  user_count_exceeded: 'This project has reached its limit of accounts.',
  user_auth_method_unsupported: 'This way of signing in is turned off for the project.',
  user_jwt_invalid: 'The token is not valid. Sign in again.',
  user_jwt_and_cookie_set: 'The request carried two kinds of credentials. Sign out and sign in again.',
  user_jwt_creation_denied: 'The server refused to create a token for this session.',
  user_key_and_session_set: 'The request carried two kinds of credentials. Sign out and sign in again.',
  user_email_not_found: 'This account has no e-mail address yet. Add one first.',
  user_phone_not_found: 'This account has no phone number yet. Add one first.',
  user_email_already_verified: 'Your e-mail address is already verified.',
  user_phone_already_verified: 'Your phone number is already verified.',
  user_email_not_verified: 'Verify your e-mail address first.',
  user_phone_not_verified: 'Verify your phone number first.',
  user_identity_not_found: 'That linked sign-in no longer exists.',
  consent_not_found: 'That app no longer has access to your account.',
  consent_token_not_found: 'That device of the app is already signed out.',
  user_oauth2_token_invalid: 'The sign-in provider’s token was not accepted. Sign in again.',
  user_target_not_found: 'That messaging target no longer exists.',
  user_recovery_codes_already_exists: 'Recovery codes already exist for this account.',
  user_recovery_codes_not_found: 'This account has no recovery codes yet.',
  user_authenticator_not_found: 'No authenticator app is set up for this account.',
  user_authenticator_already_verified: 'An authenticator app is already set up for this account.',
  user_missing_id: 'The sign-in provider did not say who you are. Try again or use another method.',
  user_oauth2_provider_error: 'The sign-in provider reported an error. Try again or use another method.',
  user_oauth2_bad_request: 'The sign-in provider refused the request. Try again or use another method.',
  user_oauth2_unauthorized: 'The sign-in provider did not allow the sign-in.',
  flow_not_found: 'That link or code is not waiting in this app any more. Start again from the sign-in screen.',
  flow_expired: 'That link or code has expired. Ask for a new one.',
  not_sandbox: 'This is only available for the local sandbox profile.',
  cancelled: 'Cancelled.',
} as const satisfies Record<AccountErrorType | LocalErrorType, Sentence>

/**
 * The error types the sign-in routes can answer with (appwrite-behaviour §2 and §3.2): sign-up, e-mail and
 * password, anonymous, e-mail/phone tokens, magic URL, token → session, OAuth2 token flow,
 * recovery, verification, the MFA challenge at sign-in and `GET /account` — plus our own flow and
 * transport errors. Each must have a sentence of its own (errors.test.ts checks it).
 */
export const SIGN_IN_ERROR_TYPES = [
  'general_argument_invalid',
  'general_bad_request',
  'general_unauthorized_scope',
  'general_rate_limit_exceeded',
  'general_smtp_disabled',
  'general_phone_disabled',
  'general_unknown_origin',
  'general_service_disabled',
  'general_api_disabled',
  'general_route_not_found',
  'general_server_error',
  'project_not_found',
  'project_provider_disabled',
  'project_provider_unsupported',
  'project_invalid_success_url',
  'project_invalid_failure_url',
  'user_already_exists',
  'user_email_already_exists',
  'user_phone_already_exists',
  'user_invalid_credentials',
  'user_blocked',
  'user_invalid_token',
  'user_session_already_exists',
  'user_session_not_found',
  'user_not_found',
  'user_unauthorized',
  'user_more_factors_required',
  'user_password_reset_required',
  'password_recently_used',
  'password_personal_data',
  'user_count_exceeded',
  'user_auth_method_unsupported',
  'user_email_not_found',
  'user_phone_not_found',
  'user_email_already_verified',
  'user_phone_already_verified',
  'user_email_not_verified',
  'user_phone_not_verified',
  'user_missing_id',
  'user_oauth2_provider_error',
  'user_oauth2_bad_request',
  'user_oauth2_unauthorized',
  'network_error',
  'response_too_large',
  'no_profile',
  'keychain_error',
  'flow_not_found',
  'flow_expired',
  'cancelled',
  'internal_error',
] as const satisfies readonly (keyof typeof ERROR_SENTENCES)[]

function isKnownType(type: string): type is keyof typeof ERROR_SENTENCES {
  return Object.hasOwn(ERROR_SENTENCES, type)
}

/** A sentence for an error from `window.api`; never empty. */
export function describeError(error: ApiError): string {
  const serverMessage = error.message.trim()
  const sentence: Sentence | undefined = isKnownType(error.type) ? ERROR_SENTENCES[error.type] : undefined
  if (typeof sentence === 'string') return sentence
  // "Invalid `name` param: …" names a parameter in a developer's words: say which field, and the rule.
  if (serverMessage) return describeArgumentMessage(serverMessage) ?? serverMessage
  return 'Something went wrong. Try again.'
}
