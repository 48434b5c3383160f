// Runs the e2e specs against the real Electron app with Playwright's `_electron`, when an Electron
// binary exists. On machines where it cannot be downloaded (like our CI), says why and skips.
import { spawnSync } from 'node:child_process'
import { findElectronBinary } from '../../../scripts/electron-binary.mjs'

const { path, why } = findElectronBinary()
if (!path) {
  console.log(`Electron e2e skipped: ${why}. The same specs ran in the Chromium harness.`)
  process.exit(0)
}
const run = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, AC_E2E_TARGET: 'electron' },
})
process.exit(run.status ?? 1)
