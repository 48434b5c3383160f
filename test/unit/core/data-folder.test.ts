/**
 * File modes of the app's data folder (issue 10 item 7): only the owner may read the saved
 * profiles, pending sign-ins and the embedded sandbox's database — on a fresh start, and when an
 * earlier version (or Electron) left the folder 0755 and the files 0644.
 */
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JsonFileWriter } from '../../../src-main/core/storage/json-file'
import { CoreWorld, signUp } from './core-world'

async function mode(path: string): Promise<string> {
  return ((await stat(path)).mode & 0o777).toString(8)
}

let harness: CoreWorld | null = null
let scratch: string | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
  if (scratch) await rm(scratch, { recursive: true, force: true })
  scratch = null
})

describe('the app data folder', () => {
  it('is 0700 with the profiles, their last good copy and the sandbox database 0600 from the first start', async () => {
    harness = await CoreWorld.start()
    await signUp(harness)
    const dir = harness.dataDir
    expect(await mode(dir)).toBe('700')
    expect(await mode(join(dir, 'profiles.json'))).toBe('600')
    expect(await mode(join(dir, 'profiles.last-good.json'))).toBe('600')
    expect(await mode(join(dir, 'sandbox'))).toBe('700')
    expect(await mode(join(dir, 'sandbox', 'sandbox.db'))).toBe('600')
  })

  it('tightens a folder and files an earlier version left readable by others, on start', async () => {
    harness = await CoreWorld.start()
    const dir = harness.dataDir
    await harness.core.dispose()
    await writeFile(join(dir, 'pending-flows.json'), JSON.stringify({ version: 1, flows: [] }), { mode: 0o644 })
    await writeFile(join(dir, 'profiles.json.unreadable-1700000000000'), '{ half', { mode: 0o644 })
    await writeFile(join(dir, 'Preferences'), '{}', { mode: 0o644 }) // not ours (Chromium's): left alone
    for (const path of [dir, join(dir, 'sandbox')]) await chmod(path, 0o755)
    for (const name of ['profiles.json', 'profiles.last-good.json', 'pending-flows.json', join('sandbox', 'sandbox.db')]) await chmod(join(dir, name), 0o644)

    await harness.restart()

    expect(await mode(dir)).toBe('700')
    expect(await mode(join(dir, 'sandbox'))).toBe('700')
    for (const name of [
      'profiles.json',
      'profiles.last-good.json',
      'pending-flows.json',
      'profiles.json.unreadable-1700000000000',
      join('sandbox', 'sandbox.db'),
    ]) {
      expect({ name, mode: await mode(join(dir, name)) }).toEqual({ name, mode: '600' })
    }
    expect(await mode(join(dir, 'Preferences'))).toBe('644')
  })
})

describe('JsonFileWriter', () => {
  it('creates missing folders 0700 and the file 0600', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ac-modes-'))
    await mkdir(join(scratch, 'exists'), { mode: 0o755 })
    const file = join(scratch, 'exists', 'new', 'pending-flows.json')
    await new JsonFileWriter(file).write({ version: 1, flows: [] })
    expect(await mode(join(scratch, 'exists', 'new'))).toBe('700')
    expect(await mode(file)).toBe('600')
  })
})
