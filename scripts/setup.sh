#!/usr/bin/env bash
# Installs what dyad needs from Debian (only what is missing), then builds
# it into build/.  Run as root on Debian bookworm, or with sudo available.
# Extra arguments are passed to `meson setup` (e.g. -Dwerror=true).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential meson ninja-build pkg-config
          libjansson-dev libutf8proc-dev libxml2-dev zlib1g-dev libcmocka-dev
          libsqlite3-dev wordnet-base iso-codes python3)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f build/build.ninja ]; then
    meson setup build "$@"
elif (($#)); then
    meson configure build "$@"
fi
ninja -C build
