import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchedulerStack } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };

function synth(props: ConstructorParameters<typeof SchedulerStack>[2] = {}) {
  // Assertions read the template only: skip bundling the Lambdas.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new SchedulerStack(app, 'Scheduler', { env, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Policy statements attached to the role of the Lambda whose description matches. */
function statementsOf(
  template: Template,
  description: string,
): Array<{ Action: string | string[]; Resource: unknown }> {
  const functions = template.findResources('AWS::Lambda::Function', {
    Properties: { Description: description },
  });
  const roleRef = Object.values(functions)[0]?.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleRef }]) },
  });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: Array<{ Action: string | string[] }>) =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

describe('SchedulerStack', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN the default props, WHEN synthesized
    ({ template } = synth());
  });

  it('keeps jobs and runs in one on-demand table with PITR, TTL and the tenant index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttlEpochSeconds', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'GSI1' })],
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('gives the dispatch queue a DLQ and a visibility timeout of six executor timeouts', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
  });

  it('runs the executor on the queue with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('exactly-once'),
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 30,
    });
  });

  it('lets schedules send to the dispatch queue and do nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
          }),
        ],
      },
    });
    const schedulerPolicies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('SchedulerRole') },
    });
    const statements = Object.values(schedulerPolicies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(actionsOf(statements).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('scopes the API Lambda to its schedule group, its scheduler role and the table', () => {
    const statements = statementsOf(template, 'The jobs API');
    const serialized = JSON.stringify(statements);
    expect(serialized).not.toMatch(/"Resource":"\*"/);
    expect(serialized).toContain(':schedule/Scheduler-jobs/*');
    const passRole = statements.find((s) => s.Action === 'iam:PassRole');
    expect(passRole).toMatchObject({
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/SchedulerRole/), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    expect(actionsOf(statements)).not.toContain('dynamodb:Scan');
  });

  it('gives the executor item access to the table only', () => {
    const statements = statementsOf(
      template,
      'Runs job fires from the dispatch queue with an exactly-once effect',
    );
    expect(actionsOf(statements)).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(actionsOf(statements).filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual(
      [],
    );
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it('authenticates every route (IAM by default) and logs access', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((route) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual(['DELETE /api/jobs/{id}', 'GET /api/jobs/{id}', 'POST /api/jobs']);
    for (const route of Object.values(routes)) expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('uses a JWT authorizer when asked', () => {
    const { template: jwt } = synth({
      auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] },
    });
    jwt.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['jobs'] },
    });
    for (const route of Object.values(jwt.findResources('AWS::ApiGatewayV2::Route'))) {
      expect(route.Properties.AuthorizationType).toBe('JWT');
    }
  });

  it('allows plain-http webhooks only to the configured hosts', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ HTTP_TARGET_INSECURE_HOSTS: '' }) },
    });
    const { template: local } = synth({ httpTargetInsecureHosts: ['127.0.0.1'] });
    local.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ HTTP_TARGET_INSECURE_HOSTS: '127.0.0.1' }) },
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes, with every acknowledged finding carrying a reason', () => {
    // GIVEN an app checked by the AwsSolutions pack
    const app = new App();
    const stack = new SchedulerStack(app, 'Scheduler', { env });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // WHEN synthesized THEN no finding is left (synthesis throws on any)
    expect(() => app.synth()).not.toThrow();
    const acknowledged = stack.node
      .findAll()
      .flatMap((node) =>
        node.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
      )
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.map(([id]) => id)).toEqual([expect.stringContaining('AwsSolutions-IAM5')]);
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(20);
  });

  it('fails the synthesis when a finding is not acknowledged', () => {
    // A control: proves the check above can fail.
    const app = new App();
    const stack = new Stack(app, 'Bad', { env });
    new Queue(stack, 'Unencrypted', { enforceSSL: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });
});
