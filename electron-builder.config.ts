/**
 * electron-builder configuration: what `npm run package` (scripts/package.mjs) builds.
 *
 * - One scheme, `account-console`, is declared for every target, so the installer registers it
 *   (macOS `CFBundleURLTypes` and the Linux `.desktop` file's `MimeType=x-scheme-handler/…` from
 *   `protocols`; the Windows registry from build/installer.nsh). The per-project `appwrite-callback-<projectId>` schemes cannot be known at
 *   build time; the app registers them at run time (Windows, Linux). On macOS only declared
 *   schemes work, so profiles there use `account-console://` or loopback.
 * - The three native modules are N-API (keytar: node-addon-api, napi 3; libsql and
 *   @node-rs/argon2: napi-rs), so the binaries npm installed load under Electron's ABI without a
 *   rebuild: `npmRebuild` is off (a rebuild would need Electron's headers, and wipes keytar's
 *   build when it fails). test/unit/packaging checks each is N-API.
 * - Native binaries are unpacked from the asar (a `.node` file cannot be loaded from inside it).
 * - Only `out/` (the built main, preload and renderer, with the sandbox bundled into main) and
 *   the production dependencies are packaged; sources, tests, maps and dev dependencies are not.
 * - The Linux `Exec` line ends in `-- %u`: one URL, after `--`, so a link can never be read as a
 *   Chromium or Electron switch.
 */
import type { Configuration } from 'electron-builder'
import { flipPackagedFuses } from './build/fuses'

export const APP_ID = 'dev.accountconsole.app'
export const PRODUCT_NAME = 'Account Console'
export const URL_SCHEMES = ['account-console'] as const

/** Never in the package, wherever they are (applied to node_modules too). */
export const EXCLUDED_FILES = [
  '**/*.map',
  '**/*.{ts,mts,cts,tsx}',
  '**/*.{md,markdown}',
  '**/{test,tests,__tests__}/**',
  '**/*.{test,spec}.{js,cjs,mjs}',
  '**/*.{c,cc,cpp,h,hpp,gyp,gypi}',
  // keytar's build intermediates (the loadable binary is build/Release/keytar.node)
  '**/node_modules/keytar/{src,build/Release/obj.target,build/Release/.deps}/**',
  // headers and installers only used when compiling keytar
  '**/node_modules/{node-addon-api,prebuild-install}/**',
  // Electron links against glibc; libsql's musl build would be dead weight
  '**/node_modules/@libsql/*-musl/**',
] as const

/** Unpacked from the asar: the native binaries of keytar, libsql and @node-rs/argon2. */
export const UNPACKED_FILES = ['**/*.node'] as const

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  executableName: 'account-console',
  copyright: 'Account Console contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['package.json', 'out/**/*', ...EXCLUDED_FILES.map((pattern) => `!${pattern}`)],
  asar: true,
  asarUnpack: [...UNPACKED_FILES],
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  protocols: [{ name: 'Account Console links', schemes: [...URL_SCHEMES], role: 'Viewer' }],
  afterPack: flipPackagedFuses,
  linux: {
    target: ['deb', 'AppImage'],
    category: 'Utility',
    icon: 'build/icons',
    executableArgs: ['--', '%u'],
    synopsis: 'Sign in to an Appwrite project and manage your account',
    maintainer: 'Account Console contributors',
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.png',
    hardenedRuntime: true,
  },
  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
  },
  nsis: {
    // registers account-console:// in the registry (electron-builder's `protocols` does not on Windows)
    include: 'build/installer.nsh',
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
}

export default config
