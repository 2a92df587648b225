import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSchedules } from './job-schedules.js';
import type { JobTable } from './job-table.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';

export interface ReconcilerProps {
  readonly jobTable: JobTable;
  readonly schedules: JobSchedules;
  readonly dispatchQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  /** How often the reconciler runs. @default Duration.minutes(5) */
  readonly interval?: Duration;
  /** A fire counts as missed once it is this overdue with no run. @default Duration.minutes(3) */
  readonly missedFireAfter?: Duration;
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
      // Long enough for many pages; the reconciler stops between pages when 10 s are left and resumes next run.
      timeout: Duration.minutes(2),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        TABLE_NAME: table.tableName,
        ...props.schedules.registryEnvironment(props.dispatchQueue, props.deadLetterQueue),
        RUN_RETENTION_DAYS: String(props.runRetentionDays),
        MISSED_FIRE_AFTER_SECONDS: String((props.missedFireAfter ?? Duration.minutes(3)).toSeconds()),
      },
    });
    const fn = this.function.fn;
    props.jobTable.grantItemAccess(fn, 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchGetItem');
    props.jobTable.grantTenantIndexScan(fn);
    props.schedules.grantManageSchedules(fn);
    props.dispatchQueue.grantSendMessages(fn);
    new Rule(this, 'Every', {
      description: 'Runs the scheduler reconciler',
      schedule: Schedule.rate(props.interval ?? Duration.minutes(5)),
      targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
    });
  }
}
