import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchedulerStack } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const SORTER = 'Files dead fires from the DLQ under their tenant, or quarantines them';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const actionsOf = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The logical id of the only resource of `type` whose id matches. */
function logicalId(template: Template, type: string, pattern: RegExp): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => pattern.test(id));
  expect(ids, `${type} ${pattern}`).toHaveLength(1);
  return ids[0] as string;
}

/** Every policy statement of every role, by the description of the Lambda using the role (or the role's id). */
function statementsByRole(template: Template): Map<string, Statement[]> {
  const roleNames = new Map<string, string>();
  for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
    roleNames.set(fn.Properties.Role['Fn::GetAtt'][0], String(fn.Properties.Description));
  }
  const byRole = new Map<string, Statement[]>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    for (const role of policy.Properties.Roles as Array<{ Ref: string }>) {
      const name = roleNames.get(role.Ref) ?? role.Ref;
      byRole.set(name, [...(byRole.get(name) ?? []), ...policy.Properties.PolicyDocument.Statement]);
    }
  }
  return byRole;
}

describe('the dead-letter sorter', () => {
  let template: Template;
  let dlq: string;
  let quarantine: string;
  beforeAll(() => {
    // GIVEN the default props, WHEN synthesized (the Lambdas are not bundled: the template is enough)
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(new SchedulerStack(app, 'Scheduler', { env }));
    dlq = logicalId(template, 'AWS::SQS::Queue', /DeadLetterQueue/);
    quarantine = logicalId(template, 'AWS::SQS::Queue', /QuarantineQueue/);
  });

  it('drains the DLQ: its event source, with partial batch failures and bounded concurrency', () => {
    const sorter = logicalId(template, 'AWS::Lambda::Function', /DeadLetterSorter/);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sorter },
      EventSourceArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: SORTER,
      Environment: {
        Variables: Match.objectLike({
          QUARANTINE_QUEUE_URL: { Ref: quarantine },
          DEAD_LETTER_RETENTION_DAYS: '14',
        }),
      },
    });
  });

  it("keeps an operators' quarantine queue, encrypted and for 14 days, where the DLQ sets aside what the sorter keeps failing on", () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [quarantine, 'Arn'] }, maxReceiveCount: 120 },
      VisibilityTimeout: 60,
    });
    expect(template.findResources('AWS::SQS::Queue')[quarantine]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: quarantine }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasOutput('QuarantineQueueUrl', { Value: { Ref: quarantine } });
  });

  it('may consume the DLQ, send to quarantine, read jobs and write dead-fire items: nothing more', () => {
    const statements = statementsByRole(template).get(SORTER) ?? [];
    const sqs = statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('sqs:')));
    expect(sqs).toHaveLength(2);
    expect(sqs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: expect.arrayContaining([
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'sqs:ChangeMessageVisibility',
          ]),
          Resource: { 'Fn::GetAtt': [dlq, 'Arn'] },
        }),
        expect.objectContaining({
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Resource: { 'Fn::GetAtt': [quarantine, 'Arn'] },
        }),
      ]),
    );
    const toQuarantine = sqs.filter((statement) => JSON.stringify(statement.Resource).includes(quarantine));
    expect(toQuarantine.flatMap(actionsOf)).not.toContain('sqs:ReceiveMessage');
    const table = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith('dynamodb:')),
    );
    expect(table).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOB#*'] } },
      }),
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DEADLETTER#*'] } },
      }),
    ]);
    const others = statements.filter((statement) => !sqs.includes(statement) && !table.includes(statement));
    expect(others.flatMap(actionsOf).every((action) => action.startsWith('logs:'))).toBe(true);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it('is the only one that receives from the DLQ: the API has no SQS consumer permission at all', () => {
    const consumers = [...statementsByRole(template).entries()]
      .filter(([, statements]) =>
        statements.some(
          (statement) =>
            actionsOf(statement).includes('sqs:ReceiveMessage') &&
            JSON.stringify(statement.Resource).includes(dlq),
        ),
      )
      .map(([role]) => role);
    expect(consumers).toEqual([SORTER]);
    const api = statementsByRole(template).get('The jobs API') ?? [];
    expect(api.length).toBeGreaterThan(0);
    const apiActions = api.flatMap(actionsOf);
    for (const action of [
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:PurgeQueue',
    ])
      expect(apiActions).not.toContain(action);
    expect(
      JSON.stringify(api.filter((statement) => actionsOf(statement).some((a) => a.startsWith('sqs:')))),
    ).not.toContain(dlq);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'The jobs API',
      Environment: { Variables: Match.not(Match.objectLike({ DEAD_LETTER_QUEUE_URL: Match.anyValue() })) },
    });
  });
});
