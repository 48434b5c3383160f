/**
 * Small JSON files in the app's data folder (saved profiles, pending sign-ins). Writes are
 * serialized and atomic (temp file + rename, mode 0600), so a crash never leaves half a file and
 * no other user can read it; a file that cannot be read is set aside (renamed, never deleted), so
 * nothing the user had is lost.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './data-folder'

export type JsonFileRead<T> =
  { readonly kind: 'missing' } | { readonly kind: 'read'; readonly value: T } | { readonly kind: 'set-aside'; readonly aside: string }

/** Reads and parses `file`; `parse` throws on anything it does not accept. */
export async function readJsonFile<T>(file: string, parse: (text: string) => T): Promise<JsonFileRead<T>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    return setAside(file)
  }
  try {
    return { kind: 'read', value: parse(text) }
  } catch {
    return setAside(file)
  }
}

async function setAside(file: string): Promise<JsonFileRead<never>> {
  const aside = `${file}.unreadable-${Date.now()}`
  await rename(file, aside).catch(() => undefined)
  return { kind: 'set-aside', aside }
}

export class JsonFileWriter {
  #writing: Promise<void> = Promise.resolve()

  constructor(readonly file: string) {}

  /** Queues a write of `value` as it is now; a failed write does not stop the ones after it. */
  write(value: unknown): Promise<void> {
    const snapshot = JSON.stringify(value, null, 2)
    const next = this.#writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true, mode: PRIVATE_FOLDER_MODE })
        const tmp = `${this.file}.tmp`
        await writeFile(tmp, snapshot, { mode: PRIVATE_FILE_MODE })
        await rename(tmp, this.file)
      })
    this.#writing = next
    return next
  }

  /** Resolves once every queued write has ended (successfully or not). */
  flushed(): Promise<void> {
    return this.#writing.catch(() => undefined)
  }
}
