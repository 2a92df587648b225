#!/usr/bin/env bash
# Installs the pinned emulator into a project-local virtualenv. Idempotent: quick when already installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

req="$LOCAL_AWS_DIR/requirements.txt"
stamp="$VENV_DIR/.requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ -x "$VENV_DIR/bin/ministack" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

py="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$py" ]; then
  echo "error: python3 is not on PATH; the local AWS (ministack) needs Python >= 3.10 with venv and pip." >&2
  exit 1
fi
if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "error: $("$py" --version 2>&1) is too old; ministack needs Python >= 3.10." >&2
  exit 1
fi
if [ ! -x "$VENV_DIR/bin/python" ]; then
  echo "local AWS: creating virtualenv $VENV_DIR"
  "$py" -m venv "$VENV_DIR" || {
    echo "error: '$py -m venv' failed; install Python's venv module (Debian: apt-get install python3-venv)." >&2
    exit 1
  }
fi
echo "local AWS: installing $(grep -v '^#' "$req" | tr '\n' ' ')"
"$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" || {
  echo "error: pip could not install the emulator; is PyPI reachable?" >&2
  exit 1
}
echo "$want" >"$stamp"
