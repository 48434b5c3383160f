/**
 * Storage: data survives a restart on the same data dir (users, sessions, the JWT key), and
 * concurrent requests stay consistent.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src-server/store/database'
import { PASSWORD, call, newUserSession, openSandboxDb, sdkAccount, uniqueEmail, withSandbox, type TestSandbox } from './support/sandbox'

const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-storage-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('storage', () => {
  it('survives a restart: sessions, users and JWTs stay valid', async () => {
    const first = await withSandbox({ dataDir })
    const { email, session } = await newUserSession(first)
    const { jwt } = await sdkAccount(first, session).createJWT()
    await first.close()
    const second = await withSandbox({ dataDir })
    try {
      expect((await sdkAccount(second, session).get()).email).toBe(email)
      const viaJwt = await call(second, 'GET', '/account', { headers: { 'x-appwrite-jwt': jwt } })
      expect(viaJwt.status).toBe(200)
      expect((await sdkAccount(second).createEmailPasswordSession({ email, password: PASSWORD })).provider).toBe('email')
    } finally {
      await second.close()
    }
  })

  it('stays consistent under concurrent requests', async () => {
    const sandbox = await withSandbox()
    try {
      const email = uniqueEmail()
      const signUps = await Promise.all(
        Array.from({ length: 6 }, () => call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email, password: PASSWORD } })),
      )
      expect(signUps.filter((r) => r.status === 201)).toHaveLength(1)
      expect(signUps.filter((r) => r.status === 409)).toHaveLength(5)
      const anonymous = await Promise.all(Array.from({ length: 40 }, () => call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })))
      expect(anonymous.every((r) => r.status === 201)).toBe(true)
      const ids = new Set(anonymous.map((r) => (r.body as { userId: string }).userId))
      expect(ids.size).toBe(40)
    } finally {
      await sandbox.close()
    }
  })

  /** A signed-in user "Before" whose account has been read twice, so the read cache holds it. */
  async function cachedAccount(sandbox: TestSandbox) {
    const { session, userId } = await newUserSession(sandbox, 'Before')
    const account = sdkAccount(sandbox, session)
    expect((await account.get()).name).toBe('Before')
    expect((await account.get()).name).toBe('Before')
    return { account, session, userId }
  }

  it('never serves cached reads after a change, even one made by another connection', async () => {
    const sandbox = await withSandbox()
    try {
      const { account, session, userId } = await cachedAccount(sandbox)
      const db = openSandboxDb(sandbox)
      try {
        db.prepare('UPDATE users SET name = ? WHERE id = ?').run('Outside', userId)
        expect((await account.get()).name).toBe('Outside')
        db.prepare('DELETE FROM sessions WHERE userId = ?').run(userId)
      } finally {
        db.close()
      }
      expect((await call(sandbox, 'GET', '/account', { headers: { 'x-appwrite-session': session } })).status).toBe(401)
    } finally {
      await sandbox.close()
    }
  })

  it('serves a change committed by another process to the requests that follow it', async () => {
    const sandbox = await withSandbox()
    try {
      const { account, userId } = await cachedAccount(sandbox)
      // A second process (a SQLite shell, a test harness) commits through its own connection.
      const script = `const Libsql = require('libsql'); const db = new Libsql(process.argv[1]); db.prepare('UPDATE users SET name = ? WHERE id = ?').run('Elsewhere', process.argv[2]); db.close()`
      execFileSync(process.execPath, ['-e', script, databaseFile(sandbox.dataDir), userId], { cwd: process.cwd() })
      expect((await account.get()).name).toBe('Elsewhere')
    } finally {
      await sandbox.close()
    }
  })
})
