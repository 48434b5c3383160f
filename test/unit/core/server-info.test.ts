/**
 * `server.get`: each profile's server version and capabilities, derived from the version's API
 * line, with account logs learnt from the route itself; against the sandbox on each
 * `--appwrite-version` line, and the pure parts on their own.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SecurityOverview, ServerInfoDTO } from '../../../src-shared/ipc'
import { RESPONSE_FORMAT, RESPONSE_FORMAT_2X } from '../../../src-main/core/appwrite'
import { capabilitiesFor, responseFormatFor, versionNumbers } from '../../../src-main/core/server/server-info'
import { expectError, expectOk, profileId, signUp, CoreWorld } from './core-world'

describe('capabilities from a version', () => {
  it('reads major.minor from what servers report', () => {
    expect(versionNumbers('2.3.0')).toEqual({ major: 2, minor: 3 })
    expect(versionNumbers('1.9.6-rc.1')).toEqual({ major: 1, minor: 9 })
    expect(versionNumbers('latest')).toBeNull()
  })

  it('gives each 2.x addition from the release that brought it, and nothing to 1.x', () => {
    expect(capabilitiesFor('1.9.6', null)).toEqual({
      recoveryByCode: false,
      verificationByCode: false,
      consents: false,
      idTokenSessions: false,
      accountLogs: true,
    })
    expect(capabilitiesFor('2.1.0', null)).toEqual({
      recoveryByCode: false,
      verificationByCode: false,
      consents: true,
      idTokenSessions: true,
      accountLogs: false,
    })
    expect(capabilitiesFor('2.2.4', null)).toMatchObject({ verificationByCode: true, recoveryByCode: false })
    expect(capabilitiesFor('2.3.0', null)).toMatchObject({ verificationByCode: true, recoveryByCode: true, consents: true })
    // What the route answered wins over the line's default, both ways.
    expect(capabilitiesFor('2.3.0', true).accountLogs).toBe(true)
    expect(capabilitiesFor('1.9.6', false).accountLogs).toBe(false)
    // A server never reached offers nothing new: every flow stays on the 1.x path.
    expect(capabilitiesFor('', null)).toMatchObject({ recoveryByCode: false, consents: false, accountLogs: true })
  })

  it('asks 2.x servers for the 2.3.0 response format and the rest for ours', () => {
    expect(responseFormatFor('2.3.0')).toBe(RESPONSE_FORMAT_2X)
    expect(responseFormatFor('1.9.6')).toBe(RESPONSE_FORMAT)
    expect(responseFormatFor(null)).toBe(RESPONSE_FORMAT)
  })
})

describe('server.get against the sandbox', () => {
  let h: CoreWorld | null = null
  afterEach(async () => {
    await h?.close()
    h = null
  })

  const serverInfo = async (core: CoreWorld, refresh?: boolean): Promise<ServerInfoDTO> =>
    expectOk<ServerInfoDTO>(await core.core.invoke('server.get', refresh === undefined ? { profileId } : { profileId, refresh }))

  it('--appwrite-version 2.3: the 2.x additions, and no account logs once a session could ask', async () => {
    h = await CoreWorld.start({ sandbox: { appwriteVersion: '2.3' } })
    const signedOut = await serverInfo(h)
    expect(signedOut.version).toBe('2.3.0')
    expect(signedOut.capabilities).toMatchObject({ recoveryByCode: true, verificationByCode: true, consents: true, idTokenSessions: true, accountLogs: false })
    expect(Date.parse(signedOut.checkedAt)).not.toBeNaN()

    await signUp(h)
    expect((await serverInfo(h)).capabilities.accountLogs).toBe(false)
    // The Security overview leaves out what needs logs instead of failing.
    const overview = expectOk<SecurityOverview>(await h.core.invoke('security.getOverview', { profileId }))
    expect(overview.recentSignIns).toBeNull()
    expect(overview.findings.length).toBeGreaterThan(0)
  })

  it('default (both lines): reports 2.3.0, and the sign-in finds that account logs do exist', async () => {
    h = await CoreWorld.start()
    expect((await serverInfo(h)).capabilities.accountLogs).toBe(false)
    await signUp(h)
    const info = await serverInfo(h)
    expect(info).toMatchObject({ version: '2.3.0', capabilities: { accountLogs: true, consents: true } })
    const overview = expectOk<SecurityOverview>(await h.core.invoke('security.getOverview', { profileId }))
    expect(overview.recentSignIns?.length).toBeGreaterThanOrEqual(1)
  })

  it('--appwrite-version 1.9: nothing of 2.x, logs there; the answer is kept with the profile across a restart', async () => {
    h = await CoreWorld.start({ sandbox: { appwriteVersion: '1.9' } })
    await signUp(h)
    const info = await serverInfo(h)
    expect(info).toMatchObject({
      version: '1.9.6',
      capabilities: { recoveryByCode: false, verificationByCode: false, consents: false, idTokenSessions: false, accountLogs: true },
    })
    const saved = JSON.parse(await readFile(join(h.dataDir, 'profiles.json'), 'utf8')) as { servers: Record<string, unknown> }
    expect(saved.servers[profileId]).toMatchObject({ version: '1.9.6', accountLogs: true, checkedAt: info.checkedAt })

    await h.restart()
    expect(await serverInfo(h)).toEqual(info)
    // `refresh` asks again.
    expect((await serverInfo(h, true)).checkedAt >= info.checkedAt).toBe(true)
  })

  it('refuses unknown profiles and stray arguments', async () => {
    h = await CoreWorld.start()
    expect(expectError(await h.core.invoke('server.get', { profileId: 'nope' })).type).toBe('no_profile')
    expect(expectError(await h.core.invoke('server.get', { profileId, version: '2.3.0' })).type).toBe('invalid_argument')
  })
})
