import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
      visibilityTimeout: Duration.seconds(props.executorTimeout.toSeconds() * 6),
      // The longest retry policy (10 attempts, up to 12 h apart) must fit: keep messages as long as SQS allows.
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
      removalPolicy: props.removalPolicy,
    });
  }
}
