#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs before `npm start` or `npm test`, idempotent.
# apt: chromium (e2e browser), libsecret-1-dev (keytar builds from source), gnome-keyring + dbus
# (a real keychain for the tests and the app). Then the locked npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libsecret-1-dev gnome-keyring dbus)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Which Node this is, and what it is enough for: the app's code, its tests and the sandbox need 20.19
# or newer; Electron's own installer (electron, @electron/get) asks for 22.12 or newer, so on Node 20
# `npm ci` warns about it and the Electron binary has to come from elsewhere (see the README).
node_version=$(node -p 'process.versions.node')
node_at_least() { node -e "const [a,b]=process.versions.node.split('.').map(Number); process.exit(a>$1||(a===$1&&b>=$2)?0:1)"; }
if ! node_at_least 20 19; then
  echo "setup: Node $node_version found; Account Console needs Node 20.19 or newer." >&2
  exit 1
elif node_at_least 22 12; then
  echo "setup: Node $node_version found: enough for the app, its tests and Electron's installer."
else
  echo "setup: Node $node_version found: enough for the app's code, its tests and the sandbox; Electron's installer asks for 22.12 or newer, so npm warns about it (EBADENGINE); npm start needs the Electron binary that installer fetches."
fi

# node-gyp must build keytar against the local Node headers (no download): docs/toolchain.md gotcha 7.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
