import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../../scripts/electron-binary.mjs'

const dirs: string[] = []
function electronPackage(withPathTxt: boolean, withBinary: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'ac-electron-'))
  dirs.push(dir)
  if (withPathTxt) writeFileSync(join(dir, 'path.txt'), 'electron')
  if (withBinary) {
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), '')
  }
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('finding the Electron binary', () => {
  it('names the missing download when the package has no path.txt', () => {
    const found = findElectronBinary(electronPackage(false, false))
    expect(found.path).toBeNull()
    expect(found.why).toMatch(/no Electron binary in .*dist .*download did not happen/)
  })

  it('names the missing file when path.txt points at nothing', () => {
    const found = findElectronBinary(electronPackage(true, false))
    expect(found.path).toBeNull()
    expect(found.why).toMatch(/the Electron binary .*electron is missing/)
  })

  it('returns the binary when it is there', () => {
    const dir = electronPackage(true, true)
    expect(findElectronBinary(dir)).toEqual({ path: join(dir, 'dist', 'electron'), why: '' })
  })
})

describe('npm start without an Electron binary', () => {
  it('prints one sentence naming what works instead and exits non-zero, with no stack trace', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, AC_ELECTRON_PACKAGE_DIR: electronPackage(false, false) },
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Account Console cannot start because there is no Electron binary/)
    expect(lines[0]).toContain('npm test')
    expect(lines[0]).toContain('npm run server')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
