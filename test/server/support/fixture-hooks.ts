/**
 * Test support: something a test file or `describe` block starts before its first test and stops
 * after its last (a sandbox, an SMTP sink). The returned function gives it to tests while it runs.
 */
import { afterAll, beforeAll } from 'vitest'

export function hookedFixture<T>(what: string, start: () => Promise<T>, stop: (running: T) => Promise<void>): () => T {
  let started: T | undefined
  beforeAll(async () => {
    started = await start()
  })
  afterAll(async () => {
    if (started !== undefined) await stop(started)
  })
  return () => {
    if (started === undefined) throw new Error(`the ${what} is used before its beforeAll ran`)
    return started
  }
}
