/**
 * The Developer panel's JWT: created in core, put on the clipboard from main (and off it again
 * after a minute, if it is still there), and described to
 * the window only by its expiry and a short, harmless preview. The token itself never crosses the
 * bridge (a JWT acts as the user until it expires).
 *
 * Appwrite's account JWT carries only `userId`, `sessionId` and `exp` (appwrite-behaviour §5). Servers
 * before 1.9 ignore `duration` and always give 15 minutes, so the expiry shown is read from the
 * token's own `exp`, not assumed from what we asked for.
 */
import type { AccountClient } from '../appwrite'
import type { Host } from '../host'

/** Appwrite's default JWT lifetime (appwrite-behaviour §5, §12). */
export const DEFAULT_JWT_SECONDS = 900
/** The preview shows the JWT header's first characters: the same for every token, so it says nothing. */
const PREVIEW_LENGTH = 10

export interface CreatedJwt {
  readonly expiresAt: string
  readonly preview: string
}

/** `exp` from the JWT payload (seconds), or null when the token is not a JWT we can read. */
export function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1]
  if (!payload) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof claims !== 'object' || claims === null) return null
    const exp = (claims as { exp?: unknown }).exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : null
  } catch {
    return null
  }
}

/** How long a copied JWT may stay on the clipboard: long enough to paste it, not forever. */
export const JWT_CLIPBOARD_MS = 60_000

export type Schedule = (ms: number, run: () => void) => () => void

const realSchedule: Schedule = (ms, run) => {
  const timer = setTimeout(run, ms)
  timer.unref?.()
  return () => clearTimeout(timer)
}

/**
 * Puts a secret on the clipboard and takes it off again after JWT_CLIPBOARD_MS, unless the person
 * copied something else meanwhile (the host compares, so we never read what they copied).
 */
export class ClipboardSecret {
  #cancel: (() => void) | null = null

  constructor(
    private readonly host: Pick<Host, 'copyText' | 'clearClipboardIf' | 'log'>,
    private readonly schedule: Schedule = realSchedule,
  ) {}

  async copy(text: string): Promise<void> {
    this.#cancel?.()
    await this.host.copyText(text)
    this.#cancel = this.schedule(JWT_CLIPBOARD_MS, () => {
      this.#cancel = null
      this.host
        .clearClipboardIf(text)
        .catch((error: unknown) => this.host.log(`clearing the clipboard failed: ${error instanceof Error ? error.message : String(error)}`))
    })
  }
}

export async function createJwtOnClipboard(
  host: Pick<Host, 'now'>,
  clipboard: ClipboardSecret,
  client: AccountClient,
  duration: number | undefined,
): Promise<CreatedJwt> {
  const { jwt } = await client.createJWT(duration === undefined ? {} : { duration })
  await clipboard.copy(jwt)
  const exp = jwtExpiry(jwt)
  const expiresAtMs = exp !== null ? exp * 1000 : host.now() + (duration ?? DEFAULT_JWT_SECONDS) * 1000
  return { expiresAt: new Date(expiresAtMs).toISOString(), preview: `${jwt.slice(0, PREVIEW_LENGTH)}…` }
}
