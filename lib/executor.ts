import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobTable } from './job-table.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';
import { grantTargetCalls } from './target-permissions.js';
import type { WebhookMasterKey } from './webhook-master-key.js';

export interface ExecutorProps {
  readonly deadLetterQueue: IQueue;
  readonly eventBus: IEventBus;
  readonly signingMasterKey: WebhookMasterKey;
  readonly jobTable: JobTable;
  readonly dispatchQueue: IQueue;
  readonly timeout: Duration;
  readonly httpTargetInsecureHosts: readonly string[];
  readonly httpTargetPorts: readonly number[];
  readonly targetArnAllowlist: readonly string[];
  readonly runRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly observability: FunctionObservability;
  readonly removalPolicy: RemovalPolicy;
}

/** The executor Lambda on the dispatch queue: batches of fires, partial batch failures reported. */
export class Executor extends Construct {
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: ExecutorProps) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'Executor', {
      handlerModule: 'executor',
      description: 'Runs job fires from the dispatch queue with an exactly-once effect',
      timeout: props.timeout,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        TABLE_NAME: props.jobTable.table.tableName,
        HTTP_TARGET_INSECURE_HOSTS: props.httpTargetInsecureHosts.join(','),
        HTTP_TARGET_PORTS: props.httpTargetPorts.join(','),
        RUN_RETENTION_DAYS: String(props.runRetentionDays),
        DISPATCH_QUEUE_URL: props.dispatchQueue.queueUrl,
        DEAD_LETTER_QUEUE_URL: props.deadLetterQueue.queueUrl,
        EVENT_BUS_NAME: props.eventBus.eventBusName,
        SIGNING_MASTER_KEY_SECRET_ID: props.signingMasterKey.secret.secretArn,
      },
    });
    // Query: the `forbid` overlap check reads the job's newest runs. GetItem also reads tenants' signing generations.
    props.jobTable.grantItemAccess(this.function.fn, 'GetItem', 'PutItem', 'UpdateItem', 'Query');
    grantTargetCalls(this.function.fn, props.targetArnAllowlist);
    // Malformed fires go straight to the DLQ; finished runs are announced on the bus; webhooks are signed with secrets derived from the master key.
    props.deadLetterQueue.grantSendMessages(this.function.fn);
    props.eventBus.grantPutEventsTo(this.function.fn);
    props.signingMasterKey.grantRead(this.function.fn);
    this.function.fn.addEventSource(
      new SqsEventSource(props.dispatchQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );
  }
}
