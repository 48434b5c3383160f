#!/usr/bin/env node
// `npm start`: build, then run the app with Electron. Without an Electron binary it says why in one
// sentence, names what works instead, and exits non-zero, before building anything.
import { spawnSync } from 'node:child_process'
import { findElectronBinary } from './electron-binary.mjs'

// AC_ELECTRON_PACKAGE_DIR lets the tests point at an electron package without a binary.
const { path, why } = findElectronBinary(process.env.AC_ELECTRON_PACKAGE_DIR)
if (!path) {
  console.error(
    `Account Console cannot start because ${why}; everything else works without it: \`npm test\` runs the app's journeys in the Chromium harness and \`npm run server\` runs the local sandbox.`,
  )
  process.exit(1)
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit' })
  if (result.error) {
    console.error(`Account Console could not run ${cmd}: ${result.error.message}`)
    process.exit(1)
  }
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('npx', ['electron-vite', 'build'])
run(path, ['.', ...process.argv.slice(2)])
