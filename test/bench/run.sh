#!/usr/bin/env bash
# `npm run bench`: the local AWS up (started here if needed), the stack deployed, then every benchmark.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source localstack/env.sh
started_here=false
if ! local_aws_healthy; then
  bash localstack/start.sh
  started_here=true
fi
trap '[ "$started_here" = true ] && bash localstack/stop.sh >/dev/null || true' EXIT
bash localstack/deploy.sh >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, node $(node --version), $(date -u +%Y-%m-%d)"
LOG_LEVEL=silent tsx test/bench/run.ts "$@"
