import { describe, expect, it } from 'vitest'
import { openLoopbackListener } from '../../../src-main/core/auth/loopback'

describe('loopback listener', () => {
  it('listens on 127.0.0.1, hands links to the app, answers other paths with 404, and closes', async () => {
    const received: string[] = []
    const listener = await openLoopbackListener(async (url) => {
      received.push(url)
      return url.includes('good') ? { accepted: true, message: 'Done.' } : { accepted: false, message: 'That link has already been used.' }
    })
    const base = `http://127.0.0.1:${listener.port}`
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404)
    expect((await fetch(`${base}/oauth`)).status).toBe(404)
    expect((await fetch(`${base}/oauth?flow=x`, { method: 'POST' })).status).toBe(404)
    const refused = await fetch(`${base}/oauth?flow=bad`)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('That link has already been used.')
    const accepted = await fetch(`${base}/oauth?flow=good&x=<b>`)
    expect(accepted.status).toBe(200)
    expect(accepted.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await accepted.text()
    expect(page).toContain('You can close this tab')
    expect(page).not.toContain('<b>')
    expect(received).toEqual([`${base}/oauth?flow=bad`, `${base}/oauth?flow=good&x=%3Cb%3E`])
    await listener.close()
    await expect(fetch(`${base}/oauth?flow=good`)).rejects.toThrow()
  })
})
