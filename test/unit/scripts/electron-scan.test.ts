import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const script = resolve(__dirname, '../../../scripts/electron-scan.mjs')

describe('npm run lint:electron (scripts/electron-scan.mjs)', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'electron-scan-test-'))
    await writeFile(
      join(dir, 'window.js'),
      "const { BrowserWindow } = require('electron')\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } })\n",
    )
    await writeFile(
      join(dir, 'links.js'),
      "const { shell } = require('electron')\n// checked by an allow-list first\nshell.openExternal(process.argv[2]) /* eng-disable OPEN_EXTERNAL_JS_CHECK */\n",
    )
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fails on every finding, names each with its place, and skips only what is acknowledged inline', async () => {
    const outcome = await run(process.execPath, [script, '--input', dir]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    )
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(/CONTEXT_ISOLATION_JS_CHECK \(\w+\) window\.js:2/)
    expect(outcome.stderr).toMatch(/SANDBOX_JS_CHECK \(\w+\) window\.js:2/)
    expect(outcome.stderr).not.toContain('links.js')
  }, 120_000)
})
