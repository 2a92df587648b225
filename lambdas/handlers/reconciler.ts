import type { Context } from 'aws-lambda';
import { documentClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbReconcilerState } from '../adapters/dynamodb-reconciler-state.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-schedule-registry.js';
import { schedulerClient } from '../adapters/scheduler-client.js';
import { SqsDispatchQueue } from '../adapters/sqs-dispatch-queue.js';
import { readReconcilerConfig } from '../config.js';
import { logger } from '../logger.js';
import { systemClock } from '../use-cases/ports.js';
import { reconcile } from '../use-cases/reconcile.js';

const config = readReconcilerConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, 'reconciler');

const deps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  runs: new DynamoDbRunStore(documentClient, config.TABLE_NAME, config.RUN_RETENTION_DAYS),
  schedules: new EventBridgeScheduleRegistry(schedulerClient, {
    groupName: config.SCHEDULE_GROUP_NAME,
    dispatchQueueArn: config.DISPATCH_QUEUE_ARN,
    schedulerRoleArn: config.SCHEDULER_ROLE_ARN,
    deadLetterQueueArn: config.DEAD_LETTER_QUEUE_ARN,
  }),
  dispatch: new SqsDispatchQueue(sqsClient, config.DISPATCH_QUEUE_URL),
  state: new DynamoDbReconcilerState(documentClient, config.TABLE_NAME),
  clock: systemClock,
  metrics,
};

/** The reconciler, run on a schedule: schedules brought in line with jobs, missed fires caught up. */
export async function handler(_event: unknown, context: Context) {
  try {
    const report = await reconcile(deps, {
      remainingMs: () => context.getRemainingTimeInMillis(),
      missedAfterMs: config.MISSED_FIRE_AFTER_SECONDS * 1000,
    });
    logger.info('reconciled', { requestId: context.awsRequestId, ...report });
    return report;
  } finally {
    metrics.flush();
  }
}
