/**
 * The keychain as used after the start-up probe succeeded (issue 13 item 4). The keychain can
 * still fail later: the collection is locked, or the Secret Service daemon goes away mid-run.
 * A failure must never sign anybody out or lose a sign-in, so:
 *
 * - every value read or written is also held in memory (main process only, like the keychain
 *   itself), and reads fall back to it when the keychain throws;
 * - a write or delete the keychain refused is remembered as pending and retried — on the next
 *   keychain call and every `retryMs` while any is pending — until the keychain takes it;
 * - while something is pending, `status()` says `memory` with the reason (the window's banner),
 *   and `onChange` fires when that starts and when the keychain is back.
 */
import type { KeychainStatus } from '../../../src-shared/ipc'
import { explainKeychainFailure } from './probe'
import type { SecretStore } from './secret-store'

type Pending = { readonly op: 'set'; readonly value: string } | { readonly op: 'delete' }

export class ResilientSecretStore implements SecretStore {
  readonly kind = 'keychain' as const
  readonly #known = new Map<string, string>()
  readonly #pending = new Map<string, Pending>()
  #failure: string | null = null
  #timer: ReturnType<typeof setInterval> | null = null
  #flushing: Promise<void> | null = null

  constructor(
    private readonly keychain: SecretStore,
    private readonly onChange: (status: KeychainStatus) => void,
    private readonly log: (line: string) => void,
    private readonly retryMs = 30_000,
  ) {}

  /** `keychain` when everything is written there; `memory` with the reason while it is not. */
  status(): KeychainStatus {
    return this.#failure === null ? { kind: 'keychain', reason: '' } : { kind: 'memory', reason: this.#failure, retrying: true }
  }

  async get(key: string): Promise<string | null> {
    await this.flush()
    const pending = this.#pending.get(key)
    if (pending) return pending.op === 'set' ? pending.value : null
    try {
      const value = await this.keychain.get(key)
      if (value === null) this.#known.delete(key)
      else this.#known.set(key, value)
      if (this.#pending.size === 0) this.#recovered()
      return value
    } catch (error) {
      // Locked or gone: what we saw last is still the session; keep using it. Never seen: the
      // error goes up, so the caller keeps the sign-in (an answer of "nothing" would end it).
      this.#failed('read', error)
      const known = this.#known.get(key)
      if (known === undefined) throw error
      return known
    }
  }

  async set(key: string, value: string): Promise<void> {
    this.#known.set(key, value)
    this.#pending.set(key, { op: 'set', value })
    await this.flush()
  }

  async delete(key: string): Promise<boolean> {
    const had = this.#known.delete(key) || this.#pending.get(key)?.op === 'set'
    this.#pending.set(key, { op: 'delete' })
    await this.flush()
    return had
  }

  /** Tries every pending write and delete once; resolves when the attempt is over (never throws). */
  flush(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve()
    this.#flushing ??= this.#flushOnce().finally(() => (this.#flushing = null))
    return this.#flushing
  }

  /** Stops the retry timer (app quitting). */
  dispose(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  async #flushOnce(): Promise<void> {
    for (const [key, pending] of [...this.#pending]) {
      try {
        if (pending.op === 'set') await this.keychain.set(key, pending.value)
        else await this.keychain.delete(key)
        // A newer call for the same key may have queued meanwhile; only clear what we wrote.
        if (this.#pending.get(key) === pending) this.#pending.delete(key)
      } catch (error) {
        this.#failed(pending.op === 'set' ? 'write' : 'delete', error)
        return
      }
    }
    if (this.#pending.size === 0) this.#recovered()
  }

  #failed(what: 'read' | 'write' | 'delete', error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.log(`keychain ${what} failed: ${message}`)
    if (what !== 'read' && !this.#timer) {
      this.#timer = setInterval(() => void this.flush(), this.retryMs)
      this.#timer.unref?.()
    }
    if (this.#failure !== null) return
    this.#failure = `${explainKeychainFailure(error)} Your session is kept in memory for now and will be saved to the keychain as soon as it answers again.`
    this.onChange(this.status())
  }

  #recovered(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    if (this.#failure === null) return
    this.#failure = null
    this.log('keychain answers again; pending sessions written')
    this.onChange(this.status())
  }
}
