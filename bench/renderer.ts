/**
 * Renderer benchmark (issue 5): how quickly the console's first screen becomes usable, how much
 * script it needs for that, and whether a 10,000-entry activity log scrolls without jank.
 *
 * 1. Builds the console (electron-vite, as the e2e journeys do) and an empty Vue app with the same
 *    renderer pipeline (bench/fixtures/empty-vue).
 * 2. Measures in the harness — the built renderer in Chromium (Playwright), the real core and
 *    sandbox — in a child process (test/e2e/bench/renderer-measure.ts), so the browser work does
 *    not share an event loop with whatever else `npm run bench` runs.
 *
 * Figures (targets in RENDERER_TARGETS):
 * - signInRouteJsGzipKb: JavaScript loaded before the sign-in screen is interactive, gzipped
 * - emptyVueReadyMs / signInReadyMs: navigation to interactive, median of several loads, same run
 * - logs10kLongTasks: long tasks (> 50 ms) while scrolling 10,000 log entries in Activity
 *   (also logs10kLongestTaskMs and logs10kRows, for reading the first one)
 * - heapGrowthAfter100NavMb: JS heap growth, after GC, over 100 rounds of every account screen
 *   (a long-running window, issue 13 item 5; also heapBeforeNavMb and heapAfterNavMb)
 *
 * `tsx bench/renderer.ts` runs it alone and prints the figures; `npm run bench` merges them into
 * bench/results.json under `renderer`, and `npm run bench -- renderer` runs only this part.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { EMPTY_VUE_OUT_DIR } from './fixtures/empty-vue/electron.vite.config'

const ROOT = join(__dirname, '..')

export interface RendererTarget {
  readonly key: string
  readonly describe: string
  readonly met: (r: Record<string, number>) => boolean
}

export const RENDERER_TARGETS: readonly RendererTarget[] = [
  { key: 'signInRouteJsGzipKb', describe: '≤ 300 kB', met: (r) => (r['signInRouteJsGzipKb'] ?? Infinity) <= 300 },
  { key: 'signInReadyMs', describe: '≤ 2 × emptyVueReadyMs', met: (r) => (r['signInReadyMs'] ?? Infinity) <= 2 * (r['emptyVueReadyMs'] ?? 0) },
  { key: 'logs10kLongTasks', describe: '≤ 1', met: (r) => (r['logs10kLongTasks'] ?? Infinity) <= 1 },
  { key: 'heapGrowthAfter100NavMb', describe: '< 5', met: (r) => (r['heapGrowthAfter100NavMb'] ?? Infinity) < 5 },
]

function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; capture?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'],
    })
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

export async function runRendererBench(log: (line: string) => void = (line) => process.stderr.write(`bench: ${line}\n`)): Promise<Record<string, number>> {
  log('building the console renderer (electron-vite)…')
  await run(npx, ['electron-vite', 'build', '--logLevel', 'warn'])
  log('building the empty Vue baseline…')
  await run(npx, ['electron-vite', 'build', '--config', 'bench/fixtures/empty-vue/electron.vite.config.ts', '--logLevel', 'error', '--ignoreConfigWarning'])
  log('measuring in Chromium (harness)…')
  const out = await run(process.execPath, ['--import', 'tsx', 'test/e2e/bench/renderer-measure.ts'], {
    env: { EMPTY_VUE_DIR: EMPTY_VUE_OUT_DIR },
    capture: true,
  })
  const line = out.trim().split('\n').at(-1) ?? ''
  const figures = JSON.parse(line) as Record<string, number>
  for (const [key, value] of Object.entries(figures)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`renderer bench: ${key} is not a number (${String(value)})`)
  }
  return figures
}

if (require.main === module) {
  runRendererBench()
    .then((figures) => {
      console.table(
        Object.entries(figures).map(([key, value]) => {
          const target = RENDERER_TARGETS.find((t) => t.key === key)
          return { metric: `renderer.${key}`, value, target: target?.describe ?? '', met: target ? (target.met(figures) ? 'yes' : 'NO') : '' }
        }),
      )
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
