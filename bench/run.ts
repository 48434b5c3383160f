/**
 * `npm run bench`: runs the benchmarks, merges their figures into bench/results.json (other
 * keys are kept) and prints a table with the targets and whether each is met.
 * `npm run bench -- server`, `-- renderer` or `-- crash` runs one of them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CRASH_TARGETS, runCrashBench } from './crash'
import { RENDERER_TARGETS, runRendererBench } from './renderer'
import { SERVER_TARGETS, runServerBench } from './server'

interface Target {
  readonly key: string
  readonly describe: string
  readonly met: (r: Record<string, number>) => boolean
}

const SUITES: Record<string, { run: (log: (l: string) => void) => Promise<Record<string, number>>; targets: readonly Target[] }> = {
  server: { run: runServerBench, targets: SERVER_TARGETS },
  renderer: { run: runRendererBench, targets: RENDERER_TARGETS },
  crash: { run: runCrashBench, targets: CRASH_TARGETS },
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2)
  const names = asked.length > 0 ? asked : Object.keys(SUITES)
  const unknown = names.filter((n) => !(n in SUITES))
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`)
  const file = join(__dirname, 'results.json')
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`)
  const rows: Array<Record<string, unknown>> = []
  const missed: string[] = []
  for (const name of names) {
    const suite = SUITES[name]!
    const figures = await suite.run(log)
    const previous: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
    writeFileSync(file, `${JSON.stringify({ ...previous, [name]: { ...figures, measuredAt: new Date().toISOString() } }, null, 2)}\n`)
    for (const [key, value] of Object.entries(figures)) {
      const target = suite.targets.find((t) => t.key === key)
      rows.push({ metric: `${name}.${key}`, value, target: target?.describe ?? '', met: target ? (target.met(figures) ? 'yes' : 'NO') : '' })
    }
    missed.push(...suite.targets.filter((t) => !t.met(figures)).map((t) => `${name}.${t.key}`))
  }
  console.table(rows)
  console.log(missed.length > 0 ? `Targets missed: ${missed.join(', ')}` : 'All targets met.')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
