import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV_DEFAULTS } from '../lambdas/environment.js';
import type { JobSchedules } from './job-schedules.js';
import type { JobTable } from './job-table.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';

export interface ReconcilerProps {
  readonly jobTable: JobTable;
  readonly schedules: JobSchedules;
  readonly dispatchQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  /** How often the reconciler runs; missed fires are found within this of `missedFireAfter`. @default Duration.minutes(1) */
  readonly interval?: Duration;
  /** A fire counts as missed once it is this overdue with no run. @default Duration.minutes(3) */
  readonly missedFireAfter?: Duration;
  /**
   * Scheduler requests per second that every reconciler call shares (token bucket), so reconciliation never
   * takes the quota the API's writes need; a short budget makes passes slower, never failed. @default 10
   */
  readonly schedulerRequestsPerSecond?: number;
  /** GetSchedule calls the rolling deep comparison makes per run. @default 100 */
  readonly deepChecksPerRun?: number;
  /** Time between the starts of two name comparisons (job ids against schedule names). @default Duration.hours(1) */
  readonly namePassEvery?: Duration;
  readonly runRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly observability: FunctionObservability;
}

/** The reconciler Lambda on a fixed rate: the job table is the truth, schedules and fires are repaired to it. */
export class Reconciler extends Construct {
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    const { table } = props.jobTable;
    this.function = new ServiceFunction(this, 'Reconciler', {
      handlerModule: 'reconciler',
      description: 'Repairs schedules to match jobs and catches up missed fires',
      // Less than the interval, so runs do not overlap; each pass stops when 10 s are left and resumes next run.
      timeout: Duration.seconds(Math.min(60, (props.interval ?? Duration.minutes(1)).toSeconds())),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        TABLE_NAME: table.tableName,
        ...props.schedules.registryEnvironment(props.dispatchQueue, props.deadLetterQueue),
        RUN_RETENTION_DAYS: String(props.runRetentionDays),
        MISSED_FIRE_AFTER_SECONDS: String(
          (props.missedFireAfter ?? Duration.seconds(ENV_DEFAULTS.MISSED_FIRE_AFTER_SECONDS)).toSeconds(),
        ),
        RECONCILER_SCHEDULER_RPS: String(
          props.schedulerRequestsPerSecond ?? ENV_DEFAULTS.RECONCILER_SCHEDULER_RPS,
        ),
        RECONCILER_DEEP_CHECKS_PER_RUN: String(
          props.deepChecksPerRun ?? ENV_DEFAULTS.RECONCILER_DEEP_CHECKS_PER_RUN,
        ),
        RECONCILER_NAME_PASS_EVERY_MINUTES: String(
          (
            props.namePassEvery ?? Duration.minutes(ENV_DEFAULTS.RECONCILER_NAME_PASS_EVERY_MINUTES)
          ).toMinutes(),
        ),
      },
    });
    const fn = this.function.fn;
    // Query: the job id items and the repair marks (partitions of the table itself).
    props.jobTable.grantItemAccess(
      fn,
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'BatchGetItem',
      'Query',
    );
    props.jobTable.grantTenantIndexScan(fn);
    props.jobTable.grantDueIndexQuery(fn);
    props.schedules.grantManageSchedules(fn);
    props.dispatchQueue.grantSendMessages(fn);
    new Rule(this, 'Every', {
      description: 'Runs the scheduler reconciler',
      schedule: Schedule.rate(props.interval ?? Duration.minutes(1)),
      targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
    });
  }
}
