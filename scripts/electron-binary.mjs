// Where the Electron binary is, or why there is none. Shared by `npm start` and the `_electron`
// e2e launcher, so both say the same thing on a machine without one.
// Reads the electron package's path.txt instead of require('electron'): from Electron 42 on,
// require('electron') starts a download when the binary is missing, which cannot succeed offline.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * @param {string} [electronPackageDir] the electron package's folder; by default the one Node resolves
 * @returns {{ path: string | null, why: string }}
 */
export function findElectronBinary(electronPackageDir) {
  let pkgDir = electronPackageDir
  if (!pkgDir) {
    try {
      pkgDir = dirname(require.resolve('electron/package.json'))
    } catch {
      return { path: null, why: 'the electron package is not installed (run ./scripts/setup.sh)' }
    }
  }
  const shown = relative(process.cwd(), join(pkgDir, 'dist')) || join(pkgDir, 'dist')
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      path: null,
      why: `there is no Electron binary in ${shown} (the electron package downloads it from GitHub at install time, and that download did not happen here)`,
    }
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, why: `the Electron binary ${binary} is missing` }
  return { path: binary, why: '' }
}
