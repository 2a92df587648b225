# Shared settings for the local AWS scripts. Sourced, not run.
LOCAL_AWS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$LOCAL_AWS_DIR/.." && pwd)"
VENV_DIR="${MINISTACK_VENV:-$PROJECT_DIR/.venv}"
STATE_DIR="$PROJECT_DIR/.local-aws"
LOCAL_AWS_PORT="${GATEWAY_PORT:-4566}"
LOCAL_AWS_URL="http://127.0.0.1:${LOCAL_AWS_PORT}"
PID_FILE="$STATE_DIR/ministack.pid"
LOG_FILE="$STATE_DIR/ministack.log"
DRIVER_PID_FILE="$STATE_DIR/schedule-driver.pid"
DRIVER_LOG_FILE="$STATE_DIR/schedule-driver.log"

# The one switch (localstack/local-aws.ts holds the rest of what differs; a unit test keeps both in step):
# ministack (default: no Docker, no token) or localstack (Docker and LOCALSTACK_AUTH_TOKEN).
export LOCAL_AWS="${LOCAL_AWS:-ministack}"
case "$LOCAL_AWS" in
  ministack) LOCAL_AWS_HEALTH_PATH=/_ministack/health ;;
  localstack) LOCAL_AWS_HEALTH_PATH=/_localstack/health ;;
  *)
    echo "error: LOCAL_AWS='$LOCAL_AWS' is not a local AWS this project knows; use one of: ministack, localstack." >&2
    return 1 2>/dev/null || exit 1
    ;;
esac
# The local schedule driver (localstack/schedule-driver/) fires schedules as EventBridge Scheduler does:
# on by default, since neither emulator does (LocalStack never fires; ministack fires cron in UTC and
# never substitutes <aws.scheduler.scheduled-time>). LOCAL_SCHEDULE_DRIVER=off leaves firing to ministack.
export LOCAL_SCHEDULE_DRIVER="${LOCAL_SCHEDULE_DRIVER:-on}"

# Every AWS client of the project (SDK, CDK CLI) talks to the emulator with dummy credentials.
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-$LOCAL_AWS_URL}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export CDK_DEFAULT_ACCOUNT="${CDK_DEFAULT_ACCOUNT:-000000000000}"
export CDK_DEFAULT_REGION="$AWS_REGION"
LOCAL_AWS_HEALTH_URL="${AWS_ENDPOINT_URL%/}$LOCAL_AWS_HEALTH_PATH"

local_aws_healthy() {
  curl -fsS -m 2 "$LOCAL_AWS_HEALTH_URL" >/dev/null 2>&1
}
