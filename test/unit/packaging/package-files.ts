/**
 * What electron-builder puts in the app's asar, computed the way it does: `out/` and package.json,
 * plus every production dependency (npm's own answer: `npm ls --omit=dev --parseable --all`),
 * minus the configuration's exclusions. Used to assemble the real asar with @electron/asar.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { minimatch } from 'minimatch'
import { EXCLUDED_FILES } from '../../../electron-builder.config'

export const ROOT = join(__dirname, '..', '..', '..')

let dependencyDirs: string[] | null = null

/** Folders of the production dependencies, relative to the root (node_modules/…). */
export function productionDependencyDirs(): string[] {
  dependencyDirs ??= listProductionDependencies()
  return dependencyDirs
}

function listProductionDependencies(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: ROOT, encoding: 'utf8' })
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && line !== ROOT)
    .map((dir) => relative(ROOT, dir).split(sep).join('/'))
}

export function isExcluded(path: string): boolean {
  return EXCLUDED_FILES.some((pattern) => minimatch(path, pattern, { dot: true }))
}

function walk(dir: string, into: string[]): void {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    // A dependency's own node_modules holds nested dependencies, which npm ls lists separately.
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.bin') walk(path, into)
    else if (entry.isFile() && !isExcluded(path)) into.push(path)
  }
}

/** Every file of the package, relative to the root, with '/' separators. */
export function packageFiles(): string[] {
  const files = ['package.json']
  walk('out', files)
  for (const dir of productionDependencyDirs()) walk(dir, files)
  return files
}
