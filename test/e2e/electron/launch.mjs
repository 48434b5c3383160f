// Runs the e2e specs against the real Electron app with Playwright's `_electron`, when an Electron
// binary exists. On machines where it cannot be downloaded (like our CI), says why and skips.
import { existsSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { path: null, why: 'the electron package is not installed' }
  }
  // Reading path.txt instead of require('electron'): from Electron 42 on, require('electron')
  // starts a download when the binary is missing, which cannot succeed here.
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) return { path: null, why: `no Electron binary in ${join(pkgDir, 'dist')} (it is downloaded from GitHub, which this machine cannot reach)` }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, why: `the Electron binary ${binary} is missing` }
  return { path: binary, why: '' }
}

const { path, why } = electronBinary()
if (!path) {
  console.log(`Electron e2e skipped: ${why}. The same specs ran in the Chromium harness.`)
  process.exit(0)
}
const run = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, AC_E2E_TARGET: 'electron' },
})
process.exit(run.status ?? 1)
