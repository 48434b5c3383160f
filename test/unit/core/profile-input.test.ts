import { describe, expect, it } from 'vitest'
import { normalizeEndpoint, profileInput } from '../../../src-main/core/profiles/profile-input'

describe('profile endpoint', () => {
  it.each(['javascript:alert(1)', 'JavaScript://example.com/v1', '  javascript:void(0)  '])('refuses %s as a script, not as a malformed URL', (raw) => {
    const result = normalizeEndpoint(raw)
    expect(result).toEqual({ ok: false, message: 'A javascript: address is a script, not a server. Enter the https:// address of your Appwrite server.' })
  })

  it.each([
    ['https://cloud.appwrite.io', 'https://cloud.appwrite.io/v1'],
    ['https://cloud.appwrite.io/v1', 'https://cloud.appwrite.io/v1'],
    ['  https://Cloud.Appwrite.io/v1/// ', 'https://cloud.appwrite.io/v1'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/v1'],
    ['http://LOCALHOST:8080/v1', 'http://localhost:8080/v1'],
    ['http://[::1]:8080', 'http://[::1]:8080/v1'],
    ['https://example.com/appwrite/', 'https://example.com/appwrite/v1'],
  ])('%s → %s', (raw, endpoint) => {
    expect(normalizeEndpoint(raw)).toEqual({ ok: true, endpoint })
  })

  it.each(['', 'cloud.appwrite.io', 'javascript:alert(1)', 'file:///etc', 'https://a:b@example.com', 'https://example.com/v1#x'])('refuses %j', (raw) => {
    expect(normalizeEndpoint(raw).ok).toBe(false)
  })

  it.each(['http://appwrite.example.com/v1', 'http://192.168.1.20/v1', 'http://127.0.0.1.nip.io/v1', 'http://localhost.example.com/v1'])(
    'refuses plain http:// to another computer: %s',
    (raw) => {
      expect(normalizeEndpoint(raw)).toEqual({ ok: false, message: expect.stringMatching(/^Use https:\/\/ for a server on another computer/) })
    },
  )

  it('says a javascript: endpoint is a script, not a server', () => {
    expect(normalizeEndpoint('javascript:alert(1)')).toEqual({ ok: false, message: expect.stringContaining('is a script, not a server') })
  })

  it('refuses the appwrite-callback strategy for a project id that makes no valid URL scheme', () => {
    const input = { label: 'x', endpoint: 'https://example.com', projectId: 'my_project', redirectStrategy: 'appwrite-callback', oauthProviders: [] }
    const refused = profileInput.safeParse(input)
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({ path: ['redirectStrategy'], message: expect.stringContaining('appwrite-callback-my_project://') })
    expect(profileInput.safeParse({ ...input, redirectStrategy: 'scheme' }).success).toBe(true)
    expect(profileInput.safeParse({ ...input, projectId: 'My.Project-1' }).success).toBe(true)
  })

  it('validates the whole input and removes duplicate providers', () => {
    const parsed = profileInput.parse({
      label: ' Prod ',
      endpoint: 'https://example.com',
      projectId: 'p.1-x_y',
      redirectStrategy: 'loopback',
      oauthProviders: ['github', 'github', 'paypalSandbox'],
    })
    expect(parsed).toEqual({
      label: 'Prod',
      endpoint: 'https://example.com/v1',
      projectId: 'p.1-x_y',
      redirectStrategy: 'loopback',
      oauthProviders: ['github', 'paypalSandbox'],
    })
    expect(
      profileInput.safeParse({ label: 'x', endpoint: 'https://example.com', projectId: 'p', redirectStrategy: 'scheme', oauthProviders: [], extra: 1 }).success,
    ).toBe(false)
    expect(
      profileInput.safeParse({ label: 'x', endpoint: 'https://example.com', projectId: 'a'.repeat(37), redirectStrategy: 'scheme', oauthProviders: [] })
        .success,
    ).toBe(false)
  })
})
