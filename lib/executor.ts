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
  /** The executor's timeout: what a fire's run lease is cut from (lambdas/domain/lease.ts). */
  readonly timeout: Duration;
  readonly httpTargetInsecureHosts: readonly string[];
  readonly httpTargetPorts: readonly number[];
  readonly targetAllowlists: TargetAllowlists;
  readonly runRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly observability: FunctionObservability;
  readonly removalPolicy: RemovalPolicy;
  /** Concurrent executor invocations the queue trigger may run (2–1000); reserves nothing. */
  readonly maxConcurrency: number;
  /** Concurrency reserved for the executor out of the account's pool; at least `maxConcurrency`. */
  readonly reservedConcurrency?: number;
  /** Runs one tenant may have in progress at once; 0 switches the limit off. */
  readonly tenantRunLimit: number;
}

/** Checks the concurrency props at synthesis, where a mistake costs nothing. */
function checkConcurrency(props: ExecutorProps): void {
  const { maxConcurrency, reservedConcurrency, tenantRunLimit } = props;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000) {
    throw new Error(`executorMaxConcurrency must be a whole number from 2 to 1000, not ${maxConcurrency}.`);
  }
  // Below the trigger's maximum, Lambda throttles the trigger's invocations: their messages return to the
  // queue with a receive spent, and enough of those move fires to the DLQ.
  if (
    reservedConcurrency !== undefined &&
    !(Number.isInteger(reservedConcurrency) && reservedConcurrency >= maxConcurrency)
  ) {
    throw new Error(
      `executorReservedConcurrency (${reservedConcurrency}) must be a whole number of at least executorMaxConcurrency (${maxConcurrency}).`,
    );
  }
  // A batch lasts as long as its slowest fire: a tenant at its limit holds up to that many executors.
  if (!Number.isInteger(tenantRunLimit) || tenantRunLimit < 0 || tenantRunLimit >= maxConcurrency) {
    throw new Error(
      `tenantConcurrentRunLimit must be a whole number from 0 to executorMaxConcurrency - 1 (${maxConcurrency - 1}), not ${tenantRunLimit}.`,
    );
  }
}

/** The executor Lambda on the dispatch queue: batches of fires, partial batch failures reported. */
export class Executor extends Construct {
  readonly function: ServiceFunction;
  readonly #needs: { queues: IQueue[]; eventBus: IEventBus };
  readonly #prefix: string;

  constructor(scope: Construct, id: string, props: ExecutorProps) {
    super(scope, id);
    checkConcurrency(props);
    this.#needs = { queues: [props.deadLetterQueue, props.dispatchQueue], eventBus: props.eventBus };
    this.#prefix = props.targetAllowlists.serviceResourcePrefix;
    this.function = new ServiceFunction(this, 'Executor', {
      handlerModule: 'executor',
      description: 'Runs job fires from the dispatch queue with an exactly-once effect',
      timeout: props.timeout,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
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
        TENANT_RUN_LIMIT: String(props.tenantRunLimit),
      },
    });
    // Query: the `forbid` overlap check reads the job's newest runs. GetItem also reads tenants' signing generations.
    props.jobTable.grantItemAccess(this.function.fn, 'GetItem', 'PutItem', 'UpdateItem', 'Query');
    // Every tenant's list: the executor re-checks the job's tenant's own list before each call.
    grantTargetCalls(this.function.fn, allowlistUnion(props.targetAllowlists));
    // Malformed fires go straight to the DLQ; finished runs are announced on the bus; webhooks are signed with secrets derived from the master key.
    props.deadLetterQueue.grantSendMessages(this.function.fn);
    // A fire whose tenant has all its runs in progress goes back on the queue as a new, delayed message.
    props.dispatchQueue.grantSendMessages(this.function.fn);
    props.eventBus.grantPutEventsTo(this.function.fn);
    props.signingMasterKey.grantRead(this.function.fn);
    this.function.fn.addEventSource(
      new SqsEventSource(props.dispatchQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
  }

  /**
   * Denies the executor every target call on the stack's own resources (named by `names`), except the DLQ it
   * dead-letters to, the dispatch queue it sends delayed fires back to, and the bus it announces runs on: for
   * those three the runtime check (the name prefix, refused as a target) is the control.
   */
  denyServiceTargets(names: Map<IConstruct, string>): void {
    const own = (resource: IQueue | IEventBus) => resource.node.defaultChild;
    const named = (type: string) =>
      [...names].filter(([resource]) => (resource as { cfnResourceType?: string }).cfnResourceType === type);
    denyServiceTargets(this.function.fn, {
      prefix: this.#prefix,
      queues: named('AWS::SQS::Queue')
        .filter(([resource]) => !this.#needs.queues.some((queue) => resource === own(queue)))
        .map(([, name]) => name),
      eventBuses: named('AWS::Events::EventBus')
        .filter(([resource]) => resource !== own(this.#needs.eventBus))
        .map(([, name]) => name),
    });
  }
}
