/**
 * Declarative parameter validation with Appwrite's wording (appwrite-behaviour §2): a failing value gives
 * 400 general_argument_invalid `Invalid \`<param>\` param: <description>`, a missing required
 * one `Param "<name>" is not optional.` Descriptions follow utopia-php's validators.
 *
 * A route declares `params: { email: required(email()), name: optional(text(128), '') }` and
 * its handler receives the validated, typed values.
 */
import { AppwriteError, invalidParam, missingParam } from '../errors'
import { APPWRITE_ID_PATTERN, PHONE_PATTERN } from '../../src-shared/appwrite-rules'
import type { Sandbox } from '../sandbox'
import { isCommonPassword } from '../domain/common-passwords'

export type CheckResult<T> =
  | { readonly ok: true; readonly value: T }
  /** `queryError`: a query that does not parse or names an unsupported method → general_query_invalid (§2). */
  | { readonly ok: false; readonly description: string; readonly queryError?: boolean }

/** What a validator may consult besides the value: the project. */
export interface ValidationEnv {
  readonly app: Sandbox
}

export interface Validator<T> {
  /** Check a present (non-null) value and normalise it. */
  check(value: unknown, env: ValidationEnv): CheckResult<T>
}

export interface ParamSpec<T> {
  readonly validator: Validator<T>
  readonly optional: boolean
  readonly defaultValue: T | undefined
}

export type ParamSpecs = Readonly<Record<string, ParamSpec<unknown>>>

export type ParamValues<P extends ParamSpecs> = {
  readonly [K in keyof P]: P[K] extends ParamSpec<infer T> ? T : never
}

export function required<T>(validator: Validator<T>): ParamSpec<T> {
  return { validator, optional: false, defaultValue: undefined }
}

export function optional<T>(validator: Validator<T>, defaultValue: T): ParamSpec<T> {
  return { validator, optional: true, defaultValue }
}

const ok = <T>(value: T): CheckResult<T> => ({ ok: true, value })
const fail = (description: string): CheckResult<never> => ({ ok: false, description })

/**
 * Validate raw request values against specs. Missing or `null` → default (optional) or
 * "not optional" (required). An empty string for an optional param also means "use the
 * default", as utopia-php does.
 */
export function validateParams<P extends ParamSpecs>(specs: P, raw: Readonly<Record<string, unknown>>, env: ValidationEnv): ParamValues<P> {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(specs)) {
    const spec = specs[name] as ParamSpec<unknown>
    const value = Object.prototype.hasOwnProperty.call(raw, name) ? raw[name] : undefined
    if (value === undefined || value === null || (spec.optional && value === '')) {
      if (!spec.optional) throw missingParam(name)
      out[name] = spec.defaultValue
      continue
    }
    const result = spec.validator.check(value, env)
    if (!result.ok) throw result.queryError ? new AppwriteError('general_query_invalid', result.description) : invalidParam(name, result.description)
    out[name] = result.value
  }
  return out as ParamValues<P>
}

/** utopia Text: a string of at most `max` characters (code points), at least `min`. */
export function text(max: number, min = 0): Validator<string> {
  let description = 'Value must be a valid string'
  if (min > 0) description += ` and at least ${min} chars`
  if (max > 0) description += ` and no longer than ${max} chars`
  return {
    check(value) {
      if (typeof value !== 'string') return fail(description)
      const length = countCodePoints(value)
      if ((max > 0 && length > max) || length < min) return fail(description)
      return ok(value)
    },
  }
}

function countCodePoints(value: string): number {
  let count = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) i++
    count++
  }
  return count
}

const KEY_DESCRIPTION =
  "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char"

/** UID: ≤36 of `[A-Za-z0-9._-]`, not starting with a special char. */
export function uid(): Validator<string> {
  return {
    check(value) {
      return typeof value === 'string' && APPWRITE_ID_PATTERN.test(value) ? ok(value) : fail(KEY_DESCRIPTION)
    },
  }
}

/** CustomId: a UID or the literal `unique()` (resolved later by the handler). */
export function customId(): Validator<string> {
  return {
    check(value) {
      return typeof value === 'string' && (value === 'unique()' || APPWRITE_ID_PATTERN.test(value)) ? ok(value) : fail(KEY_DESCRIPTION)
    },
  }
}

/** Session id path parameter: a UID or `current`. */
export const sessionIdParam = uid

// PHP FILTER_VALIDATE_EMAIL, approximately: dot-atom local part, dotted hostname domain.
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value)
}

export function email(): Validator<string> {
  return {
    check(value) {
      return typeof value === 'string' && isValidEmail(value) ? ok(value) : fail('Value must be a valid email address')
    },
  }
}

const PASSWORD_DESCRIPTION = 'Password must be between 8 and 256 characters long.'
const DICTIONARY_DESCRIPTION = 'Password must be between 8 and 256 characters and should not be one of the commonly used password.'

/**
 * Password: 8–256 bytes (PHP strlen), plus the common-password dictionary when the project
 * enables it — Appwrite swaps the validator, so that failure is a param error too (§5).
 */
export function password(options: { dictionary: boolean } = { dictionary: true }): Validator<string> {
  return {
    check(value, env) {
      const useDictionary = options.dictionary && env.app.config.passwordDictionary
      const description = useDictionary ? DICTIONARY_DESCRIPTION : PASSWORD_DESCRIPTION
      if (typeof value !== 'string') return fail(description)
      const bytes = Buffer.byteLength(value, 'utf8')
      if (bytes < 8 || bytes > 256) return fail(description)
      if (useDictionary && isCommonPassword(value)) return fail(description)
      return ok(value)
    },
  }
}

export function phone(): Validator<string> {
  return {
    check(value) {
      return typeof value === 'string' && PHONE_PATTERN.test(value)
        ? ok(value)
        : fail("Phone number must start with a '+' can have a maximum of fifteen digits.")
    },
  }
}

/** utopia Boolean in loose mode: JSON booleans and the strings/numbers 1, 0, true, false. */
export function boolean(strict = false): Validator<boolean> {
  return {
    check(value) {
      if (typeof value === 'boolean') return ok(value)
      if (!strict) {
        if (value === 'true' || value === '1' || value === 1) return ok(true)
        if (value === 'false' || value === '0' || value === 0) return ok(false)
      }
      return fail('Value must be a valid boolean')
    },
  }
}

/** utopia Range (integers): numbers or numeric strings within [min, max]. */
export function integerRange(min: number, max: number): Validator<number> {
  const description = `Value must be a valid range between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`
  return {
    check(value) {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN
      if (!Number.isInteger(number) || number < min || number > max) return fail(description)
      return ok(number)
    },
  }
}

export function oneOf<T extends string>(values: readonly T[]): Validator<T> {
  const description = `Value must be one of (${values.join(', ')})`
  return {
    check(value) {
      return typeof value === 'string' && (values as readonly string[]).includes(value) ? ok(value as T) : fail(description)
    },
  }
}

/** utopia ArrayList: an array of at most `maxItems` entries, each passing `item`. */
export function arrayOf<T>(item: Validator<T>, maxItems: number, itemDescription: string): Validator<T[]> {
  const description = `Value must a valid array no longer than ${maxItems} items and ${itemDescription}`
  return {
    check(value, env) {
      if (!Array.isArray(value) || value.length > maxItems) return fail(description)
      const out: T[] = []
      for (const entry of value) {
        const result = item.check(entry, env)
        if (!result.ok) return fail(description)
        out.push(result.value)
      }
      return ok(out)
    },
  }
}

/**
 * utopia Assoc for `prefs`: a JSON object (a PHP empty array `[]` counts as one) whose
 * encoding is at most 65 535 characters.
 */
export function jsonObject(maxEncodedLength = 65_535): Validator<Record<string, unknown>> {
  const description = 'Value must be a valid object.'
  return {
    check(value) {
      // A JSON *string* is not an object, whatever it holds (Appwrite's Assoc accepts arrays only).
      const candidate: unknown = value
      if (Array.isArray(candidate) && candidate.length === 0) return ok({})
      if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return fail(description)
      const encoded = JSON.stringify(candidate)
      if (encoded.length > maxEncodedLength) return fail(description)
      return ok(candidate as Record<string, unknown>)
    },
  }
}
