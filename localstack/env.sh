# Shared settings for the local AWS scripts. Sourced, not run.
LOCAL_AWS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$LOCAL_AWS_DIR/.." && pwd)"
VENV_DIR="${MINISTACK_VENV:-$PROJECT_DIR/.venv}"
STATE_DIR="$PROJECT_DIR/.local-aws"
LOCAL_AWS_PORT="${GATEWAY_PORT:-4566}"
LOCAL_AWS_URL="http://127.0.0.1:${LOCAL_AWS_PORT}"
PID_FILE="$STATE_DIR/ministack.pid"
LOG_FILE="$STATE_DIR/ministack.log"

# Every AWS client of the project (SDK, CDK CLI) talks to the emulator with dummy credentials.
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-$LOCAL_AWS_URL}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export CDK_DEFAULT_ACCOUNT="${CDK_DEFAULT_ACCOUNT:-000000000000}"
export CDK_DEFAULT_REGION="$AWS_REGION"

local_aws_healthy() {
  curl -fsS -m 2 "$LOCAL_AWS_URL/_ministack/health" >/dev/null 2>&1
}
