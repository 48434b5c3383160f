// keytar over stdio, one JSON request per line: {id, op: 'get'|'set'|'delete', service, account, password?}
// → {id, ok, value?, error?}. Started by keychain-unavailable.ts inside a D-Bus session without a
// Secret Service, so every answer is what keytar/libsecret really say on such a system.
import { createInterface } from 'node:readline'

let keytar = null
let loadError = null
try {
  const mod = await import('keytar')
  keytar = mod.default ?? mod
} catch (error) {
  loadError = error
}

function reply(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`)
}

// Loaded (or not): the harness waits for this before the app's probe starts its clock.
reply({ ready: true })

function run(op, service, account, password) {
  if (op === 'get') return keytar.getPassword(service, account)
  if (op === 'set') return keytar.setPassword(service, account, password)
  if (op === 'delete') return keytar.deletePassword(service, account)
  return Promise.reject(new Error(`unknown op ${op}`))
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let request
  try {
    request = JSON.parse(line)
  } catch {
    return
  }
  const { id, op, service, account, password } = request
  if (loadError) {
    reply({ id, ok: false, error: String(loadError?.message ?? loadError) })
    return
  }
  run(op, service, account, password).then(
    (value) => reply({ id, ok: true, value: value === undefined ? null : value }),
    (error) => reply({ id, ok: false, error: String(error?.message ?? error) }),
  )
})
