/**
 * The electron-builder configuration as shipped: schemes, targets, natives, included and excluded
 * files, the fuses (flipped by the real hook in a stand-in binary), and the Linux `.desktop`
 * entry rendered by electron-builder's own code from this configuration.
 */
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses'
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { minimatch } from 'minimatch'
import { afterEach, describe, expect, it } from 'vitest'
import config, { APP_ID, PRODUCT_NAME, UNPACKED_FILES } from '../../../electron-builder.config'
import { flipPackagedFuses, packagedBinary, PACKAGED_FUSES } from '../../../build/fuses'
import { isExcluded, ROOT } from './package-files'
import { deepLinksFromArgv } from '../../../src-main/shell/deep-links'

const NATIVE_BINARIES = [
  'node_modules/keytar/build/Release/keytar.node',
  'node_modules/@libsql/linux-x64-gnu/index.node',
  'node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node',
]

describe('electron-builder configuration', () => {
  it('names the app and declares the account-console scheme for every target', () => {
    expect(config.appId).toBe(APP_ID)
    expect(config.productName).toBe(PRODUCT_NAME)
    const protocols = [config.protocols].flat()
    expect(protocols.flatMap((p) => [p?.schemes].flat())).toEqual(['account-console'])
    // declared at the top level, so no platform section may replace it
    for (const platform of [config.linux, config.mac, config.win]) expect(platform && 'protocols' in platform).toBe(false)
  })

  it('registers the scheme in the Windows registry from the NSIS installer, and removes it on uninstall', () => {
    expect(config.nsis?.include).toBe('build/installer.nsh')
    const script = readFileSync(join(ROOT, 'build/installer.nsh'), 'utf8')
    const install = script.slice(script.indexOf('!macro customInstall'), script.indexOf('!macroend'))
    expect(install).toContain('WriteRegStr SHCTX "Software\\Classes\\account-console" "URL Protocol" ""')
    expect(install).toContain(
      `WriteRegStr SHCTX "Software\\Classes\\account-console\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" -- "%1"'`,
    )
    const uninstall = script.slice(script.indexOf('!macro customUnInstall'))
    expect(uninstall).toContain('DeleteRegKey SHCTX "Software\\Classes\\account-console"')
  })

  it('builds deb and AppImage, dmg and zip, nsis', () => {
    expect(config.linux?.target).toEqual(['deb', 'AppImage'])
    expect(config.mac?.target).toEqual(['dmg', 'zip'])
    expect(config.win?.target).toEqual(['nsis'])
  })

  it('points at icons that exist: a 1024 px PNG for macOS and Windows, a set of sizes for Linux', () => {
    const pngSize = (file: string) => {
      const png = readFileSync(join(ROOT, file))
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG')
      return [png.readUInt32BE(16), png.readUInt32BE(20)]
    }
    expect(config.mac?.icon).toBe('build/icon.png')
    expect(config.win?.icon).toBe('build/icon.png')
    expect(pngSize('build/icon.png')).toEqual([1024, 1024])
    expect(config.linux?.icon).toBe('build/icons')
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(`build/icons/${size}x${size}.png`)).toEqual([size, size])
  })

  it('unpacks the three native modules from the asar and does not rebuild them (they are N-API)', () => {
    for (const file of NATIVE_BINARIES)
      expect(
        UNPACKED_FILES.some((p) => minimatch(file, p)),
        file,
      ).toBe(true)
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual([...UNPACKED_FILES])
    expect(config.npmRebuild).toBe(false)
  })

  it('each native binary is an N-API module, so it loads under Electron’s ABI unchanged', () => {
    for (const file of NATIVE_BINARIES) {
      const binary = readFileSync(join(ROOT, file)).toString('latin1')
      // N-API modules export napi_register_module_v1; ABI-bound ones node_register_module_v<ABI>.
      expect(binary, file).toContain('napi_register_module_v1')
      expect(binary, file).not.toMatch(/node_register_module_v\d+/)
    }
  })

  it('packages the built app and leaves out sources, tests, maps and build leftovers', () => {
    const files = [config.files].flat().filter((p): p is string => typeof p === 'string')
    expect(files).toEqual(expect.arrayContaining(['package.json', 'out/**/*']))
    expect(files.some((p) => /src-|test\//.test(p) && !p.startsWith('!'))).toBe(false)
    for (const path of [
      'out/main/index.js.map',
      'node_modules/zod/src/index.ts',
      'node_modules/x/test/a.js',
      'node_modules/x/README.md',
      'node_modules/keytar/src/keytar_posix.cc',
      'node_modules/keytar/build/Release/obj.target/keytar.node',
      'node_modules/@libsql/linux-x64-musl/index.node',
    ]) {
      expect(isExcluded(path), path).toBe(true)
    }
    for (const path of ['out/main/index.js', 'out/renderer/index.html', 'node_modules/zod/index.cjs', ...NATIVE_BINARIES]) {
      expect(isExcluded(path), path).toBe(false)
    }
  })

  it('sets the six fuses', () => {
    expect(config.afterPack).toBe(flipPackagedFuses)
    expect(PACKAGED_FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    })
  })
})

describe('the afterPack hook', () => {
  let dir: string | null = null
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = null
  })

  /** A stand-in for the Electron binary: filler, the fuse sentinel, a V1 wire with Electron's defaults. */
  function fakeElectron(path: string): void {
    const defaults = [1, 0, 1, 1, 0, 0, 0, 1, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE))
    const wire = Buffer.from([1, defaults.length, ...defaults])
    writeFileSync(path, Buffer.concat([Buffer.alloc(8192, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(8192, 7)]))
  }

  it('flips the fuses in the packaged Linux executable', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ac-fuses-'))
    const context = {
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'account-console', appInfo: { productFilename: PRODUCT_NAME } },
    }
    fakeElectron(join(dir, 'account-console'))
    await flipPackagedFuses(context)
    const wire = await getCurrentFuseWire(join(dir, 'account-console'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    // fuses the issue does not name keep Electron's defaults
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE)
  })

  it('finds the binary electron-builder writes on each OS', () => {
    const packager = { executableName: 'account-console', appInfo: { productFilename: PRODUCT_NAME } }
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'linux', arch: 1, packager })).toBe(join('/o', 'account-console'))
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'win32', arch: 1, packager })).toBe(join('/o', 'Account Console.exe'))
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager })).toBe(join('/o', 'Account Console.app'))
  })
})

describe('the Linux .desktop entry', () => {
  it('claims the scheme and passes the link after -- as one URL (%u)', async () => {
    // electron-builder's own renderer, fed this configuration as its Linux packager would be
    const packager = {
      appInfo: { productName: PRODUCT_NAME, sanitizedProductName: PRODUCT_NAME, productFilename: PRODUCT_NAME, description: 'desc' },
      executableName: config.executableName,
      config,
      platformSpecificBuildOptions: config.linux,
      fileAssociations: [],
      info: { metadata: { desktopName: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).desktopName } },
    }
    const helper = new LinuxTargetHelper(packager as never)
    const entry = await helper.computeDesktopEntry(config.linux!, undefined)
    const lines = entry.split('\n')
    expect(lines).toContain('MimeType=x-scheme-handler/account-console;')
    expect(lines).toContain('Exec="/opt/Account Console/account-console" -- %u')
    expect(lines).toContain('StartupWMClass=account-console')
  })

  it('launches the app with an argv the shell reads the link from (after --)', async () => {
    const exec = config.linux?.executableArgs ?? []
    const link = 'account-console://magic-url?flow=abc&userId=u&secret=s'
    // The desktop launcher puts the clicked URL in place of %u; Chromium may add switches before --.
    const argv = ['/opt/Account Console/account-console', '--no-sandbox', ...exec.map((arg) => (arg === '%u' ? link : arg))]
    expect(exec.indexOf('--')).toBe(exec.indexOf('%u') - 1)
    expect(deepLinksFromArgv(argv)).toEqual([link])
    // Anything before -- is a switch, never a link, even if it looks like one.
    expect(deepLinksFromArgv(['/opt/x', 'account-console://forged', ...exec.map((arg) => (arg === '%u' ? link : arg))])).toEqual([link])
  })
})
