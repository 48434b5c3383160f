#!/usr/bin/env node
// `npm run package`: builds the installers for this OS (Linux: deb + AppImage, macOS: dmg + zip,
// Windows: nsis) from electron-builder.config.ts.
//
// electron-builder needs the Electron zip for this OS (electron-v<version>-<os>-<arch>.zip). Before
// building anything this script finds it: `--electron-dist <zip or folder>`, then the caches
// (ELECTRON_CACHE, npm's electron_config_cache, @electron/get's default cache), then the download
// site (ELECTRON_MIRROR or GitHub). When none of them has it, it stops with one sentence that
// says so and how to point it at a local copy; every other failure is also reported in one line,
// never as a stack trace.
//
//   npm run package                                  installers for this OS
//   npm run package -- --dir                         only the unpacked app (dist/<os>-unpacked)
//   npm run package -- --electron-dist <zip|folder>  use this Electron instead of downloading it
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

const ELECTRON_VERSION = JSON.parse(readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')).version
const ZIP = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

function stop(sentence) {
  console.error(sentence)
  process.exit(1)
}

function parseArgs(argv) {
  const options = { electronDist: null, dirOnly: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dir') options.dirOnly = true
    else if (arg === '--electron-dist') options.electronDist = argv[++i] ?? stop('npm run package: --electron-dist needs a path to an Electron zip or folder.')
    else if (arg.startsWith('--electron-dist=')) options.electronDist = arg.slice('--electron-dist='.length)
    else stop(`npm run package: unknown option ${arg} (known: --dir, --electron-dist <zip or folder>).`)
  }
  return options
}

/** npm passes `electron_config_cache` from .npmrc as npm_config_electron_config_cache; any casing. */
function env(name) {
  const wanted = [name.toLowerCase(), `npm_config_${name.toLowerCase()}`]
  for (const [key, value] of Object.entries(process.env)) if (value && wanted.includes(key.toLowerCase())) return value
  return null
}

function defaultElectronCache() {
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Caches', 'electron')
    case 'win32':
      return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
    default:
      return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron')
  }
}

/** @electron/get keeps `<cache>/<hash of the download folder>/<zip>`; a hand-made cache may be flat. */
function zipInCache(root) {
  if (!root || !existsSync(root)) return null
  if (existsSync(join(root, ZIP))) return join(root, ZIP)
  for (const entry of readdirSync(root)) {
    const candidate = join(root, entry, ZIP)
    if (existsSync(candidate)) return candidate
  }
  return null
}

async function downloadProblem() {
  const mirror = env('ELECTRON_MIRROR') ?? DEFAULT_MIRROR
  const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}v${ELECTRON_VERSION}/${ZIP}`
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10_000) })
    return response.ok ? null : `${new URL(url).host} answered ${response.status} for it`
  } catch (error) {
    const cause = error?.cause?.code ?? error?.name ?? 'no answer'
    return `${new URL(url).host} cannot be reached (${cause})`
  }
}

async function findElectron(options) {
  if (options.electronDist) {
    const path = resolve(options.electronDist)
    if (!existsSync(path))
      stop(`npm run package stopped: --electron-dist points at ${path}, which does not exist; give the path of ${ZIP} or of a folder that holds it.`)
    return statSync(path).isDirectory() && existsSync(join(path, ZIP)) ? join(path, ZIP) : path
  }
  for (const root of [env('ELECTRON_CACHE'), env('electron_config_cache'), defaultElectronCache()]) {
    const zip = zipInCache(root)
    if (zip) return zip
  }
  const problem = await downloadProblem()
  if (problem) {
    stop(
      `npm run package stopped: Electron ${ELECTRON_VERSION} (${ZIP}) is not in any local cache and cannot be downloaded (${problem}); ` +
        `download it on a machine with network access and run \`npm run package -- --electron-dist <path to the zip or its folder>\` ` +
        `(electron-builder's electronDist), or put it in a cache named by ELECTRON_CACHE or npm's electron_config_cache.`,
    )
  }
  return null // electron-builder downloads it
}

function targetsFor(platform, dirOnly) {
  if (dirOnly) return ['dir']
  switch (platform) {
    case 'linux':
      return ['deb', 'AppImage']
    case 'darwin':
      return ['dmg', 'zip']
    case 'win32':
      return ['nsis']
    default:
      return stop(`npm run package: there are no installers for ${platform}; build on Linux, macOS or Windows.`)
  }
}

const options = parseArgs(process.argv.slice(2))
const targets = targetsFor(process.platform, options.dirOnly)
const electronDist = await findElectron(options)

const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
if (built.status !== 0) stop('npm run package stopped: the app did not build (electron-vite build failed; its errors are above).')

const { build, Platform } = await import('electron-builder')
const platform = { linux: Platform.LINUX, darwin: Platform.MAC, win32: Platform.WINDOWS }[process.platform]
try {
  const artifacts = await build({
    targets: platform.createTarget(targets),
    config: { extends: './electron-builder.config.ts', ...(electronDist ? { electronDist } : {}) },
  })
  const made = artifacts.length > 0 ? artifacts : ['dist/ (unpacked app only)']
  console.log(`Built:\n${made.map((file) => `  ${file}`).join('\n')}`)
} catch (error) {
  const first = String(error instanceof Error ? error.message : error).split('\n')[0]
  stop(`npm run package stopped: ${first}`)
}
