/**
 * Query strings and form bodies the way PHP (and so Appwrite) reads them: `queries[0]=a&
 * queries[1]=b` and `scopes[]=x` become arrays, `prefs[theme]=dark` an object (appwrite-behaviour §1.5:
 * SDKs flatten arrays with indices). Everything else is a plain string.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue }

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    // A broken %-escape is kept literally; validation then rejects the value with a 400.
    return part
  }
}

const MAX_PAIRS = 1000

export function parseQueryString(input: string): Record<string, FormValue> {
  const out: Record<string, FormValue> = Object.create(null) as Record<string, FormValue>
  if (!input) return out
  const pairs = input.split('&')
  for (let i = 0; i < pairs.length && i < MAX_PAIRS; i++) {
    const pair = pairs[i] as string
    if (!pair) continue
    const eq = pair.indexOf('=')
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq))
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1))
    const bracket = rawKey.indexOf('[')
    if (bracket <= 0 || !rawKey.endsWith(']')) {
      out[rawKey] = value
      continue
    }
    // One level of nesting is all Account routes use (queries[], scopes[], prefs[key]).
    const name = rawKey.slice(0, bracket)
    const sub = rawKey.slice(bracket + 1, -1)
    if (sub === '' || /^\d+$/.test(sub)) {
      const current = out[name]
      const list: FormValue[] = Array.isArray(current) ? current : []
      if (sub === '') list.push(value)
      else {
        const index = Number(sub)
        if (index < MAX_PAIRS) list[index] = value
      }
      out[name] = list
    } else {
      const current = out[name]
      const object: Record<string, FormValue> =
        typeof current === 'object' && current !== null && !Array.isArray(current) ? current : (Object.create(null) as Record<string, FormValue>)
      object[sub] = value
      out[name] = object
    }
  }
  // Sparse indices (queries[5] without 0..4) collapse like PHP's array_values would not; keep order, drop holes.
  for (const key of Object.keys(out)) {
    const value = out[key]
    if (Array.isArray(value)) out[key] = value.filter((entry) => entry !== undefined)
  }
  return out
}
