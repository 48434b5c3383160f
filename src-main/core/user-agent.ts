/**
 * The User-Agent the console sends. Appwrite derives a session's device fields from it (contract
 * §3.3), so it carries the operating system in the conventional browser form that parsers
 * (Matomo DeviceDetector on Appwrite, ua-parser-js in the sandbox) recognise; otherwise the
 * Sessions screen shows this very device as "Unknown".
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
