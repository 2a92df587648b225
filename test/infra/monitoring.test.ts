import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SchedulerStack, type SchedulerStackProps } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const synth = (props: SchedulerStackProps = {}) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new SchedulerStack(app, 'Scheduler', { env, ...props }));
};

/** The properties of every alarm in a template. */
function alarms(template: Template) {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
}

/** The properties of each alarm, by its construct id (the start of its logical id). */
function alarmsById(template: Template) {
  const found = template.findResources('AWS::CloudWatch::Alarm');
  return (id: string) => {
    const entry = Object.entries(found).find(([logicalId]) => logicalId.startsWith(`Monitoring${id}`));
    if (!entry) throw new Error(`no alarm ${id}`);
    return entry[1].Properties;
  };
}

describe('monitoring', () => {
  const template = synth();

  it('builds a dashboard with every widget an operator needs', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const title of [
      'Fires per minute',
      'Success rate',
      'Fire lag (s)',
      'Target latency (ms)',
      'Dispatch queue',
      'DLQ depth',
      'Quarantine depth',
      'Dead letters filed per tenant',
      'Lambda errors',
      'Lambda throttles',
      'Lambda duration p99',
      'Reconciler repairs',
    ]) {
      expect(body, title).toContain(title);
    }
    for (const metric of [
      'RunsStarted',
      'RunsSucceeded',
      'RunsFailed',
      'FireLagSeconds',
      'TargetLatency',
      'ApproximateAgeOfOldestMessage',
      'DeadLettersFiled',
      'DeadLettersQuarantined',
    ]) {
      expect(body, metric).toContain(metric);
    }
  });

  it('alarms on dead fires, quarantine, a stuck sorter, backlog age, executor errors, fire lag and reconciler repairs, with the default thresholds', () => {
    const byMetric = Object.fromEntries(alarms(template).map((alarm) => [alarm.MetricName, alarm]));
    const byId = alarmsById(template);
    expect(byId('FiresDeadLettered')).toMatchObject({
      MetricName: 'DeadLettersFiled',
      Namespace: 'ServerlessScheduler',
      Dimensions: [{ Name: 'Service', Value: 'dead-letter-sorter' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
    });
    expect(byId('QuarantineNotEmpty')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [expect.stringMatching(/Quarantine/), 'QueueName'] } },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
    });
    expect(byId('DeadLetterSorterStuck')).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetterQueue/), 'QueueName'] },
        },
      ],
      Threshold: 900,
    });
    expect(byId('DispatchBacklogAge')).toMatchObject({ Threshold: 300 });
    // No alarm on the DLQ's depth any more: the sorter empties it; the age alarm above catches a stuck sorter.
    expect(
      alarms(template).filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible'),
    ).toHaveLength(1);
    expect(byMetric.Errors).toMatchObject({ Threshold: 1, Statistic: 'Sum', Period: 300 });
    expect(byMetric.FireLagSeconds).toMatchObject({
      Threshold: 120,
      ExtendedStatistic: 'p99',
      Namespace: 'ServerlessScheduler',
    });
    expect(byMetric.ReconcilerRepairs).toMatchObject({ Threshold: 10, Period: 900 });
    for (const alarm of alarms(template)) {
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
  });

  it('takes thresholds from the stack props', () => {
    const custom = synth({
      alarmThresholds: {
        deadLetterMessages: 5,
        quarantinedMessages: 3,
        deadLetterAge: Duration.hours(1),
        oldestMessageAge: Duration.minutes(15),
        fireLagP99: Duration.seconds(30),
      },
    });
    const byMetric = Object.fromEntries(alarms(custom).map((alarm) => [alarm.MetricName, alarm]));
    const byId = alarmsById(custom);
    expect(byId('FiresDeadLettered').Threshold).toBe(5);
    expect(byId('QuarantineNotEmpty').Threshold).toBe(3);
    expect(byId('DeadLetterSorterStuck').Threshold).toBe(3600);
    expect(byId('DispatchBacklogAge').Threshold).toBe(900);
    expect(byMetric.FireLagSeconds?.Threshold).toBe(30);
  });

  it('exposes the alarm topic, SSL only', () => {
    template.hasOutput('AlarmTopicArn', { Value: { Ref: Match.stringLikeRegexp('AlarmTopic') } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('turns X-Ray tracing on when asked, and sets the log level and metrics namespace of every function', () => {
    const functions = (t: Template) =>
      Object.values(t.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties);
    for (const fn of functions(template)) {
      expect(fn.TracingConfig?.Mode ?? 'PassThrough').toBe('PassThrough');
      expect(fn.Environment.Variables).toMatchObject({
        LOG_LEVEL: 'info',
        METRICS_NAMESPACE: 'ServerlessScheduler',
      });
    }
    const traced = synth({ tracing: true, logLevel: 'debug', metricsNamespace: 'Jobs' });
    for (const fn of functions(traced)) {
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Environment.Variables).toMatchObject({ LOG_LEVEL: 'debug', METRICS_NAMESPACE: 'Jobs' });
    }
  });
});
