import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type CfnQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VISIBILITY_TIMEOUTS_PER_EXECUTOR_TIMEOUT } from '../lambdas/domain/lease.js';

/**
 * Receives of a dead letter (beyond the dispatch queue's own) before SQS moves it on to the quarantine queue:
 * the dead-letter sorter fails a message only when the table or quarantine queue cannot be reached, so this is
 * about 100 minutes of such failures. Counted on top of the dispatch queue's receives because SQS may carry a
 * message's receive count over when it moves it to the DLQ.
 */
const SORTER_RECEIVES = 100;

export interface DispatchQueueProps {
  /** The executor's timeout; the queue's visibility timeout is six times it, as Lambda advises. */
  readonly executorTimeout: Duration;
  /**
   * Receives before a fire is moved to the dead-letter queue. Every retry of a fire is a receive of the same
   * message (retries wait out their delay as message visibility), so this stays well above the largest
   * retryPolicy.maxAttempts (10). @default 20
   */
  readonly maxReceiveCount?: number;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The queue schedules fire into; its dead-letter queue for fires that could not be processed (drained by the
 * dead-letter sorter into per-tenant dead fires); and behind that the operators' quarantine queue, for dead
 * letters that name no tenant the job table vouches for, or that the sorter could not file.
 */
export class DispatchQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly quarantineQueue: Queue;

  constructor(scope: Construct, id: string, props: DispatchQueueProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 20;
    this.quarantineQueue = new Queue(this, 'QuarantineQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Six times the sorter's timeout, as Lambda advises for a queue it consumes.
      visibilityTimeout: Duration.minutes(1),
      // A message the sorter keeps failing on is set aside for operators, never lost to the retention period.
      deadLetterQueue: { queue: this.quarantineQueue, maxReceiveCount: maxReceiveCount + SORTER_RECEIVES },
      removalPolicy: props.removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The outermost link of the lease chain (lambdas/domain/lease.ts): never shorter than a run may hold its lock.
      visibilityTimeout: Duration.seconds(
        props.executorTimeout.toSeconds() * VISIBILITY_TIMEOUTS_PER_EXECUTOR_TIMEOUT,
      ),
      // The longest retry policy (10 attempts, up to 12 h apart) must fit: keep messages as long as SQS allows.
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
      removalPolicy: props.removalPolicy,
    });
  }

  /**
   * Closes the three queues to everyone but the service; called once every sender exists and the queues are
   * named. By default SQS lets any queue of the account name a queue as its dead-letter queue, which moves any
   * message into it with no permission on it at all: a tenant could redrive forged fires into the dispatch
   * queue. So no queue may redrive into the dispatch queue, only the dispatch queue into the DLQ, and only the
   * DLQ into the quarantine. And each queue denies SendMessage to every principal but its own senders (and,
   * for the DLQ and the quarantine, the operators who move dead letters between them), whatever their own
   * IAM policies allow.
   */
  closeToOthers(senders: {
    readonly dispatch: readonly IRole[];
    readonly deadLetter: readonly IRole[];
    readonly quarantine: readonly IRole[];
    readonly operatorRoleArns: readonly string[];
  }): void {
    const cfn = (queue: Queue) => queue.node.defaultChild as CfnQueue;
    // From the names, not the queues' ARN attributes: the dispatch queue's redrive policy already references
    // the DLQ's ARN (and the DLQ's the quarantine's), so an attribute here would make a CloudFormation cycle.
    const arnOf = (queue: Queue) => {
      const name = cfn(queue).queueName;
      if (!name) throw new Error('closeToOthers needs the queues named first (nameServiceResources).');
      return Stack.of(this).formatArn({
        service: 'sqs',
        resource: name,
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      });
    };
    cfn(this.queue).redriveAllowPolicy = { redrivePermission: 'denyAll' };
    cfn(this.deadLetterQueue).redriveAllowPolicy = {
      redrivePermission: 'byQueue',
      sourceQueueArns: [arnOf(this.queue)],
    };
    cfn(this.quarantineQueue).redriveAllowPolicy = {
      redrivePermission: 'byQueue',
      sourceQueueArns: [arnOf(this.deadLetterQueue)],
    };
    const onlySentBy = (queue: Queue, roles: readonly IRole[], arns: readonly string[] = []) =>
      queue.addToResourcePolicy(
        new PolicyStatement({
          sid: 'OnlyTheServiceSends',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: {
            ArnNotEquals: { 'aws:PrincipalArn': [...roles.map((role) => role.roleArn), ...arns] },
          },
        }),
      );
    onlySentBy(this.queue, senders.dispatch);
    onlySentBy(this.deadLetterQueue, senders.deadLetter, senders.operatorRoleArns);
    onlySentBy(this.quarantineQueue, senders.quarantine, senders.operatorRoleArns);
  }
}
