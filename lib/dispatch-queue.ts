import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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

/** The queue schedules fire into, and its dead-letter queue for fires that could not be processed. */
export class DispatchQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DispatchQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.executorTimeout.toSeconds() * 6),
      // The longest retry policy (10 attempts, up to 12 h apart) must fit: keep messages as long as SQS allows.
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 20 },
      removalPolicy: props.removalPolicy,
    });
  }
}
