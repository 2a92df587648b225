import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import type { JobTable } from './job-table.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';
import {
  allowlistUnion,
  denyServiceTargets,
  grantTargetCalls,
  type TargetAllowlists,
  targetPolicyEnvironment,
} from './target-permissions.js';
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
  readonly targetAllowlists: TargetAllowlists;
  readonly runRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly observability: FunctionObservability;
  readonly removalPolicy: RemovalPolicy;
}

/** The executor Lambda on the dispatch queue: batches of fires, partial batch failures reported. */
export class Executor extends Construct {
  readonly function: ServiceFunction;
  readonly #needs: { deadLetterQueue: IQueue; eventBus: IEventBus };
  readonly #prefix: string;

  constructor(scope: Construct, id: string, props: ExecutorProps) {
    super(scope, id);
    this.#needs = { deadLetterQueue: props.deadLetterQueue, eventBus: props.eventBus };
    this.#prefix = props.targetAllowlists.serviceResourcePrefix;
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
        ...targetPolicyEnvironment(props.targetAllowlists),
      },
    });
    // Query: the `forbid` overlap check reads the job's newest runs. GetItem also reads tenants' signing generations.
    props.jobTable.grantItemAccess(this.function.fn, 'GetItem', 'PutItem', 'UpdateItem', 'Query');
    // Every tenant's list: the executor re-checks the job's tenant's own list before each call.
    grantTargetCalls(this.function.fn, allowlistUnion(props.targetAllowlists));
    // Malformed fires go straight to the DLQ; finished runs are announced on the bus; webhooks are signed with secrets derived from the master key.
    props.deadLetterQueue.grantSendMessages(this.function.fn);
    props.eventBus.grantPutEventsTo(this.function.fn);
    props.signingMasterKey.grantRead(this.function.fn);
    this.function.fn.addEventSource(
      new SqsEventSource(props.dispatchQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );
  }

  /**
   * Denies the executor every target call on the stack's own resources (named by `names`), except the DLQ it
   * dead-letters to and the bus it announces runs on: for those two the runtime check is the control.
   */
  denyServiceTargets(names: Map<IConstruct, string>): void {
    const own = (resource: IQueue | IEventBus) => resource.node.defaultChild;
    const named = (type: string) =>
      [...names].filter(([resource]) => (resource as { cfnResourceType?: string }).cfnResourceType === type);
    denyServiceTargets(this.function.fn, {
      prefix: this.#prefix,
      queues: named('AWS::SQS::Queue')
        .filter(([resource]) => resource !== own(this.#needs.deadLetterQueue))
        .map(([, name]) => name),
      eventBuses: named('AWS::Events::EventBus')
        .filter(([resource]) => resource !== own(this.#needs.eventBus))
        .map(([, name]) => name),
    });
  }
}
