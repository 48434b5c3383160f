/**
 * The User-Agent the console sends: "AccountConsole/<version> (<OS>)", the app's name and version
 * as the product and the operating system in the conventional browser form. Appwrite derives a
 * session's device fields from it (appwrite-behaviour §3.3). Its detector (Matomo DeviceDetector)
 * names a client only when the product is on its own list, which this app is not: it reads the
 * system ("GNU/Linux", "Windows 10", "Mac") and a desktop device, and leaves the client fields
 * empty — the sandbox's parser does the same. The Sessions screen therefore names the session
 * this app holds itself ("Account Console on GNU/Linux"), and the name and version here still tell
 * the app apart in server logs and for an administrator reading raw requests.
 */
export function consoleUserAgent(version: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  return `AccountConsole/${version} (${osToken(platform, arch)})`
}

function osToken(platform: NodeJS.Platform, arch: string): string {
  const cpu = arch === 'x64' ? 'x86_64' : arch
  switch (platform) {
    case 'darwin':
      return 'Macintosh; Intel Mac OS X'
    case 'win32':
      return `Windows NT 10.0; ${arch === 'x64' ? 'Win64; x64' : arch}`
    case 'linux':
      return `X11; Linux ${cpu}`
    default:
      return `${platform}; ${cpu}`
  }
}
