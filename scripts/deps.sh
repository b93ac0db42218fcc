#!/bin/sh
# SPDX-License-Identifier: ISC
# Installs the Debian packages sotto needs to build and test, when they are missing. As root it
# runs apt-get; otherwise it prints the exact command and exits non-zero. Debian 12 (bookworm).
set -eu
pkgs="gcc make cmake ninja-build pkg-config binutils clang libclang-rt-14-dev llvm clang-format
valgrind libsodium-dev libgcrypt20-dev libuv1-dev libcmocka-dev libjansson-dev"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
# Node.js (differential tests against @noble/*): any node >= 18 will do, from Debian or elsewhere.
if ! command -v node >/dev/null 2>&1; then
    missing="$missing nodejs"
fi
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi
if [ -z "$missing" ]; then
    echo "deps: all present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing:$missing" >&2
    echo "deps: run as root: apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
echo "deps: installed:$missing"
