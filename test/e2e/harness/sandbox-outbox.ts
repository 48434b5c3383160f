/**
 * What the local sandbox "sent", newest first. The app's embedded sandbox serves no `/v1/dev/*`
 * route (the Dev Mailbox reads it in-process), so the harness, which starts that sandbox in this
 * process, registers each one's `outbox()` under its endpoint. Specs find the endpoint in the
 * app's status (`sandboxEndpoint(app.page)`), so the same helper works after a restart on a new port.
 */
import type { Page } from '@playwright/test'
import type { OutboxMessage } from '../../../src-shared/appwrite'
import type { AppStatus, Result } from '../../../src-shared/ipc'

const outboxes = new Map<string, () => Promise<readonly OutboxMessage[]>>()

/** Called by the harness for every sandbox it starts; the returned function forgets it. */
export function registerSandboxOutbox(endpoint: string, outbox: () => Promise<readonly OutboxMessage[]>): () => void {
  outboxes.set(endpoint, outbox)
  return () => {
    if (outboxes.get(endpoint) === outbox) outboxes.delete(endpoint)
  }
}

export async function sandboxOutbox(endpoint: string): Promise<readonly OutboxMessage[]> {
  const outbox = outboxes.get(endpoint)
  if (!outbox) throw new Error(`no sandbox started by this harness answers at ${endpoint}`)
  return outbox()
}

/** The Local sandbox profile's endpoint, from `window.api.app.start()` in the app's page. */
export async function sandboxEndpoint(page: Page): Promise<string> {
  const started = await page.evaluate(() => (window as unknown as { api: { app: { start(): Promise<Result<{ status: AppStatus }>> } } }).api.app.start())
  if (!started.ok) throw new Error(`app.start failed: ${started.error.message}`)
  const sandbox = started.data.status.profiles.find((p) => p.kind === 'sandbox')
  if (!sandbox) throw new Error('no sandbox profile')
  return sandbox.endpoint
}

/** Polls the outbox until a message to `to` (newer than `after`, an ISO date) arrives. */
export async function waitForMessage(endpoint: string, to: string, options: { after?: string; timeoutMs?: number } = {}): Promise<OutboxMessage> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  for (;;) {
    const message = (await sandboxOutbox(endpoint)).find((m) => m.to === to && (!options.after || m.createdAt > options.after))
    if (message) return message
    if (Date.now() > deadline) throw new Error(`no message to ${to} arrived`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The first link in a message body (magic URL, recovery, verification). */
export function linkIn(message: OutboxMessage): string {
  const link = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<>"']+/.exec(message.body)?.[0]
  if (!link) throw new Error(`no link in "${message.subject}"`)
  return link
}

/** The 6-digit code in a message body (e-mail OTP, SMS, MFA e-mail challenge). */
export function codeIn(message: OutboxMessage): string {
  const code = /\b\d{6}\b/.exec(message.body)?.[0]
  if (!code) throw new Error(`no code in "${message.subject}"`)
  return code
}
