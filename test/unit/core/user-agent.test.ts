import { UAParser } from 'ua-parser-js'
import { describe, expect, it } from 'vitest'
import { consoleUserAgent } from '../../../src-main/core/user-agent'

describe('consoleUserAgent', () => {
  it.each([
    ['linux', 'x64', 'Linux'],
    ['darwin', 'arm64', 'Mac OS'],
    ['win32', 'x64', 'Windows'],
  ] as const)('names the operating system on %s so session lists can show it', (platform, arch, os) => {
    const ua = consoleUserAgent('1.2.3', platform, arch)
    expect(ua.startsWith('AccountConsole/1.2.3 (')).toBe(true)
    expect(new UAParser(ua).getOS().name).toBe(os)
  })
})
