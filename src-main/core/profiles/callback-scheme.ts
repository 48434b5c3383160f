import type { Host } from '../host'

/** Profiles that receive links on Appwrite's native scheme need the OS to route it to us. */
export function registerCallbackScheme(host: Pick<Host, 'registerUrlScheme'>, profile: { readonly redirectStrategy: string; readonly projectId: string }): void {
  if (profile.redirectStrategy === 'appwrite-callback') host.registerUrlScheme(`appwrite-callback-${profile.projectId.toLowerCase()}`)
}
