/**
 * What a profile may point at, in one place: main enforces these rules (profiles/profile-input.ts)
 * and the profile form explains them while the person types (src-renderer/profile-form.ts).
 */

/** Hosts that are this machine: the only ones where plain http:// keeps traffic off the network. */
const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.includes(hostname.toLowerCase())
}

/**
 * Why this endpoint's scheme is refused, or null when it is fine: https:// anywhere, http:// only
 * on this machine (over http:// to another host, passwords and session cookies travel in clear).
 */
export function endpointSchemeProblem(url: URL): string | null {
  switch (url.protocol) {
    case 'https:':
      return null
    case 'http:':
      return isLoopbackHostname(url.hostname)
        ? null
        : 'Use https:// for a server on another computer: over http:// your password and session would travel unencrypted. http:// is only for a server on this machine (localhost or 127.0.0.1).'
    case 'javascript:':
      return 'A javascript: address is a script, not a server. Enter the https:// address of your Appwrite server.'
    default:
      return 'The endpoint must start with https:// (or http:// for a server on this machine).'
  }
}

export const APPWRITE_CALLBACK_PREFIX = 'appwrite-callback-'

/** RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*$/

/** Appwrite's native-app scheme for a project: `appwrite-callback-<projectId>`, lower-cased. */
export function appwriteCallbackScheme(projectId: string): string {
  return `${APPWRITE_CALLBACK_PREFIX}${projectId.toLowerCase()}`
}

/**
 * Why the `appwrite-callback` strategy cannot work for this project, or null. Appwrite's project
 * ids may contain `_`, which no URL scheme may: the OS would never hand such a link back.
 */
export function appwriteCallbackProblem(projectId: string): string | null {
  if (URL_SCHEME.test(appwriteCallbackScheme(projectId))) return null
  return `Links cannot come back as ${appwriteCallbackScheme(projectId)}:// because a link type may hold only letters, digits, "+", "-" and ".". Choose "App link" or "Local address" for this project.`
}
