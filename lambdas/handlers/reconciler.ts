import type { Context } from 'aws-lambda';
import { documentClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbReconcilerIndex } from '../adapters/dynamodb-reconciler-index.js';
import { DynamoDbReconcilerState } from '../adapters/dynamodb-reconciler-state.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-schedule-registry.js';
import { schedulerClient } from '../adapters/scheduler-client.js';
import { SqsDispatchQueue } from '../adapters/sqs-dispatch-queue.js';
import { readReconcilerConfig } from '../config.js';
import { MetricService } from '../domain/metrics.js';
import { logger } from '../logger.js';
import { systemClock } from '../use-cases/ports.js';
import { reconcile } from '../use-cases/reconcile.js';
import { flushingMetrics } from './flushing-metrics.js';

const config = readReconcilerConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, MetricService.Reconciler);

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
  index: new DynamoDbReconcilerIndex(documentClient, config.TABLE_NAME),
  clock: systemClock,
  metrics,
};

/** An operator's invocation with `{"namePass": "now"}` starts a name comparison now instead of on the hour. */
const namePassNow = (event: unknown) =>
  typeof event === 'object' && event !== null && (event as { namePass?: unknown }).namePass === 'now';

/** The reconciler, run every minute: missed fires caught up, schedules brought in line with jobs. */
export const handler = flushingMetrics(metrics, async (event: unknown, context: Context) => {
  const report = await reconcile(deps, {
    remainingMs: () => context.getRemainingTimeInMillis(),
    missedAfterMs: config.MISSED_FIRE_AFTER_SECONDS * 1000,
    schedulerRequestsPerSecond: config.RECONCILER_SCHEDULER_RPS,
    deepChecksPerRun: config.RECONCILER_DEEP_CHECKS_PER_RUN,
    namePassEveryMs: namePassNow(event) ? 0 : config.RECONCILER_NAME_PASS_EVERY_MINUTES * 60_000,
  });
  logger.info('reconciled', { requestId: context.awsRequestId, ...report });
  if (report.budgetShort) {
    logger.warn('reconciler budget short: work left for the next run', {
      requestId: context.awsRequestId,
      budgetWaitMs: report.budgetWaitMs,
      schedulerRequestsPerSecond: config.RECONCILER_SCHEDULER_RPS,
    });
  }
  return report;
});
