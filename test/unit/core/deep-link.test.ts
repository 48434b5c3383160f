import { describe, expect, it } from 'vitest'
import { describeLinkProblem, FLOW_TYPES, parseDeepLink, returnUrl, sameChannel, type ReturnChannel } from '../../../src-main/core/auth/deep-link'

const NONCE = 'n0nce_abcdefghijklmnop'

describe('parseDeepLink', () => {
  it('turns a magic-URL link into "continue flow" with only the known parameters', () => {
    const action = parseDeepLink(`account-console://magic-url?flow=${NONCE}&userId=u1&secret=s3&expire=2026&project=local&evil=1`)
    expect(action).toEqual({
      kind: 'continue-flow',
      flowType: 'magic-url',
      nonce: NONCE,
      channel: { kind: 'scheme' },
      params: { userId: 'u1', secret: 's3', expire: '2026', project: 'local' },
    })
  })

  it('accepts the flow type in the path form some launchers use', () => {
    expect(parseDeepLink(`account-console:/recovery?flow=${NONCE}`)).toMatchObject({ kind: 'continue-flow', flowType: 'recovery' })
    expect(parseDeepLink(`account-console:oauth?flow=${NONCE}`)).toMatchObject({ kind: 'continue-flow', flowType: 'oauth' })
  })

  it('accepts appwrite-callback-<project> only for the projects of known profiles', () => {
    const url = `appwrite-callback-local://oauth?flow=${NONCE}`
    expect(parseDeepLink(url).kind).toBe('invalid')
    expect(parseDeepLink(url, { appwriteCallbackProjects: ['other'] }).kind).toBe('invalid')
    expect(parseDeepLink(url, { appwriteCallbackProjects: ['local'] })).toMatchObject({
      kind: 'continue-flow',
      channel: { kind: 'appwrite-callback', projectId: 'local' },
    })
  })

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['garbage', 'not a url at all'],
    ['another scheme', `https://evil.example/magic-url?flow=${NONCE}`],
    ['javascript', 'javascript:alert(1)'],
    ['unknown flow type', `account-console://delete-everything?flow=${NONCE}`],
    ['no flow type', `account-console://?flow=${NONCE}`],
    ['missing nonce', 'account-console://magic-url?userId=u&secret=s'],
    ['short nonce', 'account-console://magic-url?flow=abc'],
    ['nonce with bad characters', `account-console://magic-url?flow=${NONCE}%3Cscript%3E`],
    ['credentials', `account-console://user:pw@magic-url?flow=${NONCE}`],
    ['too long', `account-console://magic-url?flow=${NONCE}&x=${'a'.repeat(5000)}`],
  ])('rejects %s', (_label, raw) => {
    const action = parseDeepLink(raw)
    expect(action.kind).toBe('invalid')
  })

  it('keeps the first value of a repeated parameter and drops oversized ones', () => {
    const action = parseDeepLink(`account-console://magic-url?flow=${NONCE}&userId=first&userId=second&secret=${'x'.repeat(2000)}`)
    expect(action).toMatchObject({ kind: 'continue-flow', params: { userId: 'first' } })
    expect(action.kind === 'continue-flow' && 'secret' in action.params).toBe(false)
  })
})

describe('parseDeepLink: channels', () => {
  it('accepts a loopback link only on an open listener port of 127.0.0.1, with the kind in the path', () => {
    const url = `http://127.0.0.1:45123/oauth?flow=${NONCE}&userId=u&secret=s`
    expect(parseDeepLink(url, { loopbackPorts: [45123] })).toEqual({
      kind: 'continue-flow',
      flowType: 'oauth',
      nonce: NONCE,
      channel: { kind: 'loopback', port: 45123 },
      params: { userId: 'u', secret: 's' },
    })
    expect(parseDeepLink(url).kind).toBe('invalid')
    expect(parseDeepLink(url, { loopbackPorts: [45124] })).toEqual({ kind: 'invalid', reason: 'no sign-in is listening on that address' })
    expect(parseDeepLink(`http://localhost:45123/oauth?flow=${NONCE}`, { loopbackPorts: [45123] }).kind).toBe('invalid')
    expect(parseDeepLink(`https://127.0.0.1:45123/oauth?flow=${NONCE}`, { loopbackPorts: [45123] }).kind).toBe('invalid')
    expect(parseDeepLink(`http://127.0.0.1:45123/evil/oauth?flow=${NONCE}`, { loopbackPorts: [45123] }).kind).toBe('invalid')
  })

  it('lower-cases the appwrite-callback project and the link type', () => {
    expect(parseDeepLink(`Appwrite-Callback-Local://MAGIC-URL?flow=${NONCE}`, { appwriteCallbackProjects: ['LOCAL'] })).toMatchObject({
      kind: 'continue-flow',
      flowType: 'magic-url',
      channel: { kind: 'appwrite-callback', projectId: 'local' },
    })
  })

  it.each([
    ['a repeated flow id', `account-console://magic-url?flow=${NONCE}&flow=${NONCE}x`],
    ['an empty appwrite-callback project', `appwrite-callback-://oauth?flow=${NONCE}`],
    ['a file URL', `file:///etc/passwd?flow=${NONCE}`],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a nonce that is too long', `account-console://magic-url?flow=${'a'.repeat(129)}`],
  ])('rejects %s', (_label, raw) => {
    expect(parseDeepLink(raw, { appwriteCallbackProjects: [''] }).kind).toBe('invalid')
  })

  it('round-trips every channel and kind through returnUrl', () => {
    const channels: ReturnChannel[] = [{ kind: 'scheme' }, { kind: 'appwrite-callback', projectId: 'Proj' }, { kind: 'loopback', port: 40001 }]
    for (const channel of channels) {
      for (const kind of FLOW_TYPES) {
        const action = parseDeepLink(returnUrl(channel, kind, NONCE), { appwriteCallbackProjects: ['proj'], loopbackPorts: [40001] })
        expect(
          action.kind === 'continue-flow' && action.flowType === kind && action.nonce === NONCE && sameChannel(action.channel, channel),
          `${channel.kind} ${kind}`,
        ).toBe(true)
      }
    }
  })

  it('tells channels apart', () => {
    expect(sameChannel({ kind: 'scheme' }, { kind: 'scheme' })).toBe(true)
    expect(sameChannel({ kind: 'scheme' }, { kind: 'appwrite-callback', projectId: 'a' })).toBe(false)
    expect(sameChannel({ kind: 'appwrite-callback', projectId: 'A' }, { kind: 'appwrite-callback', projectId: 'a' })).toBe(true)
    expect(sameChannel({ kind: 'appwrite-callback', projectId: 'a' }, { kind: 'appwrite-callback', projectId: 'b' })).toBe(false)
    expect(sameChannel({ kind: 'loopback', port: 1 }, { kind: 'loopback', port: 2 })).toBe(false)
    expect(sameChannel({ kind: 'loopback', port: 1 }, { kind: 'scheme' })).toBe(false)
  })
})

describe('describeLinkProblem', () => {
  it.each([
    'account-console://?flow=' + 'A'.repeat(43),
    'account-console://delete-everything?flow=' + 'A'.repeat(43),
    'https://evil.example/?secret=1',
    'account-console://magic-url',
    'not a url',
    'http://127.0.0.1:45124/oauth?flow=' + 'A'.repeat(43),
  ])('says why %s was refused in a person’s words, not the parser’s', (raw) => {
    const action = parseDeepLink(raw, {})
    if (action.kind !== 'invalid') throw new Error('expected a refusal')
    const sentence = describeLinkProblem(action.reason)
    expect(sentence).toMatch(/^[A-Z].*\.$/)
    expect(sentence).not.toMatch(/unknown|\(none\)|scheme|flow id|malformed/i)
  })
})
