import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV_DEFAULTS } from '../lambdas/environment.js';
import type { JobTable } from './job-table.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';

export interface DeadLetterSorterProps {
  readonly deadLetterQueue: IQueue;
  readonly quarantineQueue: IQueue;
  readonly jobTable: JobTable;
  /**
   * Sorter invocations at once: enough to drain a flood quickly, few enough that a flood of one tenant's dead
   * fires cannot take the account's Lambda concurrency. @default 5
   */
  readonly maxConcurrency?: number;
  readonly logRetention: RetentionDays;
  readonly observability: FunctionObservability;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The dead-letter sorter on the DLQ: files each dead fire under the tenant that owns its job, so tenants see
 * and redrive their own through the API and never touch the queue; what names no verifiable tenant goes to
 * the operators' quarantine queue. It may read jobs, write dead-fire items, and nothing else in the table.
 */
export class DeadLetterSorter extends Construct {
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: DeadLetterSorterProps) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'Sorter', {
      handlerModule: 'dead-letter-sorter',
      description: 'Files dead fires from the DLQ under their tenant, or quarantines them',
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        TABLE_NAME: props.jobTable.table.tableName,
        QUARANTINE_QUEUE_URL: props.quarantineQueue.queueUrl,
        DEAD_LETTER_RETENTION_DAYS: String(ENV_DEFAULTS.DEAD_LETTER_RETENTION_DAYS),
      },
    });
    const fn = this.function.fn;
    props.jobTable.grantItemAccessUnder(fn, 'JOB#', 'GetItem');
    props.jobTable.grantItemAccessUnder(fn, 'DEADLETTER#', 'PutItem');
    props.quarantineQueue.grantSendMessages(fn);
    fn.addEventSource(
      new SqsEventSource(props.deadLetterQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? 5,
      }),
    );
  }
}
