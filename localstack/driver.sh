#!/usr/bin/env bash
# The local schedule driver (localstack/schedule-driver/): `driver.sh start|stop|status`. Started by start.sh
# with the emulator it fires for; its pid and log are in .local-aws/. Run through npm so `node` is 24.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p "$STATE_DIR"

running() { [ -f "$DRIVER_PID_FILE" ] && kill -0 "$(cat "$DRIVER_PID_FILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    if running; then
      echo "schedule driver: already running (pid $(cat "$DRIVER_PID_FILE"))"
      exit 0
    fi
    echo "schedule driver: starting (log: $DRIVER_LOG_FILE)"
    (
      cd "$PROJECT_DIR"
      nohup node --import tsx localstack/schedule-driver/main.ts >>"$DRIVER_LOG_FILE" 2>&1 &
      echo $! >"$DRIVER_PID_FILE"
    )
    for _ in $(seq 1 60); do
      if ! running; then
        rm -f "$DRIVER_PID_FILE"
        tail -n 1 "$DRIVER_LOG_FILE"
        exit 0
      fi
      if tail -n 1 "$DRIVER_LOG_FILE" | grep -q "driving the schedules"; then
        echo "schedule driver: running (pid $(cat "$DRIVER_PID_FILE"))"
        exit 0
      fi
      sleep 0.25
    done
    echo "error: the schedule driver did not start within 15 s; see $DRIVER_LOG_FILE" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$DRIVER_PID_FILE")
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      echo "schedule driver: stopped (pid $pid)"
    fi
    rm -f "$DRIVER_PID_FILE"
    ;;
  status)
    if running; then echo "schedule driver: running (pid $(cat "$DRIVER_PID_FILE"))"; else echo "schedule driver: not running"; exit 1; fi
    ;;
  *)
    echo "usage: bash localstack/driver.sh start|stop|status" >&2
    exit 2
    ;;
esac
