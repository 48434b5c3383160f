import { appwriteCallbackProblem, appwriteCallbackScheme } from '../../../src-shared/endpoint-rules'
import type { Host } from '../host'

/**
 * Profiles that receive links on Appwrite's native scheme need the OS to route it to us. A stored
 * profile whose project makes no valid scheme is skipped (its link flows refuse to start, with why).
 */
export function registerCallbackScheme(
  host: Pick<Host, 'registerUrlScheme' | 'log'>,
  profile: { readonly redirectStrategy: string; readonly projectId: string },
): void {
  if (profile.redirectStrategy !== 'appwrite-callback') return
  if (appwriteCallbackProblem(profile.projectId)) return host.log('appwrite-callback scheme not registered: the project id makes no valid URL scheme')
  host.registerUrlScheme(appwriteCallbackScheme(profile.projectId))
}
