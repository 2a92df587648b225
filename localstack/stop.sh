#!/usr/bin/env bash
# Stops the local AWS started by start.sh, and its schedule driver. With --reset, also forgets deployed state (a
# fresh emulator holds nothing: ministack keeps its state in memory).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

bash "$LOCAL_AWS_DIR/driver.sh" stop
if [ "$LOCAL_AWS" = localstack ]; then
  docker compose -f "$LOCAL_AWS_DIR/docker-compose.yml" stop localstack >/dev/null 2>&1 &&
    echo "local AWS: LocalStack stopped" || echo "local AWS: no LocalStack container to stop"
elif [ -f "$PID_FILE" ]; then
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    echo "local AWS: stopped (pid $pid)"
  fi
  rm -f "$PID_FILE"
else
  echo "local AWS: no pid file; nothing started by these scripts is running"
fi
if [ "${1:-}" = "--reset" ]; then
  rm -rf "$STATE_DIR"
  echo "local AWS: state reset"
fi
