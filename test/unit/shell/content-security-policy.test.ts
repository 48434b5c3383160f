import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from '../../../src-main/shell/security'
import { devServerInlineStyles } from '../../../electron.vite.config'

/** Directive name → its sources, from a policy string. */
function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) map.set(name, sources.join(' '))
  }
  return map
}

async function metaPolicy(html: string): Promise<string> {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
  if (!match) throw new Error('index.html has no Content-Security-Policy meta element')
  return match[1]!
}

function transformIndexHtml(plugin: Plugin, html: string): string {
  const hook = plugin.transformIndexHtml
  if (typeof hook !== 'function') throw new Error('the plugin has no transformIndexHtml function')
  return (hook as (html: string) => string)(html)
}

describe('the window Content-Security-Policy', () => {
  it('allows no inline style or script in a built window', () => {
    const policy = directives(CONTENT_SECURITY_POLICY)
    expect(policy.get('style-src')).toBe("'self'")
    expect(policy.get('script-src')).toBe("'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-')
  })

  it('the dev server header differs only by inline styles', () => {
    const dev = directives(DEV_SERVER_CONTENT_SECURITY_POLICY)
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'")
    dev.delete('style-src')
    const built = directives(CONTENT_SECURITY_POLICY)
    built.delete('style-src')
    expect(dev).toEqual(built)
  })

  it("index.html's meta policy says the same as the header for every directive it names", async () => {
    const html = await readFile(resolve(__dirname, '../../../src-renderer/index.html'), 'utf8')
    const meta = directives(await metaPolicy(html))
    const header = directives(CONTENT_SECURITY_POLICY)
    expect(meta.size).toBeGreaterThan(0)
    for (const [name, sources] of meta) expect([name, header.get(name)]).toEqual([name, sources])
  })

  it('only the page the dev server serves gets inline styles', async () => {
    const html = await readFile(resolve(__dirname, '../../../src-renderer/index.html'), 'utf8')
    const plugin = devServerInlineStyles()
    expect(plugin.apply).toBe('serve')
    const served = directives(await metaPolicy(transformIndexHtml(plugin, html)))
    expect(served.get('style-src')).toBe("'self' 'unsafe-inline'")
    expect(served.get('script-src')).toBe("'self'")
  })
})
