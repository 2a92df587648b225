#!/usr/bin/env bash
# Starts the local AWS (ministack) in the background on 127.0.0.1:4566 and waits until it is healthy.
# Leaves an already running emulator alone. Lambda workers use the `node` first on PATH: run through npm so
# that it is the project's pinned Node 24.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if local_aws_healthy; then
  echo "local AWS: already running at $LOCAL_AWS_URL"
  exit 0
fi
bash "$LOCAL_AWS_DIR/install.sh"
mkdir -p "$STATE_DIR"

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [ "$node_major" != "24" ]; then
  echo "warning: the emulator's Lambda workers will run node $node_major, not 24; start it with 'npm start'." >&2
fi

echo "local AWS: starting ministack on $LOCAL_AWS_URL (log: $LOG_FILE)"
(
  cd "$STATE_DIR"
  BIND_HOST=127.0.0.1 GATEWAY_PORT="$LOCAL_AWS_PORT" LOG_LEVEL="${MINISTACK_LOG_LEVEL:-WARNING}" \
    nohup "$VENV_DIR/bin/ministack" >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
)

for _ in $(seq 1 120); do
  if local_aws_healthy; then
    echo "local AWS: healthy"
    exit 0
  fi
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "error: ministack exited during start; last lines of $LOG_FILE:" >&2
    tail -n 30 "$LOG_FILE" >&2
    exit 1
  fi
  sleep 0.5
done
echo "error: ministack did not become healthy within 60 s; see $LOG_FILE" >&2
exit 1
