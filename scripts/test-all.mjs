#!/usr/bin/env node
// Runs every suite, prints one line per suite and, last, `N passed, N failed` summing them all.
// Suites: unit (vitest), server (vitest, the sandbox via Appwrite's SDKs), e2e (Playwright in the
// Chromium harness with the real keychain), electron (the same specs under _electron, or the
// reason it cannot run here). Meant to run inside scripts/with-keyring.mjs (npm test does that).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { findElectronBinary } from './electron-binary.mjs'

mkdirSync('test-results', { recursive: true })
const suites = []

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env })
  return result.status ?? 1
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function vitestSuite(name) {
  const out = `test-results/${name}.json`
  rmSync(out, { force: true })
  const status = run('npx', ['vitest', 'run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile=${out}`])
  const report = readJson(out)
  const passed = report?.numPassedTests ?? 0
  // A suite that crashed before reporting counts as one failure, so it can never look green.
  const failed = report ? report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0) : 1
  suites.push({ name, passed, failed, skipped: report?.numPendingTests ?? 0 })
}

function e2eSuite() {
  const out = 'test-results/e2e-report.json'
  rmSync(out, { force: true })
  const build = run('npx', ['electron-vite', 'build'])
  if (build !== 0) {
    suites.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'renderer build failed' })
    return
  }
  const status = run('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts'])
  suites.push({ name: 'e2e', ...playwrightCounts(out, status) })
}

/** Counts from Playwright's JSON report; a run that crashed before reporting counts as one failure. */
function playwrightCounts(reportFile, status) {
  const stats = readJson(reportFile)?.stats
  const passed = stats ? stats.expected + stats.flaky : 0
  const failed = stats ? stats.unexpected + (status !== 0 && stats.unexpected === 0 ? 1 : 0) : 1
  return { passed, failed, skipped: stats?.skipped ?? 0 }
}

// The same specs under Playwright's _electron where an Electron binary exists. Where there is
// none, its summary line says plainly that it did not run, and why (README, "The Electron suite").
function electronSuite() {
  const { path, why } = findElectronBinary()
  if (!path) {
    suites.push({ name: 'electron', passed: 0, failed: 0, skipped: 0, note: `not run: ${why}; the same specs ran in the Chromium harness above` })
    return
  }
  const out = 'test-results/e2e-report.json'
  rmSync(out, { force: true })
  const status = run('node', ['test/e2e/electron/launch.mjs'])
  suites.push({ name: 'electron', ...playwrightCounts(out, status) })
}

vitestSuite('unit')
vitestSuite('server')
e2eSuite()
electronSuite()

console.log('\nSuite results')
for (const s of suites)
  console.log(`  ${s.name.padEnd(9)} ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}${s.note ? ` (${s.note})` : ''}`)
const passed = suites.reduce((n, s) => n + s.passed, 0)
const failed = suites.reduce((n, s) => n + s.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
