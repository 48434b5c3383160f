import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventName, namedEvents } from '../../../src-renderer/event-names'

const SERVER = join(__dirname, '../../../src-server')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Every audit event code the sandbox declares (AuditEvent) or writes (writeAudit / audit calls). */
function sandboxAuditEvents(): Set<string> {
  const codes = new Set<string>()
  const audit = readFileSync(join(SERVER, 'domain/audit.ts'), 'utf8')
  const union = /export type AuditEvent =([^;]+?)\n\n/s.exec(audit)?.[1] ?? ''
  for (const match of union.matchAll(/'([a-z]+\.[a-z]+)'/g)) codes.add(match[1]!)
  for (const file of sourceFiles(SERVER)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/writeAudit\([^)]*?event: '([a-z.]+)'/gs)) codes.add(match[1]!)
    for (const match of text.matchAll(/\baudit\(ctx, \w+, '([a-z.]+)'\)/g)) codes.add(match[1]!)
  }
  return codes
}

describe('activity event names', () => {
  it('finds the sandbox’s audit events (the scan itself works)', () => {
    const codes = sandboxAuditEvents()
    for (const code of ['user.create', 'user.update', 'session.create', 'session.delete', 'challenges.update']) expect(codes).toContain(code)
  })

  it('has a human name for every event the sandbox emits', () => {
    const missing = [...sandboxAuditEvents()].filter((code) => !namedEvents().includes(code))
    expect(missing).toEqual([])
    for (const code of sandboxAuditEvents()) {
      expect(eventName(code).name).not.toBe(code)
      expect(eventName(code).name).not.toMatch(/[._]/)
    }
  })

  it('names what people look for, and shows an unknown code as it is', () => {
    expect(eventName('session.delete').name).toBe('Signed out')
    expect(eventName('user.update').covers).toContain('password')
    expect(eventName('users.future.thing')).toMatchObject({ name: 'users.future.thing' })
  })
})
