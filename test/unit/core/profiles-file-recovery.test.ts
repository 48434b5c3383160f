/**
 * A damaged profiles.json (issue 13 item 6): corrupted bytes or a half-written file are set aside,
 * the last good copy is restored in their place, and the window is told once at start-up.
 * Nothing is reset silently.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStatus, Startup } from '../../../src-shared/ipc'
import { CoreWorld } from './core-world'

let world: CoreWorld | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

const staging = { label: 'Staging', endpoint: 'https://appwrite.example.com/v1', projectId: 'other', redirectStrategy: 'scheme', oauthProviders: [] }

/** A world with one remote profile saved and selected, ready to be damaged. */
async function savedWorld(): Promise<{ world: CoreWorld; file: string; profileId: string }> {
  world = await CoreWorld.start()
  const added = (await world.call<AppStatus>('profiles.add', staging)).profiles.find((p) => p.label === 'Staging')!
  await world.call('profiles.select', { profileId: added.id })
  return { world, file: join(world.dataDir, 'profiles.json'), profileId: added.id }
}

describe('profiles.json damaged on disk', () => {
  it.each([
    ['corrupted (bytes overwritten)', (text: string) => text.replace(/"profiles"/, '\u0000\u0000garbage')],
    ['half written (cut in the middle)', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['empty (a write that never happened)', () => ''],
  ])('%s: the last good copy comes back, with a notice, and the damaged file is kept', async (_label, damage) => {
    const { world, file, profileId } = await savedWorld()
    const good = await readFile(file, 'utf8')
    await writeFile(file, damage(good))

    await world.restart()
    const startup = await world.call<Startup>('app.start')
    expect(startup.status.profiles.map((p) => p.label)).toEqual(['Local sandbox', 'Staging'])
    expect(startup.status.activeProfileId).toBe(profileId)
    expect(startup.notices).toHaveLength(1)
    expect(startup.notices[0]).toMatchObject({ level: 'warning' })
    expect(startup.notices[0]?.message).toMatch(/damaged, so the last good copy .* was restored/)

    // The damaged bytes are kept beside it, and the restored file is whole again on disk.
    const aside = (await readdir(world.dataDir)).filter((name) => name.startsWith('profiles.json.unreadable-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(world.dataDir, aside[0]!), 'utf8')).toBe(damage(good))
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ activeProfileId: profileId })

    // Told once: the next start has nothing to say.
    await world.restart()
    expect((await world.call<Startup>('app.start')).notices).toEqual([])
  })

  it('without a good copy, says the profiles were set aside and starts with the Local sandbox', async () => {
    const { world, file } = await savedWorld()
    await writeFile(file, '{"version": 1, "profi')
    await rm(join(world.dataDir, 'profiles.last-good.json'))

    await world.restart()
    const startup = await world.call<Startup>('app.start')
    expect(startup.status.profiles.map((p) => p.label)).toEqual(['Local sandbox'])
    expect(startup.notices[0]?.message).toMatch(/could not be read and were set aside as .*profiles\.json\.unreadable-\d+/)
  })

  it('a healthy start has no notice and keeps the copy in step with every change', async () => {
    const { world } = await savedWorld()
    const startup = await world.call<Startup>('app.start')
    expect(startup.notices).toEqual([])
    const copy = JSON.parse(await readFile(join(world.dataDir, 'profiles.last-good.json'), 'utf8')) as { profiles: Array<{ label: string }> }
    expect(copy.profiles.map((p) => p.label)).toEqual(['Local sandbox', 'Staging'])
  })
})
