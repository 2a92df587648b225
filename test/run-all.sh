#!/usr/bin/env bash
# `npm test`: every tier, in order. Lint and types; unit and infra (no network); then the local AWS (started
# here if it is not running), integration against it, the stack deployed into it, and e2e through its API.
# The tiers that need the local AWS run one after another, so timing-sensitive tests do not compete.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source localstack/env.sh

results="$STATE_DIR/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
tier() {
  local name=$1
  shift
  echo "== $name"
  vitest run "$@" --reporter=default --reporter=json --outputFile.json="$results/$name.json" || status=1
}

echo "== lint and types"
biome ci . || exit 1
tsc --noEmit || exit 1
# The project's Python tools (the emulator, and cfn-lint for the infra tier) in .venv; quick when installed.
bash localstack/install.sh || exit 1

tier offline --project unit --project infra

started_here=false
if ! local_aws_healthy; then
  bash localstack/start.sh || exit 1
  started_here=true
fi
stop_if_started() { [ "$started_here" = true ] && bash localstack/stop.sh >/dev/null || true; }
trap stop_if_started EXIT

# The console's browser tests (e2e) drive Debian's Chromium: installed when missing, meanwhile (a minute of
# apt-get on a fresh machine, no CPU to speak of).
bash test/support/install-chromium.sh >"$STATE_DIR/install-chromium.log" 2>&1 &
chromium_install=$!
tier integration --project integration
echo "== deploy the stack to the local AWS"
if bash localstack/deploy.sh; then
  wait "$chromium_install" || status=1
  cat "$STATE_DIR/install-chromium.log"
  tier e2e --project e2e
else
  echo '{"numFailedTestSuites":1}' >"$results/e2e.json"
  status=1
fi

node test/support/sum-results.mjs "$results"/offline.json "$results"/integration.json "$results"/e2e.json
exit $status
