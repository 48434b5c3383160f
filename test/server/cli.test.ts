/**
 * The standalone CLI: prints the listening line once it accepts requests, refuses bad flags with
 * exit code 2, and closes cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../src-server/cli'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'))
  dirs.push(dir)
  return dir
}

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, out: () => stdout, err: () => stderr }
}

async function waitFor(check: () => string | undefined, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('cli', () => {
  it('prints the listening line, serves requests and exits 0 on SIGTERM', async () => {
    const run = runCli(['--port', '0', '--data', tempDir(), '--project', 'cliproj', '--rate-limits', 'off', '--platform', 'app.example.com'])
    const line = await waitFor(() => /Local sandbox listening on (http:\/\/127\.0\.0\.1:\d+\/v1) \(project cliproj\)\n/.exec(run.out())?.[1])
    const response = await fetch(`${line}/account`, { headers: { 'X-Appwrite-Project': 'cliproj' } })
    expect(response.status).toBe(401)
    // The random dev key comes on its own line right after the unchanged listening line.
    const key = await waitFor(() => /\(project cliproj\)\nX-Sandbox-Dev-Key: (\S{16,})\n/.exec(run.out())?.[1])
    const withoutKey = await fetch(`${line}/dev/outbox`, { headers: { 'X-Appwrite-Project': 'cliproj' } })
    expect(withoutKey.status).toBe(401)
    const withKey = await fetch(`${line}/dev/outbox`, { headers: { 'X-Appwrite-Project': 'cliproj', 'X-Sandbox-Dev-Key': key } })
    expect(withKey.status).toBe(200)
    expect(withKey.headers.get('access-control-allow-origin')).toBeNull()
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it('exits 2 with a clear message on bad flags', async () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--rate-limits', 'maybe'], ['--smtp', 'nohostport'], ['--project', '_bad']]) {
      const run = runCli(args)
      expect(await run.exited).toBe(2)
      expect(run.err()).toMatch(/must|unknown option|needs a value/)
    }
  })

  it('exits 2 for an invalid config file', async () => {
    const dir = tempDir()
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify({ sessionLimit: 0 }))
    const run = runCli(['--port', '0', '--data', dir, '--config', file])
    expect(await run.exited).toBe(2)
    expect(run.err()).toContain('sessionLimit')
  })

  it('parses flags into options', () => {
    expect(
      parseArgs(['--port', '8787', '--data', 'd', '--platform', 'A.example.com', '--platform', 'myapp', '--rate-limits', 'off', '--smtp', '127.0.0.1:2525']),
    ).toMatchObject({
      port: 8787,
      dataDir: 'd',
      platforms: ['a.example.com', 'myapp'],
      rateLimits: false,
      smtp: '127.0.0.1:2525',
    })
    expect(() => parseArgs(['--oidc-client-id', 'x'])).toThrow(/go together/)
    expect(parseArgs([]).maxConnections).toBeUndefined()
    expect(parseArgs(['--max-connections', '1200']).maxConnections).toBe(1200)
    for (const bad of ['0', '-5', 'many', '1e3', '100001'])
      expect(() => parseArgs(['--max-connections', bad]), bad).toThrow(/--max-connections must be a number/)
  })

  it('gives dev routes a key, and keeps them off the network unless told loudly', () => {
    const generated = parseArgs([])
    expect(generated.devKeyGenerated).toBe(true)
    expect(generated.devKey?.length).toBeGreaterThanOrEqual(16)
    expect(parseArgs([]).devKey).not.toBe(generated.devKey)
    expect(parseArgs(['--dev-key', 'a-key-of-sixteen-chars'])).toMatchObject({ devKey: 'a-key-of-sixteen-chars', devKeyGenerated: false })
    expect(() => parseArgs(['--dev-key', 'short'])).toThrow(/at least 16/)
    expect(parseArgs(['--dev', 'off']).devKey).toBeUndefined()
    expect(() => parseArgs(['--host', '0.0.0.0'])).toThrow(/--dev off, or --dev-on-network/)
    expect(parseArgs(['--host', '0.0.0.0', '--dev', 'off']).devKey).toBeUndefined()
    expect(parseArgs(['--host', '0.0.0.0', '--dev-on-network'])).toMatchObject({ devOnNetwork: true })
    expect(() => parseArgs(['--host', '::1'])).not.toThrow()
  })
})
