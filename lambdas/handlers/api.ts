import { AwsHealthProbe } from '../adapters/aws-health-probe.js';
import { documentClient, dynamodbClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbDeadFireStore } from '../adapters/dynamodb-dead-fire-store.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.js';
import { DynamoDbReconcilerIndex } from '../adapters/dynamodb-reconciler-index.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { DynamoDbSigningGenerations } from '../adapters/dynamodb-signing-generations.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-schedule-registry.js';
import { schedulerClient } from '../adapters/scheduler-client.js';
import { SqsDispatchQueue } from '../adapters/sqs-dispatch-queue.js';
import { readApiConfig } from '../config.js';
import { newJobId } from '../domain/job-id.js';
import { MetricService } from '../domain/metrics.js';
import { createApiHandler } from '../http/api-handler.js';
import type { ApiDeps } from '../http/api-router.js';
import { type SigningMasterKey, systemClock } from '../use-cases/ports.js';

const config = readApiConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, MetricService.Api);

// Secrets Manager's client is a chunk loaded by the signing-secret routes on first use, not on every cold start.
let masterKey: Promise<SigningMasterKey> | undefined;
const signingMasterKey: SigningMasterKey = async () => {
  masterKey ??= Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('../adapters/signing-master-key.js'),
  ]).then(([{ SecretsManagerClient }, { secretMasterKey }]) =>
    secretMasterKey(new SecretsManagerClient({}), config.SIGNING_MASTER_KEY_SECRET_ID),
  );
  return (await masterKey)();
};

const deps: ApiDeps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  repairs: new DynamoDbReconcilerIndex(documentClient, config.TABLE_NAME),
  // The API only reads runs; their retention is the executor's business.
  runs: new DynamoDbRunStore(documentClient, config.TABLE_NAME, 1),
  schedules: new EventBridgeScheduleRegistry(schedulerClient, {
    groupName: config.SCHEDULE_GROUP_NAME,
    dispatchQueueArn: config.DISPATCH_QUEUE_ARN,
    schedulerRoleArn: config.SCHEDULER_ROLE_ARN,
    deadLetterQueueArn: config.DEAD_LETTER_QUEUE_ARN,
  }),
  dispatch: new SqsDispatchQueue(sqsClient, config.DISPATCH_QUEUE_URL),
  deadFires: new DynamoDbDeadFireStore(documentClient, config.TABLE_NAME),
  health: new AwsHealthProbe(
    { dynamodb: dynamodbClient, sqs: sqsClient, scheduler: schedulerClient },
    {
      tableName: config.TABLE_NAME,
      queueUrl: config.DISPATCH_QUEUE_URL,
      scheduleGroupName: config.SCHEDULE_GROUP_NAME,
    },
  ),
  signingGenerations: new DynamoDbSigningGenerations(documentClient, config.TABLE_NAME),
  signingMasterKey,
  clock: systemClock,
  newJobId,
  targetPolicy: {
    insecureHostsAllowed: config.HTTP_TARGET_INSECURE_HOSTS,
    httpTargetPorts: config.HTTP_TARGET_PORTS,
    arnAllowlist: config.TARGET_ARN_ALLOWLIST,
    tenantArnAllowlists: config.TENANT_TARGET_ARN_ALLOWLISTS,
    serviceResourcePrefix: config.SERVICE_RESOURCE_PREFIX,
  },
  jobQuota: config.JOB_QUOTA_PER_TENANT,
  iamTenantFrom: config.IAM_TENANT_FROM,
  rateLimiter: new DynamoDbRateLimiter(documentClient, config.TABLE_NAME, config.RATE_LIMITS),
  version: config.SERVICE_VERSION,
  metrics,
};

/** The jobs API: HTTP API (payload 2.0) → route → use case → JSON or problem+json. */
export const handler = createApiHandler(deps, metrics);
