/**
 * Assembles the app's real asar with @electron/asar from the built `out/` and the production
 * node_modules (as electron-builder would, with the configuration's exclusions and unpack rules)
 * and checks what is in it, what is unpacked, that the natives load from the unpacked copy, and
 * the size budget. Builds with electron-vite first when `out/` is missing.
 */
import { createPackageFromFiles, listPackage, statFile } from '@electron/asar'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNPACKED_FILES } from '../../../electron-builder.config'
import { packageFiles, productionDependencyDirs, ROOT } from './package-files'

const BUDGET_BYTES = 60 * 1024 * 1024
const NATIVES = {
  keytar: 'node_modules/keytar/build/Release/keytar.node',
  libsql: `node_modules/@libsql/${process.platform}-${process.arch}-gnu/index.node`,
  argon2: `node_modules/@node-rs/argon2-${process.platform}-${process.arch}-gnu/argon2.${process.platform}-${process.arch}-gnu.node`,
} as const

let work: string
let archive: string
let entries: string[]

function folderSize(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size
  }
  return total
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
  work = mkdtempSync(join(tmpdir(), 'ac-asar-'))
  archive = join(work, 'app.asar')
  const files = packageFiles().map((file) => join(ROOT, file))
  await createPackageFromFiles(ROOT, archive, files, {}, { unpack: UNPACKED_FILES.length === 1 ? UNPACKED_FILES[0] : `{${UNPACKED_FILES.join(',')}}` })
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'))
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packaged asar', () => {
  it('holds the built main, preload and renderer', () => {
    expect(entries).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']))
    expect(entries.some((e) => /^\/out\/renderer\/assets\/index-[^/]+\.js$/.test(e))).toBe(true)
  })

  it('holds no sources, tests, source maps or dev dependencies', () => {
    expect(entries.filter((e) => /^\/(src-[a-z]+|test|scripts|bench|docs|build)\//.test(e))).toEqual([])
    expect(entries.filter((e) => /\.(map|tsx?|mts|cts)$/.test(e))).toEqual([])
    expect(entries.filter((e) => /\/(test|tests|__tests__)\//.test(e))).toEqual([])
    for (const dev of ['electron', 'vitest', 'vue', 'vite', 'electron-builder', 'tsx', '@playwright/test', 'typescript']) {
      expect(
        entries.some((e) => e.startsWith(`/node_modules/${dev}/`)),
        dev,
      ).toBe(false)
    }
  })

  it('runs the sandbox from the built main bundle: it is in there, and nothing loads tsx', () => {
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8')
    expect(main).toMatch(/journal_mode\s*=\s*WAL/i) // the sandbox's SQLite set-up, bundled into main
    expect(main).not.toMatch(/require\(["']tsx|import\(["']tsx|["']tsx\/(cjs|esm)/)
    expect(main).not.toMatch(/(?:require|import)\(["'][^"']*src-server/)
  })

  it('packages every module the main bundle loads at run time', () => {
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8')
    const loaded = new Set([...main.matchAll(/(?:require|import)\(["']([^"'.][^"']*)["']\)/g)].map((m) => m[1]!))
    const bare = [...loaded].filter((name) => !name.startsWith('node:') && name !== 'electron')
    expect(bare).toEqual(expect.arrayContaining(['keytar', 'libsql', '@node-rs/argon2']))
    const packaged = new Set(productionDependencyDirs())
    for (const name of bare) expect(packaged.has(`node_modules/${name}`), name).toBe(true)
  })

  it('unpacks the three native modules, and each loads from the unpacked copy', () => {
    const unpacked = `${archive}.unpacked`
    for (const [name, path] of Object.entries(NATIVES)) {
      expect(statFile(archive, path, false), name).toMatchObject({ unpacked: true })
      expect(existsSync(join(unpacked, path)), name).toBe(true)
    }
    const load = createRequire(join(unpacked, 'package.json'))
    expect(typeof (load(join(unpacked, NATIVES.keytar)) as { getPassword?: unknown }).getPassword).toBe('function')
    expect(typeof (load(join(unpacked, NATIVES.argon2)) as { hash?: unknown }).hash).toBe('function')
    expect(Object.keys(load(join(unpacked, NATIVES.libsql)) as object)).toContain('databaseOpen')
  })

  it('stays under the size budget', () => {
    const size = statSync(archive).size + folderSize(`${archive}.unpacked`)
    console.log(`packaged app (asar + unpacked natives): ${(size / 1024 / 1024).toFixed(1)} MB of ${BUDGET_BYTES / 1024 / 1024} MB`)
    expect(size).toBeLessThan(BUDGET_BYTES)
  })
})
