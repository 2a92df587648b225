#!/usr/bin/env bash
# The console's browser tests (test/e2e/console*.test.ts) drive Debian's Chromium: Playwright's own browser
# downloads are not reachable from CI. Installs it when /usr/bin/chromium is missing; idempotent and quick
# when it is there. No Firefox: Playwright drives only its own patched Firefox builds (not reachable here),
# not Debian's firefox-esr.
set -uo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
echo "browser tests: $chromium is missing; installing Debian's chromium package"
sudo_if_needed=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo_if_needed=(sudo -n); else
    echo "error: $chromium is missing and this user cannot install packages; run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo_if_needed[@]}" apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; then
  # A fresh machine has no package lists yet.
  "${sudo_if_needed[@]}" apt-get update >/dev/null 2>&1 || true
  "${sudo_if_needed[@]}" apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
    echo "error: could not install chromium with apt-get; the console's browser tests need $chromium." >&2
    exit 1
  }
fi
echo "browser tests: $("$chromium" --version 2>/dev/null | head -n 1)"
