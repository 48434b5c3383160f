import { describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createSmtpDelivery, parseSmtpHostPort } from '../../src-server/mail/smtp'
import { useSmtpSink } from './support/smtp-sink'
import { PASSWORD, call, signUp, withSandbox } from './support/sandbox'

describe('SMTP delivery (createSmtpDelivery) against a real smtp-server', () => {
  const sink = useSmtpSink()

  it('delivers subject, recipient and a long link intact', async () => {
    const deliver = createSmtpDelivery(sink.hostPort)
    const link =
      'http://localhost:5173/recovery?userId=6650f1e2a3b4c5d6e7f8&secret=' + 'ab'.repeat(128) + '&expire=2030-01-01T00%3A00%3A00.000%2B00%3A00&project=local'
    await deliver({ to: 'ada@example.com', subject: 'Password Reset', body: `Reset your password: ${link}` })

    const mail = await sink.waitFor((m) => m.to.includes('ada@example.com'))
    expect(mail.header('subject')).toBe('Password Reset')
    expect(mail.decodedBody).toContain(link)
  })

  it('sends plain text only, so markup someone typed (a name) is never rendered as HTML', async () => {
    const deliver = createSmtpDelivery(sink.hostPort, { from: 'Sandbox <sandbox@localhost>' })
    await deliver({ to: 'html@example.com', subject: 'Hi', body: 'Hello <a href="https://evil.example">Ada</a>,\n\nYour code is 123456' })
    const mail = await sink.waitFor((m) => m.to.includes('html@example.com'))
    expect(mail.from).toBe('sandbox@localhost')
    expect(mail.header('content-type')).toMatch(/^text\/plain/)
    expect(mail.header('content-type')).not.toMatch(/multipart|html/)
    expect(mail.decodedBody).toContain('<a href="https://evil.example">Ada</a>')
  })

  it('never rejects when the SMTP server is unreachable, and logs the failure instead', async () => {
    // A port that refuses connections: bind, note the port, close.
    const probe: Server = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((r) => probe.close(() => r()))

    const lines: string[] = []
    const deliver = createSmtpDelivery(`127.0.0.1:${port}`, { log: (l) => lines.push(l) })
    await expect(deliver({ to: 'x@example.com', subject: 's', body: 'b' })).resolves.toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('x@example.com')
  })

  it('parses host:port forms and refuses nonsense', () => {
    expect(parseSmtpHostPort('127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525 })
    expect(parseSmtpHostPort('[::1]:1025')).toEqual({ host: '::1', port: 1025 })
    expect(parseSmtpHostPort('mail.local')).toEqual({ host: 'mail.local', port: 25 })
    expect(() => parseSmtpHostPort('host:0')).toThrow()
    expect(() => parseSmtpHostPort('host:abc')).toThrow()
    expect(() => parseSmtpHostPort('')).toThrow()
  })
})

describe('the sandbox with --smtp delivers its e-mails to a real SMTP server', () => {
  const sink = useSmtpSink()

  it('a recovery e-mail arrives with the link, and the link resets the password', async () => {
    const sandbox = await withSandbox({ smtp: sink.hostPort, projectName: 'Mail Test' })
    try {
      const email = `smtp.recovery.${Date.now()}@example.com`
      const userId = await signUp(sandbox, email)
      const created = await call(sandbox, 'POST', '/account/recovery', { body: { email, url: 'http://localhost/reset?from=mail' } })
      expect(created.status).toBe(201)

      const mail = await sink.waitFor((m) => m.to.includes(email))
      expect(mail.header('subject')).toBe('Password Reset')
      expect(mail.header('from')).toContain('Mail Test')
      const link = new URL(/http:\/\/localhost\/reset\?\S+/.exec(mail.decodedBody)?.[0] ?? 'http://invalid')
      expect(link.searchParams.get('from')).toBe('mail')
      expect(link.searchParams.get('userId')).toBe(userId)
      expect(link.searchParams.get('project')).toBe(sandbox.project)
      expect(link.searchParams.get('secret')).toMatch(/^[0-9a-f]{256}$/)
      expect(Date.parse(link.searchParams.get('expire') ?? '')).toBeGreaterThan(Date.now())

      // The same message is in the outbox, and the mailed link works.
      expect((await sandbox.outbox()).some((m) => m.to === email && m.body.includes(link.searchParams.get('secret') ?? '-'))).toBe(true)
      const reset = await call(sandbox, 'PUT', '/account/recovery', {
        body: { userId, secret: link.searchParams.get('secret'), password: 'a-new-password-77' },
      })
      expect(reset.status).toBe(200)
      expect((await call(sandbox, 'POST', '/account/sessions/email', { body: { email, password: 'a-new-password-77' } })).status).toBe(201)
    } finally {
      await sandbox.close()
    }
  })

  it('a magic-URL e-mail arrives with its sign-in link', async () => {
    const sandbox = await withSandbox({ smtp: sink.hostPort })
    try {
      const email = `smtp.magic.${Date.now()}@example.com`
      const created = await call(sandbox, 'POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email, url: 'http://localhost/magic' } })
      expect(created.status).toBe(201)
      const mail = await sink.waitFor((m) => m.to.includes(email))
      const link = new URL(/http:\/\/localhost\/magic\?\S+/.exec(mail.decodedBody)?.[0] ?? 'http://invalid')
      const session = await call(sandbox, 'POST', '/account/sessions/token', {
        body: { userId: link.searchParams.get('userId'), secret: link.searchParams.get('secret') },
      })
      expect(session.status).toBe(201)
      expect(session.body).toMatchObject({ provider: 'magic-url' })
    } finally {
      await sandbox.close()
    }
  })

  it('an unreachable SMTP server does not change the API answer; the outbox still has the message', async () => {
    const probe: Server = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((r) => probe.close(() => r()))
    const lines: string[] = []
    const sandbox = await withSandbox({ smtp: `127.0.0.1:${port}`, log: (l) => lines.push(l) })
    try {
      const email = `smtp.down.${Date.now()}@example.com`
      await signUp(sandbox, email, PASSWORD)
      const created = await call(sandbox, 'POST', '/account/recovery', { body: { email, url: 'http://localhost/reset' } })
      expect(created.status).toBe(201)
      expect((await sandbox.outbox()).some((m) => m.to === email)).toBe(true)
      const deadline = Date.now() + 10_000
      while (!lines.some((l) => l.includes(email)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      expect(lines.some((l) => l.includes(email))).toBe(true)
    } finally {
      await sandbox.close()
    }
  })
})
