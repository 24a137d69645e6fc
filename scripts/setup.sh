#!/usr/bin/env bash
# Installs what solieu needs on Debian 12 (when missing) and builds it.
# Called by run.sh and test.sh; safe to run again.
#
#   bash scripts/setup.sh [--tests] [--sanitize]
#
# --tests also installs what the test suite drives: a real browser (chromium,
# for the report page), a Dask cluster (python3-distributed) and the
# benchmark's anchors (uconv, rg). --sanitize builds into build-asan/ with
# AddressSanitizer and UndefinedBehaviorSanitizer instead of build/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TESTS=0 SANITIZE=0
for arg in "$@"; do
  case "$arg" in
    --tests) TESTS=1 ;;
    --sanitize) SANITIZE=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 1 ;;
  esac
done

PACKAGES=(build-essential cmake pkg-config python3
          libicu-dev libre2-dev libutf8proc-dev nlohmann-json3-dev doctest-dev libcli11-dev
          libgumbo-dev libsqlite3-dev libpcre2-dev)
if [ "$TESTS" = 1 ]; then
  PACKAGES+=(chromium fonts-dejavu-core python3-distributed icu-devtools ripgrep time)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ "$SANITIZE" = 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOLIEU_WERROR=ON -DSOLIEU_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
else
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOLIEU_WERROR=ON >/dev/null
  cmake --build build -j"$(nproc)"
fi
