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

# node-gyp must build keytar against the local Node headers (no download): toolchain gotcha 7.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
