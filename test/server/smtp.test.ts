import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createSmtpDelivery, parseSmtpHostPort } from '../../src-server/mail/smtp'
import { startSmtpSink, type SmtpSink } from './support/smtp-sink'

describe('SMTP delivery (createSmtpDelivery) against a real smtp-server', () => {
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  afterAll(async () => {
    await sink.close()
  })

  it('delivers subject, recipient and a long link intact', async () => {
    const deliver = createSmtpDelivery(sink.hostPort)
    const link =
      'http://localhost:5173/recovery?userId=6650f1e2a3b4c5d6e7f8&secret=' + 'ab'.repeat(128) + '&expire=2030-01-01T00%3A00%3A00.000%2B00%3A00&project=local'
    await deliver({ to: 'ada@example.com', subject: 'Password Reset', body: `Reset your password: ${link}` })

    const mail = await sink.waitFor((m) => m.to.includes('ada@example.com'))
    expect(mail.header('subject')).toBe('Password Reset')
    expect(mail.decodedBody).toContain(link)
  })

  it('sends markup as an HTML part as well', async () => {
    const deliver = createSmtpDelivery(sink.hostPort, { from: 'Sandbox <sandbox@localhost>' })
    await deliver({ to: 'html@example.com', subject: 'Hi', body: '<p>Your code is <b>123456</b></p>' })
    const mail = await sink.waitFor((m) => m.to.includes('html@example.com'))
    expect(mail.from).toBe('sandbox@localhost')
    expect(mail.header('content-type')).toMatch(/multipart\/alternative/)
    expect(mail.decodedBody).toContain('<b>123456</b>')
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
