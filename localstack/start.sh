#!/usr/bin/env bash
# Starts the local AWS chosen by LOCAL_AWS (ministack by default; see env.sh) on 127.0.0.1:4566, waits until it
# is healthy, and starts the local schedule driver with it (LOCAL_SCHEDULE_DRIVER=off: not). Leaves an already
# running emulator alone, and then its schedules to whatever started it. Lambda workers use the `node` first on
# PATH: run through npm so that it is the project's pinned Node 24.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

wait_healthy() { # <seconds> <pid file or empty> <what>
  for _ in $(seq 1 $(($1 * 2))); do
    if local_aws_healthy; then
      echo "local AWS: healthy"
      return 0
    fi
    if [ -n "$2" ] && ! kill -0 "$(cat "$2")" 2>/dev/null; then
      echo "error: $3 exited during start; last lines of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "error: $3 did not become healthy within $1 s at $LOCAL_AWS_HEALTH_URL; see $LOG_FILE" >&2
  return 1
}

start_ministack() {
  bash "$LOCAL_AWS_DIR/install.sh"
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
  if [ "$node_major" != "24" ]; then
    echo "warning: the emulator's Lambda workers will run node $node_major, not 24; start it with 'npm start'." >&2
  fi
  # With the driver, ministack's own Scheduler sweep stays off, so each fire is delivered once (by the driver).
  local launch=("$VENV_DIR/bin/ministack") sweep=on
  if [ "$LOCAL_SCHEDULE_DRIVER" = on ]; then
    launch=("$VENV_DIR/bin/python" "$LOCAL_AWS_DIR/ministack-driven.py")
    sweep=off
  fi
  echo "local AWS: starting ministack on $LOCAL_AWS_URL (its Scheduler sweep $sweep; log: $LOG_FILE)"
  (
    cd "$STATE_DIR"
    BIND_HOST=127.0.0.1 GATEWAY_PORT="$LOCAL_AWS_PORT" LOG_LEVEL="${MINISTACK_LOG_LEVEL:-WARNING}" \
      nohup "${launch[@]}" >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
  )
  wait_healthy 60 "$PID_FILE" ministack
}

start_localstack() {
  if ! command -v docker >/dev/null 2>&1; then
    echo "error: LOCAL_AWS=localstack runs LocalStack in Docker, and docker is not on PATH. Install Docker, or use the default LOCAL_AWS=ministack (no Docker, no token)." >&2
    return 1
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "error: LOCAL_AWS=localstack needs a running Docker daemon ('docker info' fails). Start Docker, or use LOCAL_AWS=ministack." >&2
    return 1
  fi
  if [ -z "${LOCALSTACK_AUTH_TOKEN:-}" ]; then
    echo "error: LOCAL_AWS=localstack needs LOCALSTACK_AUTH_TOKEN (LocalStack requires an auth token since March 2026; https://app.localstack.cloud). Or use LOCAL_AWS=ministack." >&2
    return 1
  fi
  echo "local AWS: starting LocalStack in Docker on $LOCAL_AWS_URL (log: $LOG_FILE)"
  docker compose -f "$LOCAL_AWS_DIR/docker-compose.yml" up -d localstack >"$LOG_FILE" 2>&1 || {
    tail -n 30 "$LOG_FILE" >&2
    return 1
  }
  wait_healthy 120 "" LocalStack
}

mkdir -p "$STATE_DIR"
if local_aws_healthy; then
  echo "local AWS: already running at $AWS_ENDPOINT_URL; its schedules are fired by whatever started it"
  exit 0
fi
case "$LOCAL_AWS" in
  ministack) start_ministack ;;
  localstack) start_localstack ;;
esac
if [ "$LOCAL_SCHEDULE_DRIVER" = on ]; then
  bash "$LOCAL_AWS_DIR/driver.sh" start
fi
