/**
 * A full garbage collection in a child process, on demand, for memory figures that compare like
 * with like. V8 collects its old generation lazily: between two full collections a server's heap
 * holds garbage that grows and falls by tens of MB, so two RSS samples taken at arbitrary moments
 * differ by where each fell in that cycle, not by what the process keeps.
 *
 * The child must be started with `--inspect-port=127.0.0.1:0`: nothing listens until `attach`
 * sends SIGUSR1 (so earlier phases run without an inspector), then Node opens the inspector on a
 * free loopback port and prints its WebSocket address on stderr, which the caller passes in here.
 */
import type { ChildProcess } from 'node:child_process'
import { WebSocket } from 'ws'

export interface Inspector {
  /** A full, precise collection (HeapProfiler.collectGarbage); resolves when it has finished. */
  collectGarbage(): Promise<void>
  close(): void
}

const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/

/** Activate the child's inspector and connect to it; `waitForLine` resolves with the first match in the child's stderr. */
export async function attachInspector(child: ChildProcess, waitForLine: (pattern: RegExp) => Promise<string>): Promise<Inspector> {
  const line = waitForLine(INSPECTOR_LINE)
  child.kill('SIGUSR1')
  // A bounded wait: a child started without --inspect-port, or one that died, never prints it.
  let timer: NodeJS.Timeout | undefined
  const address = await Promise.race([
    line,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the child did not open its inspector within 10 s (started with --inspect-port?)')), 10_000)
    }),
  ]).finally(() => clearTimeout(timer))
  const socket = new WebSocket(address)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let nextId = 1
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; error?: { message: string } }
    const waiter = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiter || message.id === undefined) return
    pending.delete(message.id)
    if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`))
    else waiter.resolve()
  })
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('inspector: connection closed'))
    pending.clear()
  })
  const call = (method: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      socket.send(JSON.stringify({ id, method }))
    })
  return {
    collectGarbage: () => call('HeapProfiler.collectGarbage'),
    close: () => socket.close(),
  }
}
