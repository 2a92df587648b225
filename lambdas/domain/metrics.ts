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
  RunEventsNotPublished: 'RunEventsNotPublished',
  /** Dead fires the sorter filed under their tenant (a redelivered dead letter counts once). */
  DeadLettersFiled: 'DeadLettersFiled',
  /** Dead letters the sorter sent to the operators' quarantine queue. */
  DeadLettersQuarantined: 'DeadLettersQuarantined',
} as const;

export type MetricName = (typeof MetricName)[keyof typeof MetricName];
export type MetricUnit = 'Count' | 'Seconds' | 'Milliseconds';
