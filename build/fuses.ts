/**
 * Electron fuses for the packaged app, flipped in the binary right after electron-builder has
 * laid it out (its `afterPack` hook) and before it is signed and put into an installer.
 *
 * Why each one:
 * - RunAsNode off: otherwise `ELECTRON_RUN_AS_NODE=1 account-console` is a plain Node that runs
 *   any script with the app's identity, and so with access to its keychain entries.
 * - NODE_OPTIONS and --inspect off: the same door through an environment variable or a debugger.
 * - Asar integrity on, and only load the app from the asar: nobody swaps the app's code on disk
 *   (integrity is checked on macOS and Windows; Linux has no such check in Electron).
 * - Cookie encryption on: Chromium's cookie store is encrypted with the OS keychain.
 *
 * Playwright's `_electron` needs --inspect, so `npm run test:electron` runs the unpacked build,
 * never a fused one.
 */
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'

export const PACKAGED_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
} as const satisfies FuseV1Config

/** What electron-builder hands the hook; only the fields it reads. */
export interface FuseHookContext {
  readonly appOutDir: string
  readonly electronPlatformName: string
  /** electron-builder's `Arch` enum: 3 is arm64. */
  readonly arch: number
  /** `executableName` exists on the Linux packager only. */
  readonly packager: { readonly executableName?: string; readonly appInfo: { readonly productFilename: string } }
}

const ARM64 = 3

/**
 * The file that holds the fuse wire, named as electron-builder names it: the .app bundle on
 * macOS, `<productFilename>.exe` on Windows, the executable name on Linux.
 */
export function packagedBinary(context: FuseHookContext): string {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    default:
      return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename)
  }
}

export async function flipPackagedFuses(context: FuseHookContext): Promise<void> {
  // Flipping bytes breaks the ad-hoc signature an arm64 Mac needs to run the binary at all; the
  // real signature is applied after this hook.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === ARM64
  await flipFuses(packagedBinary(context), { ...PACKAGED_FUSES, resetAdHocDarwinSignature })
}
