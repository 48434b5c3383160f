#!/usr/bin/env node
/**
 * `npm run lint:electron`: Doyensec's Electronegativity, a static scan for Electron security
 * anti-patterns, over the main process (src-main). Every finding fails the run. A finding that is
 * a false positive is acknowledged where it is, with the scanner's own inline comment
 * (`/* eng-disable CHECK_ID *\/`) and a comment line above saying why — never here.
 *
 * The scanner cannot ask GitHub which Electron version is current (no network on CI), so it is told
 * the version installed here (`-e`). Options: --input <dir or file> (default src-main).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const inputIndex = process.argv.indexOf('--input')
const input = inputIndex > 0 && process.argv[inputIndex + 1] ? resolve(process.argv[inputIndex + 1]) : join(root, 'src-main')
const cli = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js')
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version

if (!existsSync(cli)) {
  console.error('electron scan: @doyensec/electronegativity is not installed; run npm ci first.')
  process.exit(2)
}

const work = mkdtempSync(join(tmpdir(), 'electron-scan-'))
const report = join(work, 'scan.sarif')
try {
  const run = spawnSync(process.execPath, [cli, '--input', input, '--electron-version', electronVersion, '--relative', '--output', report], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`electron scan: the scanner did not finish (exit ${run.status}).\n${run.stderr || run.stdout}`)
    process.exit(2)
  }
  const sarif = JSON.parse(readFileSync(report, 'utf8'))
  const results = sarif.runs?.[0]?.results
  if (!Array.isArray(results)) {
    console.error('electron scan: the scanner wrote a report without results.')
    process.exit(2)
  }
  const scanned = /(\d+) files? (?:were )?(?:found|scanned)/i.exec(run.stdout)?.[1]
  if (results.length === 0) {
    console.log(
      `electron scan: 0 findings in ${input.startsWith(root) ? input.slice(root.length + 1) : input}${scanned ? ` (${scanned} files)` : ''}, Electron ${electronVersion}.`,
    )
    process.exit(0)
  }
  console.error(
    `electron scan: ${results.length} finding${results.length === 1 ? '' : 's'} (fix each, or acknowledge a false positive inline with eng-disable and a reason):`,
  )
  for (const result of results) {
    const where = result.locations?.[0]?.physicalLocation
    const file = where?.artifactLocation?.uri ?? '?'
    const line = where?.region?.startLine ?? 0
    console.error(`  ${result.ruleId} (${result.level}) ${file}:${line}: ${result.message?.text ?? ''}`)
  }
  process.exit(1)
} finally {
  rmSync(work, { recursive: true, force: true })
}
