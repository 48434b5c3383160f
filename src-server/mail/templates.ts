/**
 * The messages the Account API sends, with links and codes formatted as Appwrite does (issue 3
 * item 6): a link is the client's `url` with `userId`, `secret`, `expire` and `project` merged into
 * its query string (existing parameters kept, same-named ones replaced, values URL-encoded).
 * Subjects follow Appwrite's English locale.
 */
import type { Sandbox } from '../sandbox'
import type { SessionRow } from '../domain/sessions'
import type { UserRow } from '../domain/users'
import { isoDate } from '../domain/time'
import type { OutboxMessageInput } from './outbox'

/** Merge parameters into a URL's query string, keeping its fragment (Appwrite's mergeQuery). */
export function mergeQuery(url: string, params: Readonly<Record<string, string>>): string {
  const hashAt = url.indexOf('#')
  const fragment = hashAt === -1 ? '' : url.slice(hashAt)
  const withoutFragment = hashAt === -1 ? url : url.slice(0, hashAt)
  const queryAt = withoutFragment.indexOf('?')
  const base = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt)
  const query = new URLSearchParams(queryAt === -1 ? '' : withoutFragment.slice(queryAt + 1))
  for (const [key, value] of Object.entries(params)) query.set(key, value)
  return `${base}?${query.toString()}${fragment}`
}

export interface TokenLink {
  readonly url: string
  readonly userId: string
  readonly secret: string
  readonly expire: number
}

/** `url?userId=…&secret=…&expire=…&project=…` */
export function tokenLink(app: Sandbox, link: TokenLink): string {
  return mergeQuery(link.url, { userId: link.userId, secret: link.secret, expire: isoDate(link.expire), project: app.projectId })
}

function greeting(user: UserRow): string {
  return user.name ? `Hello ${user.name},` : 'Hello,'
}

function phraseLine(phrase: string): string {
  return phrase ? `\n\nSecurity phrase: ${phrase}\nMake sure it matches the phrase shown where you asked to sign in.` : ''
}

export function magicUrlEmail(app: Sandbox, user: UserRow, to: string, link: string, phrase: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: 'Login',
    body: `${greeting(user)}\n\nFollow this link to sign in to ${app.config.name}:\n\n${link}\n\nThe link is valid for 1 hour. If you did not ask to sign in with this e-mail, you can ignore this message.${phraseLine(phrase)}\n\nThanks,\n${app.config.name} team`,
  }
}

export function emailOtpEmail(app: Sandbox, user: UserRow, to: string, code: string, phrase: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: `OTP for ${app.config.name} Login`,
    body: `${greeting(user)}\n\nEnter the following verification code when prompted to sign in to ${app.config.name}:\n\n${code}\n\nThe code is valid for 15 minutes. If you did not ask to sign in with this e-mail, you can ignore this message.${phraseLine(phrase)}\n\nThanks,\n${app.config.name} team`,
  }
}

export function recoveryEmail(app: Sandbox, user: UserRow, to: string, link: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: 'Password Reset',
    body: `${greeting(user)}\n\nFollow this link to reset your ${app.config.name} password:\n\n${link}\n\nThe link is valid for 1 hour. If you did not ask to reset your password, you can ignore this message.\n\nThanks,\n${app.config.name} team`,
  }
}

export function recoveryCodeEmail(app: Sandbox, user: UserRow, to: string, code: string, phrase: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: 'Password Reset',
    body: `${greeting(user)}\n\nEnter the following code to reset your ${app.config.name} password:\n\n${code}\n\nThe code is valid for 15 minutes. If you did not ask to reset your password, you can ignore this message.${phraseLine(phrase)}\n\nThanks,\n${app.config.name} team`,
  }
}

export function verificationCodeEmail(app: Sandbox, user: UserRow, to: string, code: string, phrase: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: 'Account Verification',
    body: `${greeting(user)}\n\nEnter the following code to verify your e-mail address:\n\n${code}\n\nThe code is valid for 15 minutes. If you did not ask to verify this address, you can ignore this message.${phraseLine(phrase)}\n\nThanks,\n${app.config.name} team`,
  }
}

export function verificationEmail(app: Sandbox, user: UserRow, to: string, link: string): OutboxMessageInput {
  return {
    channel: 'email',
    to,
    subject: 'Account Verification',
    body: `${greeting(user)}\n\nFollow this link to verify your e-mail address:\n\n${link}\n\nThe link is valid for 1 hour. If you did not ask to verify this address, you can ignore this message.\n\nThanks,\n${app.config.name} team`,
  }
}

export function sessionAlertEmail(app: Sandbox, user: UserRow, session: SessionRow): OutboxMessageInput {
  const device = [session.device.clientName, session.device.osName].filter(Boolean).join(' on ') || 'an unknown device'
  return {
    channel: 'email',
    to: user.email ?? '',
    subject: `Security alert: new session on your ${app.config.name} account`,
    body: `${greeting(user)}\n\nA new session was created on your ${app.config.name} account on ${isoDate(session.createdAt)} from ${device} (IP ${session.ip || 'unknown'}).\n\nIf this was not you, sign in and end that session, then change your password.\n\nThanks,\n${app.config.name} team`,
  }
}

/** SMS bodies carry only the code (Appwrite's default SMS template). */
export function smsCode(app: Sandbox, to: string, code: string): OutboxMessageInput {
  return { channel: 'sms', to, subject: '', body: `${code} is your ${app.config.name} verification code.` }
}
