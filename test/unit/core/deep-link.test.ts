import { describe, expect, it } from 'vitest'
import { parseDeepLink } from '../../../src-main/core/auth/deep-link'

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
    expect(parseDeepLink(url, { appwriteCallbackProjects: ['local'] })).toMatchObject({ kind: 'continue-flow', channel: { kind: 'appwrite-callback', projectId: 'local' } })
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
