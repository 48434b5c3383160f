/**
 * The size rule for account preferences, shared by the Preferences screen (to show the size as
 * you type) and the core handler (to refuse before sending).
 *
 * Appwrite accepts `PATCH /account/prefs` only when the JSON-encoded object is at most 65 535
 * characters (appwrite-behaviour §3.2). Appwrite encodes with PHP's `json_encode` defaults, which write `/`
 * as `\/` and every character outside ASCII as `\uXXXX` (one escape per UTF-16 unit), so the same
 * object is longer there than `JSON.stringify` says. We count the way PHP does, so the console
 * never calls an object valid that a real server must refuse.
 */
export const PREFERENCES_MAX_ENCODED_LENGTH = 65_535

/** The length of `prefs` as Appwrite measures it (PHP `json_encode` defaults). */
export function encodedPreferencesLength(prefs: Readonly<Record<string, unknown>>): number {
  const encoded = JSON.stringify(prefs)
  let length = encoded.length
  for (let i = 0; i < encoded.length; i += 1) {
    const unit = encoded.charCodeAt(i)
    if (unit === 0x2f)
      length += 1 // `/` → `\/`
    else if (unit > 0x7f) length += 5 // one UTF-16 unit → `\uXXXX`
  }
  return length
}

/** A plain JSON object (not an array, not null): the only shape Appwrite stores as prefs. */
export function isPreferencesObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
