#!/usr/bin/env bash
# `npm test`: every tier. Lint and types, then the local AWS (started here if it is not running), the stack
# deployed into it, and one Vitest run over the unit, infra, integration and e2e tiers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source localstack/env.sh

echo "== lint and types"
biome ci .
tsc --noEmit

started_here=false
if ! local_aws_healthy; then
  bash localstack/start.sh
  started_here=true
fi
stop_if_started() { [ "$started_here" = true ] && bash localstack/stop.sh >/dev/null || true; }
trap stop_if_started EXIT

echo "== deploy the stack to the local AWS"
bash localstack/deploy.sh

echo "== unit, infra, integration and e2e tiers"
vitest run --reporter=default --reporter=./test/support/summary-reporter.ts "$@"
