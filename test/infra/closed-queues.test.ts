import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchedulerStack } from '../../lib/scheduler-stack.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const OPERATOR = 'arn:aws:iam::111122223333:role/oncall';

type Json = Record<string, unknown>;
interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Condition?: { ArnNotEquals?: { 'aws:PrincipalArn': unknown[] } };
}

/** The logical id of the function (by description) or role whose role ARN is `{ Fn::GetAtt: [id, 'Arn'] }`. */
const roleIdOf = (value: unknown) => (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0];

describe('the service queues are closed to everyone but the service', () => {
  let template: Template;
  let queues: Record<string, Json>;
  const ledger = hostileTenantLedger('queues of the service (IAM, as synthesized)');

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(
      new SchedulerStack(app, 'Scheduler', { env, operatorRoleArns: [OPERATOR] }),
    );
    queues = template.findResources('AWS::SQS::Queue');
  });

  const idOf = (pattern: RegExp) => Object.keys(queues).find((id) => pattern.test(id)) ?? '';
  const redriveAllowOf = (id: string) =>
    ((queues[id]?.Properties ?? {}) as Json).RedriveAllowPolicy as Json | undefined;
  /** The principals the queue's policy lets send: those named in its deny's ArnNotEquals. */
  function sendersOf(queueId: string): unknown[] {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter(
      (policy) => JSON.stringify((policy.Properties as Json).Queues) === JSON.stringify([{ Ref: queueId }]),
    );
    const statements = policies.flatMap(
      (policy) => ((policy.Properties as Json).PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const deny = statements.find((statement) => statement.Sid === 'OnlyTheServiceSends');
    expect(deny?.Effect).toBe('Deny');
    expect(deny?.Action).toBe('sqs:SendMessage');
    return deny?.Condition?.ArnNotEquals?.['aws:PrincipalArn'] ?? [];
  }

  it('lets no other queue redrive into them: dispatch from none, the DLQ from dispatch, quarantine from the DLQ', async () => {
    const dispatch = idOf(/^DispatchQueue[0-9A-F]+$/);
    const dlq = idOf(/^DispatchDeadLetterQueue/);
    const quarantine = idOf(/^DispatchQuarantineQueue/);
    const sourceOf = (id: string) => JSON.stringify(redriveAllowOf(id)?.sourceQueueArns ?? []);
    await ledger.attempt('a tenant queue redrives forged fires into the dispatch queue', () => {
      return redriveAllowOf(dispatch)?.redrivePermission !== 'denyAll';
    });
    await ledger.attempt('a tenant queue redrives forged dead letters into the DLQ', () => {
      const only = redriveAllowOf(dlq);
      return only?.redrivePermission !== 'byQueue' || !sourceOf(dlq).includes('Dispatch-Queue"');
    });
    await ledger.attempt('a tenant queue redrives into the quarantine', () => {
      const only = redriveAllowOf(quarantine);
      return (
        only?.redrivePermission !== 'byQueue' || !sourceOf(quarantine).includes('Dispatch-DeadLetterQueue"')
      );
    });
    // Each allows exactly one source queue: its own producer.
    expect(redriveAllowOf(dlq)?.sourceQueueArns).toHaveLength(1);
    expect(redriveAllowOf(quarantine)?.sourceQueueArns).toHaveLength(1);
  });

  it('denies sending to each queue to every principal but its own senders', async () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const roleOfFunction = (description: RegExp) => {
      const fn = Object.values(functions).find((candidate) =>
        description.test(String((candidate.Properties as Json).Description)),
      );
      expect(fn, String(description)).toBeDefined();
      return roleIdOf(((fn?.Properties ?? {}) as Json).Role);
    };
    const schedulerRole = Object.keys(template.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('SchedulesSchedulerRole'),
    );
    const api = roleOfFunction(/jobs API/);
    const executor = roleOfFunction(/Runs job fires/);
    const reconciler = roleOfFunction(/^Repairs schedules/);
    const sorter = roleOfFunction(/^Files dead fires/);
    const ids = (senders: unknown[]) => senders.map((sender) => roleIdOf(sender) ?? sender).sort();

    expect(ids(sendersOf(idOf(/^DispatchQueue[0-9A-F]+$/)))).toEqual(
      [schedulerRole, api, executor, reconciler].sort(),
    );
    expect(ids(sendersOf(idOf(/^DispatchDeadLetterQueue/)))).toEqual(
      [schedulerRole, executor, OPERATOR].sort(),
    );
    expect(ids(sendersOf(idOf(/^DispatchQuarantineQueue/)))).toEqual([sorter, OPERATOR].sort());
    await ledger.attempt('a tenant role with sqs:SendMessage on * sends a forged fire', () =>
      sendersOf(idOf(/^DispatchQueue[0-9A-F]+$/)).some((sender) => sender === '*'),
    );
  });
});
