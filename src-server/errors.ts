/**
 * Appwrite errors as values the domain and HTTP layers throw; the router turns them into the
 * wire shape `{message, code, type, version}` (appwrite-behaviour §2).
 */
import { ACCOUNT_ERROR_TYPES, type AccountErrorType } from '../src-shared/appwrite'

/** Appwrite's default message per type (app/config/errors.php, 1.9 wording). */
const DEFAULT_MESSAGES: Readonly<Record<AccountErrorType, string>> = {
  general_argument_invalid: 'The request contains one or more invalid arguments. Please refer to the endpoint documentation.',
  general_bad_request: 'There was an error processing your request. Please check the inputs and try again.',
  general_query_invalid: "The query's syntax is invalid. Please check the query and try again.",
  general_cursor_not_found: 'The cursor is invalid. This can happen if the item represented by the cursor has been deleted.',
  general_unauthorized_scope: 'The current user or API key does not have the required scopes to access the requested resource.',
  general_rate_limit_exceeded: 'Rate limit for the current endpoint has been exceeded. Please try again after some time.',
  general_smtp_disabled: 'SMTP is disabled on your Appwrite instance.',
  general_phone_disabled: 'Phone provider is not configured. Please check the _APP_SMS_PROVIDER environment variable of your Appwrite server.',
  general_unknown_origin:
    'The request originated from an unknown origin. If you trust this domain, please list it as a trusted platform in the Appwrite console.',
  general_service_disabled: 'The requested service is disabled. You can enable the service from the Appwrite console.',
  general_api_disabled: 'The requested API is disabled. You can enable the API from the Appwrite console.',
  general_route_not_found: 'The requested route was not found. Please refer to the API docs and try again.',
  general_server_error: 'An internal server error occurred.',
  project_not_found:
    'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.',
  project_provider_disabled: 'The chosen OAuth provider is disabled. You can enable the OAuth provider using the Appwrite console.',
  project_provider_unsupported:
    'The chosen OAuth provider is unsupported. Please check the Create OAuth2 Session docs for the complete list of supported OAuth providers.',
  project_invalid_success_url: 'Invalid redirect URL for OAuth success.',
  project_invalid_failure_url: 'Invalid redirect URL for OAuth failure.',
  user_already_exists: 'A user with the same id, email, or phone already exists in this project.',
  user_email_already_exists: 'A user with the same email already exists in the current project.',
  user_phone_already_exists: 'A user with the same phone number already exists in the current project.',
  user_target_already_exists: 'A target with the same ID already exists.',
  user_invalid_credentials: 'Invalid credentials. Please check the email and password.',
  user_blocked:
    'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.',
  user_invalid_token: 'Invalid token passed in the request.',
  user_session_already_exists: 'Creation of a session is prohibited when a session is active.',
  user_session_not_found: 'The current user session could not be found.',
  user_not_found: 'User with the requested ID could not be found.',
  user_unauthorized: 'The current user is not authorized to perform the requested action.',
  user_more_factors_required: 'More factors are required to complete the sign in process.',
  user_challenge_required: 'A recently succeessful challenge is required to complete this action. A challenge is considered recent for 5 minutes.',
  user_password_reset_required: 'The current user requires a password reset.',
  password_recently_used:
    'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.',
  password_personal_data:
    'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.',
  user_count_exceeded: 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.',
  user_auth_method_unsupported:
    'The requested authentication method is either disabled or unsupported. Please check the supported authentication methods in the Appwrite console.',
  user_jwt_invalid: 'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.',
  user_jwt_and_cookie_set: 'JWT and cookie used in the same request. Use either a session or a JWT, not both.',
  user_jwt_creation_denied: 'A JWT can only be created with a session, not with another JWT.',
  user_key_and_session_set: 'API key and session used in the same request. Use either `setSession` or `setKey`.',
  user_email_not_found: 'The current user does not have an email address associated with their account.',
  user_phone_not_found: 'The current user does not have a phone number associated with their account.',
  user_email_already_verified: 'User email is already verified',
  user_phone_already_verified: 'User phone is already verified',
  user_email_not_verified: 'The current user has not verified their email address.',
  user_phone_not_verified: 'The current user has not verified their phone number.',
  user_identity_not_found: 'The identity could not be found. Please sign in with OAuth provider to create identity first.',
  consent_not_found: 'The consent could not be found.',
  consent_token_not_found: 'The consent token could not be found.',
  user_oauth2_token_invalid: 'The ID token is invalid.',
  user_target_not_found: 'The target could not be found.',
  user_recovery_codes_already_exists: 'The current user already generated recovery codes and they can only be read once for security reasons.',
  user_recovery_codes_not_found: 'Recovery codes could not be found on the current user.',
  user_authenticator_not_found: 'Authenticator could not be found on the current user.',
  user_authenticator_already_verified: 'This authenticator is already verified on the current user.',
  user_missing_id: 'Missing ID from OAuth2 provider.',
  user_oauth2_provider_error: 'OAuth2 provider returned some error.',
  user_oauth2_bad_request: 'OAuth2 provider rejected the bad request.',
  user_oauth2_unauthorized: 'OAuth2 provider rejected the unauthorized request.',
}

/** Status codes Appwrite passes through unchanged; anything else is sent as 500 (appwrite-behaviour §2). */
const PASS_THROUGH_CODES = new Set([400, 401, 402, 403, 404, 408, 409, 412, 416, 422, 429, 451, 501, 503])

export class AppwriteError extends Error {
  override readonly name = 'AppwriteError'
  readonly type: AccountErrorType
  readonly code: number

  constructor(type: AccountErrorType, message?: string, code?: number) {
    super(message ?? DEFAULT_MESSAGES[type])
    this.type = type
    const wanted = code ?? ACCOUNT_ERROR_TYPES[type]
    this.code = PASS_THROUGH_CODES.has(wanted) ? wanted : 500
  }
}

export function defaultMessage(type: AccountErrorType): string {
  return DEFAULT_MESSAGES[type]
}

/** `Invalid \`<param>\` param: <description>` (framework-level validation, appwrite-behaviour §2). */
export function invalidParam(param: string, description: string): AppwriteError {
  return new AppwriteError('general_argument_invalid', `Invalid \`${param}\` param: ${description}`)
}

/** `Param "<name>" is not optional.` */
export function missingParam(param: string): AppwriteError {
  return new AppwriteError('general_argument_invalid', `Param "${param}" is not optional.`)
}
