import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedSender } from '../../../src-main/shell/security'
import { DeepLinkQueue, deepLinksFromArgv } from '../../../src-main/shell/deep-links'

describe('shell security rules', () => {
  it('has a CSP that allows no remote code and no network from the renderer', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/)
  })

  it.each([
    ['https://cloud.appwrite.io/console', true],
    ['http://127.0.0.1:8787/v1/account/sessions/oauth2/oidc', true],
    ['http://localhost:3000/', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['account-console://magic-url', false],
    ['https://user:pass@evil.example/', false],
    ['not a url', false],
  ])('external URL %s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })

  it('trusts IPC only from the app page, compared by parsed origin', () => {
    expect(isTrustedSender('http://127.0.0.1:5173/#/profile', 'http://127.0.0.1:5173/')).toBe(true)
    expect(isTrustedSender('http://127.0.0.1:5173.evil.example/', 'http://127.0.0.1:5173/')).toBe(false)
    expect(isTrustedSender('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true)
    expect(isTrustedSender('file:///tmp/other.html', 'file:///app/out/renderer/index.html')).toBe(false)
    expect(isTrustedSender(undefined, 'file:///app/out/renderer/index.html')).toBe(false)
  })

  it('finds only our schemes in argv', () => {
    expect(deepLinksFromArgv(['app', '--flag', 'ACCOUNT-CONSOLE://oauth?flow=x', 'https://x', 'account-console:recovery'])).toEqual([
      'ACCOUNT-CONSOLE://oauth?flow=x',
      'account-console:recovery',
    ])
    expect(deepLinksFromArgv(['app', 'appwrite-callback-my-project://oauth?flow=x', 'appwrite-callback-://x', 'appwrite-ios://x'])).toEqual([
      'appwrite-callback-my-project://oauth?flow=x',
    ])
  })

  it('queues links until attached and caps the queue', () => {
    const queue = new DeepLinkQueue()
    for (let i = 0; i < 30; i++) queue.push(`account-console://oauth?n=${i}`)
    expect(queue.size).toBe(20)
    const seen: string[] = []
    queue.attach((u) => seen.push(u))
    queue.push('account-console://late')
    expect(seen).toHaveLength(21)
    expect(seen.at(-1)).toBe('account-console://late')
  })
})
