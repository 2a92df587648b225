#!/usr/bin/env bash
# Bootstraps (once) and deploys the stack into the local AWS, then prints the API base URL.
# Re-running redeploys. Run through npm (`npm start`) so that CDK and the bundler use the project's Node 24.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PROJECT_DIR"

if ! local_aws_healthy; then
  echo "error: the local AWS is not running at $LOCAL_AWS_URL; start it with 'npm start' (or 'bash localstack/start.sh')." >&2
  exit 1
fi
stack="${STACK_NAME:-ServerlessScheduler}"
mkdir -p "$STATE_DIR"

started=$(date +%s)
# The CDK bootstrap stack's description: bootstrapped once it reached a *_COMPLETE state.
if ! toolkit_stack=$(curl -fsS -m 5 "$LOCAL_AWS_URL/?Action=DescribeStacks&StackName=CDKToolkit" 2>/dev/null) ||
  ! grep -q "CREATE_COMPLETE\|UPDATE_COMPLETE" <<<"$toolkit_stack"; then
  echo "local AWS: bootstrapping CDK"
  npx cdk bootstrap "aws://$CDK_DEFAULT_ACCOUNT/$AWS_REGION" --quiet >"$STATE_DIR/bootstrap.log" 2>&1 || {
    tail -n 40 "$STATE_DIR/bootstrap.log" >&2
    exit 1
  }
fi
echo "local AWS: deploying $stack"
npx cdk deploy "$stack" -c local=true -c stackName="$stack" --require-approval never --method=direct --progress events \
  --outputs-file "$STATE_DIR/outputs.json" >"$STATE_DIR/deploy.log" 2>&1 || {
  tail -n 60 "$STATE_DIR/deploy.log" >&2
  echo "error: deploy failed; full log: $STATE_DIR/deploy.log" >&2
  exit 1
}
echo "local AWS: deployed in $(($(date +%s) - started)) s"
node --import tsx localstack/print-endpoints.ts "$STATE_DIR/outputs.json" "$stack"
