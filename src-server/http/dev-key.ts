/**
 * The gate in front of every sandbox-only route under `/v1/dev/` (the outbox today; any later
 * dev route gets the same check by living under that prefix). Those routes hand out live
 * secrets, so they are off the network unless asked for:
 * - the app's embedded sandbox has no dev key → the routes do not exist (404); the app reads
 *   the outbox in-process;
 * - `npm run server` has one (`--dev-key`, or random and printed) → requests must carry it in
 *   `X-Sandbox-Dev-Key`. Browsers cannot add that header cross-origin without a preflight, and
 *   dev routes answer no CORS headers, so no web page can read them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { AppwriteError } from '../errors'
import type { Sandbox } from '../sandbox'

export const DEV_KEY_HEADER = 'x-sandbox-dev-key'
/** Paths (below the `/v1` prefix) that need the key. */
export const DEV_PATH_PREFIX = '/dev/'
/** Shorter keys are guessable; the CLI refuses them. */
export const MIN_DEV_KEY_LENGTH = 16

export function randomDevKey(): string {
  return randomBytes(24).toString('base64url')
}

/** Same length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/** Throws unless the request may use a dev route: 404 without a key configured, 401 without the right key. */
export function assertDevAccess(app: Sandbox, req: IncomingMessage): void {
  if (app.devKey === null) throw new AppwriteError('general_route_not_found')
  const raw = req.headers[DEV_KEY_HEADER]
  const given = Array.isArray(raw) ? raw[0] : raw
  if (given === undefined || given === '') {
    throw new AppwriteError(
      'general_unauthorized_scope',
      'Sandbox dev routes need the X-Sandbox-Dev-Key header: use the key `npm run server` printed (or the --dev-key you gave it).',
      401,
    )
  }
  if (!timingSafeEqual(digest(given), digest(app.devKey))) {
    throw new AppwriteError('general_unauthorized_scope', 'The X-Sandbox-Dev-Key header does not match this sandbox’s dev key.', 401)
  }
}
