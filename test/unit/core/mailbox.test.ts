import { describe, expect, it } from 'vitest'
import { linkLabel, withoutLinks } from '../../../src-main/core/mailbox/mailbox'

describe('Dev Mailbox text', () => {
  it('replaces every link with [link N] and keeps the links in order', () => {
    const body =
      'Sign in:\n\naccount-console://magic-url?flow=abc&userId=u&secret=s.\nOr (http://127.0.0.1:4000/recovery?flow=x&secret=y), or https://example.com/help!'
    const { body: shown, found } = withoutLinks(body)
    expect(shown).toBe('Sign in:\n\n[link 1].\nOr ([link 2]), or [link 3]!')
    expect(found).toEqual([
      'account-console://magic-url?flow=abc&userId=u&secret=s',
      'http://127.0.0.1:4000/recovery?flow=x&secret=y',
      'https://example.com/help',
    ])
  })

  it('leaves a body without links alone', () => {
    expect(withoutLinks('123456 is your code.')).toEqual({ body: '123456 is your code.', found: [] })
  })

  it('labels a link by where it goes, never with its query', () => {
    expect(linkLabel('account-console://magic-url?flow=abc&secret=s')).toBe('account-console://magic-url')
    expect(linkLabel('appwrite-callback-local://recovery?secret=s')).toBe('appwrite-callback-local://recovery')
    expect(linkLabel('http://127.0.0.1:4000/verify-email?secret=s')).toBe('http://127.0.0.1:4000/verify-email')
    expect(linkLabel('https://example.com/?q=1')).toBe('https://example.com')
  })
})
