/**
 * Project configuration as the routes see it: disabled auth methods (501), the user limit,
 * session length, session alerts, and a JSON config file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PASSWORD, call, latestMessage, newUserSession, sdkAccount, signIn, uniqueEmail, useSandbox } from './support/sandbox'

const configDir = mkdtempSync(join(tmpdir(), 'sandbox-config-'))
afterAll(() => rmSync(configDir, { recursive: true, force: true }))
const sandbox = useSandbox(() => {
  const configFile = join(configDir, 'project.json')
  writeFileSync(
    configFile,
    JSON.stringify({
      name: 'Configured',
      sessionDuration: 600,
      userLimit: 3,
      sessionAlerts: true,
      authMethods: { anonymous: false, magicUrl: false, jwt: false },
    }),
  )
  return { configFile }
})

describe('project configuration', () => {
  it('refuses disabled auth methods with 501 user_auth_method_unsupported', async () => {
    const anonymous = await call(sandbox, 'POST', '/account/sessions/anonymous', { body: {} })
    expect(anonymous.body).toMatchObject({ code: 501, type: 'user_auth_method_unsupported' })
    const magic = await call(sandbox, 'POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: uniqueEmail() } })
    expect(magic.body).toMatchObject({ code: 501, type: 'user_auth_method_unsupported' })
  })

  it('uses the configured session length, sends session alerts after the first session, and refuses JWTs when off', async () => {
    const { email, session: first } = await newUserSession(sandbox)
    const session = await sdkAccount(sandbox, first).getSession({ sessionId: 'current' })
    expect(Date.parse(session.expire) - Date.parse(session.$createdAt)).toBe(600_000)
    expect((await sandbox.outbox()).some((m) => m.to === email)).toBe(false)
    await signIn(sandbox, email)
    const alert = await latestMessage(sandbox, email)
    expect(alert.subject).toBe('Security alert: new session on your Configured account')
    const jwt = await call(sandbox, 'POST', '/account/jwts', { headers: { 'x-appwrite-session': first }, body: {} })
    expect(jwt.body).toMatchObject({ code: 501, type: 'user_auth_method_unsupported' })
  })

  it('stops sign-ups at the user limit with user_count_exceeded', async () => {
    // Whatever earlier tests created, the fourth user can never be made (limit 3).
    let refused: unknown = null
    for (let i = 0; i < 4 && refused === null; i++) {
      const response = await call(sandbox, 'POST', '/account', { body: { userId: 'unique()', email: uniqueEmail(), password: PASSWORD } })
      if (response.status !== 201) refused = response.body
    }
    expect(refused).toMatchObject({ code: 400, type: 'user_count_exceeded' })
  })
})
