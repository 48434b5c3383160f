/**
 * The last line of a switch that handles every member of a union: TypeScript refuses to compile
 * it while a member is unhandled (lint's switch-exhaustiveness-check says the same), and if a value
 * the types did not foresee arrives anyway (an old profile file, a newer server), it fails loudly.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
