import { AwsHealthProbe } from '../adapters/aws-health-probe.js';
import { documentClient, dynamodbClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-schedule-registry.js';
import { schedulerClient } from '../adapters/scheduler-client.js';
import { SqsDeadLetters } from '../adapters/sqs-dead-letters.js';
import { SqsDispatchQueue } from '../adapters/sqs-dispatch-queue.js';
import { readApiConfig } from '../config.js';
import { newJobId } from '../domain/job-id.js';
import { createApiHandler } from '../http/api-handler.js';
import type { ApiDeps } from '../http/api-router.js';
import { systemClock } from '../use-cases/ports.js';

const config = readApiConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, 'api');

const deps: ApiDeps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  // The API only reads runs; their retention is the executor's business.
  runs: new DynamoDbRunStore(documentClient, config.TABLE_NAME, 1),
  schedules: new EventBridgeScheduleRegistry(schedulerClient, {
    groupName: config.SCHEDULE_GROUP_NAME,
    dispatchQueueArn: config.DISPATCH_QUEUE_ARN,
    schedulerRoleArn: config.SCHEDULER_ROLE_ARN,
    deadLetterQueueArn: config.DEAD_LETTER_QUEUE_ARN,
  }),
  dispatch: new SqsDispatchQueue(sqsClient, config.DISPATCH_QUEUE_URL),
  deadLetters: new SqsDeadLetters(sqsClient, config.DEAD_LETTER_QUEUE_URL),
  health: new AwsHealthProbe(
    { dynamodb: dynamodbClient, sqs: sqsClient, scheduler: schedulerClient },
    {
      tableName: config.TABLE_NAME,
      queueUrl: config.DISPATCH_QUEUE_URL,
      scheduleGroupName: config.SCHEDULE_GROUP_NAME,
    },
  ),
  clock: systemClock,
  newJobId,
  targetPolicy: {
    insecureHostsAllowed: config.HTTP_TARGET_INSECURE_HOSTS,
    arnAllowlist: config.TARGET_ARN_ALLOWLIST,
  },
  jobQuota: config.JOB_QUOTA_PER_TENANT,
  rateLimiter: new DynamoDbRateLimiter(documentClient, config.TABLE_NAME, config.RATE_LIMITS),
  version: config.SERVICE_VERSION,
  metrics,
};

/** The jobs API: HTTP API (payload 2.0) → route → use case → JSON or problem+json. */
export const handler = createApiHandler(deps, metrics);
