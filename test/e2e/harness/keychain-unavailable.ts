/**
 * A keychain that is really not there (issue #4 item 6), for the "keychain-unavailable" journey.
 *
 * keytar runs in a child process inside its own D-Bus session (`dbus-run-session`) whose bus
 * knows no service files at all — a desktop with no Secret Service provider (no gnome-keyring,
 * no KWallet), as on many KDE/Xfce/minimal systems. The harness talks to that keytar over stdio,
 * so when the app's start-up probe writes its canary, libsecret's real error comes back
 * ("The name org.freedesktop.secrets was not provided by any .service files") and core falls back
 * to memory with its real explanation. Nothing is faked in between.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { KEYCHAIN_SERVICE } from '../../../src-main/core/secrets/keytar-store'
import type { SecretStore } from '../../../src-main/core/secrets/secret-store'

const PROXY = resolve(__dirname, 'keytar-proxy.mjs')

/** A session bus that activates nothing: no `<servicedir>` with any service file in it. */
function busConfig(emptyServiceDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${tmpdir()}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${emptyServiceDir}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
}

export interface ChildKeychain {
  /** The SecretStore for `createCore` (via the harness's `openSecretStore`). */
  readonly store: SecretStore
  close(): Promise<void>
}

/** Starts keytar in a D-Bus session without a Secret Service; the store's calls fail for real. */
export async function keychainWithoutSecretService(): Promise<ChildKeychain> {
  const dir = await mkdtemp(join(tmpdir(), 'ac-no-secret-service-'))
  const services = join(dir, 'services')
  await writeFile(join(dir, 'session.conf'), busConfig(services))
  const child: ChildProcessWithoutNullStreams = spawn('dbus-run-session', [`--config-file=${join(dir, 'session.conf')}`, '--', process.execPath, PROXY], {
    cwd: resolve(__dirname, '../../..'),
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let nextId = 1
  let exited: Error | null = null
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady))
  createInterface({ input: child.stdout }).on('line', (line) => {
    let reply: { id: number; ok: boolean; value?: unknown; error?: string; ready?: boolean }
    try {
      reply = JSON.parse(line) as typeof reply
    } catch {
      return
    }
    if (reply.ready) return markReady()
    const pending = waiting.get(reply.id)
    if (!pending) return
    waiting.delete(reply.id)
    if (reply.ok) pending.resolve(reply.value)
    else pending.reject(new Error(reply.error ?? 'keytar failed'))
  })
  child.stderr.resume()
  child.on('exit', (code) => {
    exited = new Error(`the keychain process ended (${code ?? 'signal'})`)
    markReady()
    for (const pending of waiting.values()) pending.reject(exited)
    waiting.clear()
  })
  child.on('error', (error) => {
    exited = error
    markReady()
    for (const pending of waiting.values()) pending.reject(error)
    waiting.clear()
  })

  // Starting a bus and Node takes a while on a busy machine; the app's probe (5 s per step)
  // should meet libsecret's answer, not the start-up time.
  await Promise.race([
    ready,
    new Promise<never>((_, reject) => setTimeout(() => reject(exited ?? new Error('the keychain process did not start')), 30_000).unref()),
  ])

  const call = (op: 'get' | 'set' | 'delete', account: string, password?: string): Promise<unknown> =>
    new Promise((resolvePromise, reject) => {
      if (exited) return reject(exited)
      const id = nextId++
      waiting.set(id, { resolve: resolvePromise, reject })
      child.stdin.write(`${JSON.stringify({ id, op, service: KEYCHAIN_SERVICE, account, password })}\n`)
    })

  const store: SecretStore = {
    kind: 'keychain',
    get: async (key) => (await call('get', key)) as string | null,
    set: async (key, value) => {
      await call('set', key, value)
    },
    delete: async (key) => (await call('delete', key)) === true,
  }
  return {
    store,
    async close() {
      if (!exited) {
        child.stdin.end()
        await new Promise<void>((done) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL')
            done()
          }, 3000)
          child.once('exit', () => {
            clearTimeout(timer)
            done()
          })
        })
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}
