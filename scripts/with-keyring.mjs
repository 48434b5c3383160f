#!/usr/bin/env node
// Runs a command with a real, unlocked, throw-away OS keychain: a private D-Bus session and a
// gnome-keyring unlocked with a fixed password in a fresh XDG_DATA_HOME
// (docs/toolchain.md, "A real keychain without a desktop").
// Already inside such a session (AC_KEYRING_SESSION=1)? Then it just runs the command.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const command = process.argv.slice(2)
if (command.length === 0) {
  console.error('usage: with-keyring.mjs <command> [args...]')
  process.exit(2)
}

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0
}

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (result.error) {
    console.error(`could not run ${cmd}: ${result.error.message}`)
    return 1
  }
  return result.status ?? 1
}

if (process.env.AC_KEYRING_SESSION === '1') process.exit(run(command[0], command.slice(1), process.env))

if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
  console.warn(
    'with-keyring: dbus-run-session or gnome-keyring-daemon is missing; running without a keychain (the app will fall back to memory and keychain journeys will fail). Install: apt-get install -y dbus gnome-keyring',
  )
  process.exit(run(command[0], command.slice(1), process.env))
}

const dataHome = mkdtempSync(join(tmpdir(), 'ac-keyring-'))
const env = { ...process.env, XDG_DATA_HOME: dataHome, AC_KEYRING_SESSION: '1' }
// The daemon keeps the password of its first unlock, so every run uses a new folder and the
// same password (docs/toolchain.md gotcha 6). It exits with the private bus when the command ends.
const script = 'printf %s "$AC_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"'
const status = run('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], { ...env, AC_KEYRING_PASSWORD: 'account-console-tests' })
rmSync(dataHome, { recursive: true, force: true })
process.exit(status)
