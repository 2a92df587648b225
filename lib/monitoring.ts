import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MetricDimension, MetricName, MetricService, TARGET_KINDS } from '../lambdas/domain/metrics.js';

/** Alarm thresholds; each has a default that suits a service firing a few jobs a minute. */
export interface AlarmThresholds {
  /** Fires dead-lettered (filed by the sorter under their tenant) in 5 minutes before alarming. @default 1 (any) */
  readonly deadLetterMessages?: number;
  /** Messages on the operators' quarantine queue before alarming. @default 1 (any) */
  readonly quarantinedMessages?: number;
  /** Age of the oldest message on the DLQ: the sorter drains it at once, so an old one means it is stuck. @default 15 minutes */
  readonly deadLetterAge?: Duration;
  /** Age of the oldest message on the dispatch queue. @default 5 minutes */
  readonly oldestMessageAge?: Duration;
  /** Executor errors (failed invocations) in 5 minutes. @default 1 */
  readonly executorErrors?: number;
  /** p99 of fire lag (scheduled time → first attempt) over 5 minutes. @default 2 minutes */
  readonly fireLagP99?: Duration;
  /** Reconciler repairs in 15 minutes: a spike means schedules are being lost. @default 10 */
  readonly reconcilerRepairs?: number;
}

export interface MonitoringProps {
  readonly namespace: string;
  readonly dispatchQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly quarantineQueue: IQueue;
  readonly apiFunction: IFunction;
  readonly executorFunction: IFunction;
  readonly reconcilerFunction?: IFunction;
  readonly sorterFunction?: IFunction;
  readonly thresholds?: AlarmThresholds;
}

/** The service's dashboard, and its alarms on one SNS topic that operators subscribe to. */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const thresholds = props.thresholds ?? {};
    // Every metric by the name and Service the code writes it under (lambdas/domain/metrics.ts).
    const metric = (
      service: MetricService,
      name: MetricName,
      statistic: string,
      period: Duration,
      dimensions: Record<string, string> = {},
    ) =>
      new Metric({
        namespace: props.namespace,
        metricName: name,
        statistic,
        period,
        dimensionsMap: { [MetricDimension.Service]: service, ...dimensions },
      });
    const service = (
      name: MetricName,
      statistic: string,
      dimensions: Record<string, string> = {},
      period = Duration.minutes(1),
    ) => metric(MetricService.Executor, name, statistic, period, dimensions);
    const started = service(MetricName.RunsStarted, 'Sum');
    const succeeded = service(MetricName.RunsSucceeded, 'Sum');
    const failed = service(MetricName.RunsFailed, 'Sum');
    const successRate = new MathExpression({
      expression: '100 * s / (s + f)',
      usingMetrics: {
        s: succeeded.with({ period: Duration.minutes(5) }),
        f: failed.with({ period: Duration.minutes(5) }),
      },
      label: 'Success rate (%)',
      period: Duration.minutes(5),
    });
    const latency = (statistic: string) =>
      TARGET_KINDS.map((kind) =>
        service(MetricName.TargetLatency, statistic, { [MetricDimension.TargetKind]: kind }).with({
          label: `${kind} ${statistic}`,
        }),
      );
    const queueVisible = props.dispatchQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
    });
    const queueAge = props.dispatchQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) });
    const dlqVisible = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    const quarantineVisible = props.quarantineQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    const sorted = (name: MetricName, period = Duration.minutes(1)) =>
      metric(MetricService.DeadLetterSorter, name, 'Sum', period);
    const repairs = metric(
      MetricService.Reconciler,
      MetricName.ReconcilerRepairs,
      'Sum',
      Duration.minutes(15),
    );
    const functions = [
      props.apiFunction,
      props.executorFunction,
      ...(props.reconcilerFunction ? [props.reconcilerFunction] : []),
      ...(props.sorterFunction ? [props.sorterFunction] : []),
    ];
    const perFunction = (metric: (fn: IFunction) => IMetric) => functions.map(metric);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-scheduler`,
    });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Fires per minute',
        left: [
          started.with({ label: 'started' }),
          succeeded.with({ label: 'succeeded' }),
          failed.with({ label: 'failed' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Success rate',
        left: [successRate],
        leftYAxis: { min: 0, max: 100 },
        width: 12,
      }),
      new GraphWidget({
        title: 'Fire lag (s): scheduled time → first attempt',
        left: [
          service(MetricName.FireLagSeconds, 'p50').with({ label: 'p50' }),
          service(MetricName.FireLagSeconds, 'p99').with({ label: 'p99' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Target latency (ms)',
        left: [...latency('p50'), ...latency('p99')],
        width: 12,
      }),
      new GraphWidget({ title: 'Dispatch queue', left: [queueVisible], right: [queueAge], width: 8 }),
      new SingleValueWidget({
        title: 'DLQ depth / Quarantine depth',
        metrics: [dlqVisible.with({ label: 'DLQ' }), quarantineVisible.with({ label: 'quarantine' })],
        width: 4,
      }),
      new GraphWidget({
        title: 'Dead letters filed per tenant / quarantined',
        left: [
          sorted(MetricName.DeadLettersFiled).with({ label: 'filed' }),
          sorted(MetricName.DeadLettersQuarantined).with({ label: 'quarantined' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Retries, skips, duplicates, waits for a tenant run slot',
        left: [
          service(MetricName.Retries, 'Sum'),
          service(MetricName.RunsSkipped, 'Sum'),
          service(MetricName.RunsDeduplicated, 'Sum'),
          service(MetricName.RunsDelayed, 'Sum'),
        ],
        width: 12,
      }),
      new GraphWidget({ title: 'Lambda errors', left: perFunction((fn) => fn.metricErrors()), width: 8 }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: perFunction((fn) => fn.metricThrottles()),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda duration p99',
        left: perFunction((fn) => fn.metricDuration({ statistic: 'p99' })),
        width: 8,
      }),
      new GraphWidget({ title: 'Reconciler repairs', left: [repairs], width: 12 }),
    );

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Serverless Scheduler alarms',
      enforceSSL: true,
    });
    const alarm = (name: string, description: string, metric: IMetric, threshold: number) => {
      const created = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.alarmTopic));
      this.alarms.push(created);
    };
    alarm(
      'FiresDeadLettered',
      'Fires died (dead-lettered) and were filed under their tenant: GET /api/dlq shows each its own. See README "Operating it".',
      sorted(MetricName.DeadLettersFiled, Duration.minutes(5)),
      thresholds.deadLetterMessages ?? 1,
    );
    alarm(
      'QuarantineNotEmpty',
      'Dead letters no tenant can be vouched for (malformed, job gone, tenant mismatch) or that the sorter could not file are on the quarantine queue: operators only.',
      quarantineVisible,
      thresholds.quarantinedMessages ?? 1,
    );
    alarm(
      'DeadLetterSorterStuck',
      'A message has waited on the DLQ too long: the dead-letter sorter is failing or throttled.',
      props.deadLetterQueue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      (thresholds.deadLetterAge ?? Duration.minutes(15)).toSeconds(),
    );
    alarm(
      'DispatchBacklogAge',
      'The oldest fire waiting on the dispatch queue is too old: the executor is not keeping up or failing.',
      props.dispatchQueue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      (thresholds.oldestMessageAge ?? Duration.minutes(5)).toSeconds(),
    );
    alarm(
      'ExecutorErrors',
      'Executor invocations failed (not target failures: the executor itself).',
      props.executorFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      thresholds.executorErrors ?? 1,
    );
    alarm(
      'FireLagP99',
      'Fires start late: p99 of scheduled time → first attempt.',
      service(MetricName.FireLagSeconds, 'p99', {}, Duration.minutes(5)),
      (thresholds.fireLagP99 ?? Duration.minutes(2)).toSeconds(),
    );
    alarm(
      'ReconcilerRepairsSpike',
      'The reconciler repaired many schedules: something is deleting or failing to create them.',
      repairs,
      thresholds.reconcilerRepairs ?? 10,
    );
  }
}
