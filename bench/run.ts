/**
 * `npm run bench`: runs the benchmarks, merges their figures into bench/results.json (other
 * keys are kept) and prints a table with the targets and whether each is met.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SERVER_TARGETS, runServerBench } from './server'

async function main(): Promise<void> {
  const file = join(__dirname, 'results.json')
  const previous: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  const server = await runServerBench((line) => process.stderr.write(`bench: ${line}\n`))
  const merged = { ...previous, server: { ...server, measuredAt: new Date().toISOString() } }
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`)

  const rows = Object.entries(server).map(([key, value]) => {
    const target = SERVER_TARGETS.find((t) => t.key === key)
    return { metric: `server.${key}`, value, target: target?.describe ?? '', met: target ? (target.met(server) ? 'yes' : 'NO') : '' }
  })
  console.table(rows)
  const missed = SERVER_TARGETS.filter((t) => !t.met(server))
  if (missed.length > 0) console.log(`Targets missed: ${missed.map((t) => t.key).join(', ')}`)
  else console.log('All server targets met.')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
