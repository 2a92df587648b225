import type { Context, SQSEvent } from 'aws-lambda';
import { documentClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbDeadFireStore } from '../adapters/dynamodb-dead-fire-store.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { SqsQuarantineQueue } from '../adapters/sqs-quarantine-queue.js';
import { readDeadLetterSorterConfig } from '../config.js';
import { MetricService } from '../domain/metrics.js';
import { systemClock } from '../use-cases/ports.js';
import type { SortDeadLetterDeps } from '../use-cases/sort-dead-letter.js';
import { sortDeadLetterBatch } from './dead-letter-batch.js';
import { flushingMetrics } from './flushing-metrics.js';

const config = readDeadLetterSorterConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, MetricService.DeadLetterSorter);

const deps: SortDeadLetterDeps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  deadFires: new DynamoDbDeadFireStore(documentClient, config.TABLE_NAME, config.DEAD_LETTER_RETENTION_DAYS),
  quarantine: new SqsQuarantineQueue(sqsClient, config.QUARANTINE_QUEUE_URL),
  clock: systemClock,
  metrics,
};

/** The dead-letter sorter: DLQ → each dead fire filed under the tenant that owns its job, or quarantined. */
export const handler = flushingMetrics(metrics, (event: SQSEvent, context: Context) =>
  sortDeadLetterBatch(deps, event, context.awsRequestId),
);
