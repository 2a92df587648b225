/** The CloudWatch namespace of the service's metrics, unless the stack names another. */
export const DEFAULT_METRICS_NAMESPACE = 'ServerlessScheduler';

/** The `Service` dimension each Lambda writes its metrics under. */
export const MetricService = {
  Api: 'api',
  Executor: 'executor',
  Reconciler: 'reconciler',
  DeadLetterSorter: 'dead-letter-sorter',
} as const;
export type MetricService = (typeof MetricService)[keyof typeof MetricService];

/** The dimension names metrics carry besides `Service`. */
export const MetricDimension = {
  Service: 'Service',
  /** On TargetLatency: the target's type (`http`, `sqs`, `eventbridge`, `lambda`). */
  TargetKind: 'TargetKind',
} as const;

/** The target types TargetLatency is recorded for, each its own TargetKind. */
export const TARGET_KINDS = ['http', 'sqs', 'eventbridge', 'lambda'] as const;

/** The service's metrics, by name: one vocabulary for code, dashboard and alarms. */
export const MetricName = {
  JobsCreated: 'JobsCreated',
  JobsUpdated: 'JobsUpdated',
  JobsDeleted: 'JobsDeleted',
  RunsStarted: 'RunsStarted',
  RunsSucceeded: 'RunsSucceeded',
  RunsFailed: 'RunsFailed',
  RunsSkipped: 'RunsSkipped',
  RunsDeduplicated: 'RunsDeduplicated',
  /** Fires put back on the queue, unattempted, because their tenant had its limit of runs in progress. */
  RunsDelayed: 'RunsDelayed',
  Retries: 'Retries',
  /** Seconds from a fire's scheduled time to the start of its first attempt. */
  FireLagSeconds: 'FireLagSeconds',
  /** Milliseconds a target took to answer, by TargetKind. */
  TargetLatency: 'TargetLatency',
  ReconcilerRepairs: 'ReconcilerRepairs',
  /** Reconciler invocations that left work for the next one: the Scheduler budget or the time was short. */
  ReconcilerBudgetShort: 'ReconcilerBudgetShort',
  /** Jobs the reconciler could not check (the error left a repair mark, so the next run tries again first). */
  ReconcilerCheckFailures: 'ReconcilerCheckFailures',
  RunEventsNotPublished: 'RunEventsNotPublished',
  /** Dead fires the sorter filed under their tenant (a redelivered dead letter counts once). */
  DeadLettersFiled: 'DeadLettersFiled',
  /** Dead letters the sorter sent to the operators' quarantine queue. */
  DeadLettersQuarantined: 'DeadLettersQuarantined',
} as const;

export type MetricName = (typeof MetricName)[keyof typeof MetricName];
export type MetricUnit = 'Count' | 'Seconds' | 'Milliseconds';
