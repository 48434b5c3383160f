/**
 * `logs.list` and `logs.exportCsv` through the real core against the real sandbox: paging with
 * limit/offset (also past Appwrite's offset cap), CSV escaping and formula neutralising, the save
 * dialog, bad input, and Appwrite's errors as values.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Log } from '../../../src-shared/appwrite'
import { csvField, LOG_CSV_COLUMNS, logsToCsv } from '../../../src-main/core/activity/logs-csv'
import { openDatabase } from '../../../src-server/store/database'
import { expectOk, profileId, signUpUser, type CoreWorld, worldForEachTest } from './core-world'

type LogList = { total: number; logs: Log[] }

let t: CoreWorld
worldForEachTest((world) => (t = world))

/**
 * Writes `count` log rows for `userId` straight into the sandbox database (as its audit writer
 * would), row i with event `seed.<i>`, so order and paging can be checked row by row.
 */
function seedLogs(userId: string, count: number, fields: Partial<{ userName: string; userEmail: string; ip: string }> = {}): void {
  const db = openDatabase(join(t.dataDir, 'sandbox'))
  try {
    const insert = db.prepare(
      `INSERT INTO logs (userId, event, resource, userName, userEmail, mode, ip, time, userAgent, device, countryCode)
       VALUES (?, ?, ?, ?, ?, 'default', ?, ?, 'seed', '{}', '--')`,
    )
    const now = Date.now()
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        insert.run(
          userId,
          `seed.${i}`,
          `user/${userId}`,
          fields.userName ?? 'Seed',
          fields.userEmail ?? 'seed@example.com',
          fields.ip ?? '127.0.0.1',
          now - (count - i) * 1000,
        )
      }
    })()
  } finally {
    db.close()
  }
}

function parseCsv(text: string): string[][] {
  // A small RFC 4180 reader, enough to read back what we wrote.
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF')
  return rows
}

describe('logs.list', () => {
  it('pages newest first with limit and offset, and reports the total', async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 60)
    const first = expectOk<LogList>(await t.core.invoke('logs.list', { profileId, limit: 25, offset: 0 }))
    const second = expectOk<LogList>(await t.core.invoke('logs.list', { profileId, limit: 25, offset: 25 }))
    // 60 seeded + the sign-up's own entries (user.create, session.create).
    expect(first.total).toBeGreaterThanOrEqual(62)
    expect(first.logs).toHaveLength(25)
    expect(first.logs[0]?.event).toBe('seed.59')
    expect(second.logs[0]?.event).toBe('seed.34')
    expect(second.logs[24]?.event).toBe('seed.10')
    // Only Log model fields travel (appwrite-behaviour §4).
    expect(Object.keys(first.logs[0]!).sort()).toEqual([...LOG_CSV_COLUMNS].sort())
  })

  it("reads a page past Appwrite's 5,000 offset cap by reading from the cap and trimming", async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 6000)
    const page = expectOk<LogList>(await t.core.invoke('logs.list', { profileId, limit: 100, offset: 5500 }))
    expect(page.logs).toHaveLength(100)
    expect(page.logs[0]?.event).toBe('seed.499')
    expect(page.logs[99]?.event).toBe('seed.400')
  })

  it('cuts a page at the newest 10,000 and flags the pages the server will not reach', async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 10_100)
    const last = expectOk<LogList & { olderUnreachable?: boolean }>(await t.core.invoke('logs.list', { profileId, limit: 200, offset: 9900 }))
    expect(last.logs).toHaveLength(100)
    expect(last.logs[0]?.event).toBe('seed.199')
    expect(last.logs[99]?.event).toBe('seed.100')
    expect(last.olderUnreachable).toBeUndefined()
    const beyond = expectOk<LogList & { olderUnreachable?: boolean }>(await t.core.invoke('logs.list', { profileId, limit: 200, offset: 10_000 }))
    expect(beyond).toEqual({ total: last.total, logs: [], olderUnreachable: true })
    expect(beyond.total).toBeGreaterThanOrEqual(10_102)
  })

  it('refuses bad arguments before anything is sent', async () => {
    await signUpUser(t)
    for (const arg of [
      { profileId, limit: 0 },
      { profileId, limit: 5001 },
      { profileId, limit: 1.5 },
      { profileId, offset: -1 },
      { profileId, offset: '10' },
      { profileId, extra: true },
      {},
    ]) {
      expect(await t.core.invoke('logs.list', arg), JSON.stringify(arg)).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    }
    expect(await t.core.invoke('logs.list', { profileId: 'nope' })).toMatchObject({ ok: false, error: { type: 'no_profile' } })
  })

  it('says "not signed in" without a session, and keeps Appwrite\'s error for a session the server dropped', async () => {
    expect(await t.core.invoke('logs.list', { profileId })).toMatchObject({ ok: false, error: { type: 'not_signed_in' } })
    const userId = await signUpUser(t)
    await t.keychain.set(`${profileId}|local|${userId}`, Buffer.from(JSON.stringify({ id: userId, secret: 'f'.repeat(256) })).toString('base64'))
    expect(await t.core.invoke('logs.list', { profileId })).toEqual({
      ok: false,
      error: { type: 'general_unauthorized_scope', code: 401, message: expect.any(String) },
    })
    // The profile is signed out everywhere in the app.
    expect(t.events.some((e) => e.name === 'authChanged' && (e.payload as { status: string }).status === 'signed-out')).toBe(true)
  })
})

describe('logs.exportCsv', () => {
  it('pages through every entry (more than one page) and saves one CSV row per entry', async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 2345)
    const { total } = expectOk<LogList>(await t.core.invoke('logs.list', { profileId, limit: 1 }))
    const result = expectOk<{ path: string | null; rows: number }>(await t.core.invoke('logs.exportCsv', { profileId }))
    expect(result.rows).toBe(total)
    expect(result.path).toMatch(/activity-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(t.saved).toHaveLength(1)
    const request = t.saved[0]!
    expect(request.filters).toEqual([{ name: expect.any(String), extensions: ['csv'] }])
    const rows = parseCsv(request.content)
    expect(rows[0]).toEqual([...LOG_CSV_COLUMNS])
    expect(rows).toHaveLength(total + 1)
    const events = rows.slice(1).map((r) => r[1])
    expect(new Set(events).size).toBe(events.length) // no page read twice
    expect(events).toContain('seed.0')
    expect(events).toContain('seed.2344')
  })

  it('reaches the newest 10,000 entries through the offset cap', async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 10_000)
    const result = expectOk<{ rows: number }>(await t.core.invoke('logs.exportCsv', { profileId }))
    // 10,000 are reachable by limit/offset: every seeded row; the sign-up's own entries are
    // older (written first) and lie past the cap.
    expect(result.rows).toBe(10_000)
    const rows = parseCsv(t.saved[0]!.content)
    expect(rows[1]?.[1]).toBe('seed.9999')
    expect(rows.at(-1)?.[1]).toBe('seed.0')
  })

  it('escapes quotes, commas and line breaks, and neutralises formulas in what the server sent', async () => {
    const userId = await signUpUser(t)
    seedLogs(userId, 1, { userName: '=HYPERLINK("http://evil.example","click"), ok', userEmail: '@SUM(A1:A2)', ip: 'line1\nline2' })
    expectOk(await t.core.invoke('logs.exportCsv', { profileId }))
    const content = t.saved[0]!.content
    expect(content).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), ok"`)
    expect(content).toContain(`,'@SUM(A1:A2),`)
    expect(content).toContain(`,"line1\nline2",`)
    const rows = parseCsv(content)
    const seeded = rows.find((r) => r[1] === 'seed.0')!
    expect(seeded[LOG_CSV_COLUMNS.indexOf('userName')]).toBe(`'=HYPERLINK("http://evil.example","click"), ok`)
    expect(seeded[LOG_CSV_COLUMNS.indexOf('ip')]).toBe('line1\nline2')
    // The sandbox's unknown country `--` is a leading minus: it is neutralised too.
    expect(seeded[LOG_CSV_COLUMNS.indexOf('countryCode')]).toBe(`'--`)
  })

  it('answers path null when the save dialog is cancelled', async () => {
    await signUpUser(t)
    t.cancelNextSave()
    const result = expectOk<{ path: string | null; rows: number }>(await t.core.invoke('logs.exportCsv', { profileId }))
    expect(result.path).toBeNull()
    expect(result.rows).toBeGreaterThan(0)
  })

  it('refuses extra arguments and needs a session', async () => {
    expect(await t.core.invoke('logs.exportCsv', { profileId })).toMatchObject({ ok: false, error: { type: 'not_signed_in' } })
    expect(await t.core.invoke('logs.exportCsv', { profileId, path: '/etc/passwd' })).toMatchObject({ ok: false, error: { type: 'invalid_argument' } })
    expect(t.saved).toHaveLength(0)
  })
})

describe('CSV fields', () => {
  it('follows RFC 4180 and neutralises every formula lead character', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
    expect(csvField('')).toBe('')
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${lead}1+1`).startsWith(`'`) || csvField(`${lead}1+1`).startsWith(`"'`)).toBe(true)
    expect(csvField('=1,2')).toBe(`"'=1,2"`)
    expect(csvField('a=b')).toBe('a=b')
  })

  it('writes a header row even when there is nothing to export', () => {
    expect(logsToCsv([])).toBe(`${LOG_CSV_COLUMNS.join(',')}\r\n`)
  })
})
