/**
 * `npm run package` on a machine that cannot download Electron (like CI): it must stop before
 * building anything, with one sentence that says why and how to point it at a local Electron.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT } from './package-files'

let home: string | null = null
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true })
  home = null
})

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function runPackage(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/electron_(cache|mirror|config_cache)/i.test(key)))
    const child = spawn(process.execPath, ['scripts/package.mjs', ...args], { cwd: ROOT, env: { ...clean, ...env } })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('npm run package without the Electron download', () => {
  it('stops with one sentence naming the zip and the ways to supply it, and no stack trace', async () => {
    home = mkdtempSync(join(tmpdir(), 'ac-package-'))
    const { code, output } = await runPackage([], {
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      ELECTRON_CACHE: join(home, 'empty-cache'),
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
    })
    expect(code).toBe(1)
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(1)
    const [sentence] = lines
    expect(sentence).toMatch(
      /^npm run package stopped: Electron \d+\.\d+\.\d+ \(electron-v[\d.]+-[a-z0-9]+-[a-z0-9]+\.zip\) is not in any local cache and cannot be downloaded/,
    )
    expect(sentence).toContain('127.0.0.1')
    expect(sentence).toContain('--electron-dist')
    expect(sentence).toContain('electronDist')
    expect(sentence).toContain('ELECTRON_CACHE')
    expect(sentence).toContain('electron_config_cache')
    expect(output).not.toMatch(/^\s+at /m)
  })

  it('says plainly when --electron-dist points at nothing', async () => {
    const { code, output } = await runPackage(['--electron-dist', '/nonexistent/electron.zip'], {})
    expect(code).toBe(1)
    expect(output.trim()).toMatch(
      /^npm run package stopped: --electron-dist points at \/nonexistent\/electron\.zip, which does not exist; give the path of electron-v.*\.zip or of a folder that holds it\.$/,
    )
  })

  it('refuses an unknown option in one line', async () => {
    const { code, output } = await runPackage(['--publish'], {})
    expect(code).toBe(1)
    expect(output.trim()).toBe('npm run package: unknown option --publish (known: --dir, --electron-dist <zip or folder>).')
  })
})
