import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../lambdas/http/api-router.js';
import { SchedulerStack } from '../../lib/scheduler-stack.js';
import { roleStatements, type SynthesizedStack } from '../support/stack-functions.js';
import { inMemoryApiDeps } from '../support/use-case-deps.js';

const env = { account: '111122223333', region: 'eu-west-1' };

function synth(props: ConstructorParameters<typeof SchedulerStack>[2] = {}) {
  // Assertions read the template only: skip bundling the Lambdas.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new SchedulerStack(app, 'Scheduler', { env, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

const actionsOf = (statements: Array<{ Action: string | string[] }>) =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

describe('SchedulerStack', () => {
  let template: Template;
  let synthesized: SynthesizedStack;
  beforeAll(() => {
    // GIVEN the default props, WHEN synthesized
    synthesized = synth();
    ({ template } = synthesized);
  });

  it('keeps jobs and runs in one on-demand table with PITR, TTL, the tenant index and the sparse due index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttlEpochSeconds', Enabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'GSI1' }),
        Match.objectLike({
          IndexName: 'GSI2',
          KeySchema: [
            { AttributeName: 'GSI2PK', KeyType: 'HASH' },
            { AttributeName: 'nextRunAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('runs the reconciler every minute, within the minute, on a Scheduler budget, querying only the due index', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: 'Runs the scheduler reconciler',
      ScheduleExpression: 'rate(1 minute)',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Repairs schedules'),
      Timeout: 60,
      Environment: {
        Variables: Match.objectLike({
          RECONCILER_SCHEDULER_RPS: '10',
          RECONCILER_DEEP_CHECKS_PER_RUN: '100',
          RECONCILER_NAME_PASS_EVERY_MINUTES: '60',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'dynamodb:Query',
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/index/GSI2']] },
          }),
        ]),
      },
    });
  });

  it('gives the dispatch queue a DLQ and a visibility timeout of six executor timeouts', () => {
    // The dispatch queue, its DLQ, and the operators' quarantine queue behind the DLQ.
    template.resourceCountIs('AWS::SQS::Queue', 3);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 20 },
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

  it('turns on source maps for every function only when asked (they slow cold starts)', () => {
    const withMaps = synth({ sourceMaps: true }).template.findResources('AWS::Lambda::Function');
    const variables = Object.values(withMaps).map((fn) => fn.Properties.Environment?.Variables ?? {});
    expect(variables.length).toBeGreaterThanOrEqual(3);
    for (const v of variables) expect(v.NODE_OPTIONS).toBe('--enable-source-maps');
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
    // The dispatch queue, and its DLQ for fires Scheduler cannot deliver: the same three actions on each.
    expect(actionsOf(statements).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
      'sqs:SendMessage',
    ]);
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  it('scopes the API Lambda to its schedule group, its scheduler role and the table', () => {
    const statements = roleStatements(synthesized, 'api');
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

  it('lets the executor dead-letter malformed fires, announce runs on its bus and read the signing master key, nothing more', () => {
    const statements = roleStatements(synthesized, 'executor');
    // Allowed: what it needs (the Deny statements on the stack's own resources are tested in service-resources).
    const byAction = (action: string) =>
      statements.filter((s) => s.Effect !== 'Deny' && actionsOf([s]).includes(action));
    // The dispatch queue too: a fire whose tenant is at its run limit goes back as a new, delayed message.
    expect(byAction('sqs:SendMessage')).toEqual([
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetterQueue/), 'Arn'] },
      }),
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DispatchQueue[0-9A-F]+$/), 'Arn'] },
      }),
    ]);
    expect(byAction('events:PutEvents')).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [expect.stringMatching(/RunEvents/), 'Arn'] } }),
    ]);
    expect(byAction('secretsmanager:GetSecretValue')).toEqual([
      expect.objectContaining({ Resource: { Ref: expect.stringMatching(/WebhookMasterKey/) } }),
    ]);
    template.hasResourceProperties('AWS::Events::EventBus', {
      Description: 'Job Run Succeeded / Job Run Failed',
    });
    // One secret: the master key, a plain 64-character string (tenants' secrets are derived, never stored).
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('lets the API read the signing master key (tenants read their derived secrets), and serves the signing-secret routes with the write scope only (the secret signs calls receivers trust)', () => {
    const statements = roleStatements(synthesized, 'api');
    const reads = statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue'));
    expect(reads).toEqual([
      expect.objectContaining({ Resource: { Ref: expect.stringMatching(/WebhookMasterKey/) } }),
    ]);
    const { template: jwt } = synth({
      auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] },
    });
    const scopes = Object.fromEntries(
      Object.values(jwt.findResources('AWS::ApiGatewayV2::Route')).map((route) => [
        route.Properties.RouteKey,
        route.Properties.AuthorizationScopes,
      ]),
    );
    expect(scopes['GET /api/signing-secret']).toEqual(['jobs:write']);
    expect(scopes['POST /api/signing-secret/rotate']).toEqual(['jobs:write']);
  });

  it('sends unknown routes ($default) to the handler, authenticated: any valid token, no anonymous access', () => {
    const { template: jwt } = synth({
      auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] },
    });
    jwt.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['jobs:read', 'jobs:write'],
      Target: Match.anyValue(),
    });
  });

  it('gives the executor item access to the table only', () => {
    const statements = roleStatements(synthesized, 'executor');
    expect(actionsOf(statements)).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
      ]),
    );
    expect(actionsOf(statements).filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual(
      [],
    );
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it('routes exactly what the handler serves, every route authenticated (IAM by default), access logged', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((route) => route.Properties.RouteKey);
    // Plus $default: whatever no route matches reaches the handler, which answers route_not_found.
    const served = [...Object.keys(apiRoutes(inMemoryApiDeps().deps)), '$default'];
    expect(keys.sort()).toEqual(served.sort());
    for (const route of Object.values(routes)) expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('uses a JWT authorizer when asked: readers need jobs:read or jobs:write, writers jobs:write', () => {
    const { template: jwt } = synth({
      auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] },
    });
    jwt.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['jobs'] },
    });
    // Every route of the API; the console's public routes are test/infra/console.test.ts's.
    const apiRoutes = Object.values(jwt.findResources('AWS::ApiGatewayV2::Route')).filter(
      (route) => !String(route.Properties.RouteKey).includes(' /console'),
    );
    const scopes = Object.fromEntries(
      apiRoutes.map((route) => {
        expect(route.Properties.AuthorizationType).toBe('JWT');
        return [route.Properties.RouteKey, route.Properties.AuthorizationScopes];
      }),
    );
    expect(scopes['GET /api/jobs']).toEqual(['jobs:read', 'jobs:write']);
    expect(scopes['POST /api/jobs']).toEqual(['jobs:write']);
    expect(scopes['DELETE /api/jobs/{id}']).toEqual(['jobs:write']);
    expect(scopes['POST /api/schedules/preview']).toEqual(['jobs:read', 'jobs:write']);
  });

  it('in cognito mode, makes a pool with a resource server and one client-credentials client per tenant', () => {
    const { template: cognito } = synth({
      auth: { mode: 'cognito', clients: ['alpha', 'beta'], domainPrefix: 'jobs-test' },
    });
    cognito.resourceCountIs('AWS::Cognito::UserPoolClient', 2);
    cognito.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'alpha',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
    });
    cognito.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'scheduler',
      Scopes: [
        { ScopeName: 'jobs:read', ScopeDescription: Match.anyValue() },
        { ScopeName: 'jobs:write', ScopeDescription: Match.anyValue() },
      ],
    });
    cognito.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const [authorizer] = Object.values(cognito.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(JSON.stringify(authorizer?.Properties.JwtConfiguration.Issuer)).toContain(
      'https://cognito-idp.eu-west-1.',
    );
    expect(authorizer?.Properties.JwtConfiguration.Audience).toHaveLength(2);
    const scopes = Object.values(cognito.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.AuthorizationScopes,
    );
    expect(scopes).toContainEqual(['scheduler/jobs:write']);
  });

  it('scopes the executor to the target allowlist and nothing beyond it', () => {
    const allowlist = [
      'arn:aws:sqs:eu-west-1:111122223333:jobs-*',
      'arn:aws:lambda:eu-west-1:111122223333:function:report',
    ];
    const statements = roleStatements(synth({ targetArnAllowlist: allowlist }), 'executor');
    // Literal ARN resources are the allowlist's; every other resource is a reference to the stack's own.
    const targetStatements = statements.filter((statement) => typeof statement.Resource === 'string');
    expect(targetStatements).toEqual([
      expect.objectContaining({ Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'], Resource: allowlist[0] }),
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: allowlist[1] }),
    ]);
    // Without an allowlist the executor can call no AWS target at all.
    const none = roleStatements(synthesized, 'executor').filter(
      (statement) => typeof statement.Resource === 'string',
    );
    expect(none).toEqual([]);
  });

  it('refuses an allowlist pattern it could not scope', () => {
    expect(() => synth({ targetArnAllowlist: ['arn:aws:*:eu-west-1:111122223333:*'] })).toThrow(
      /must be an ARN pattern/,
    );
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
    expect([...new Set(acknowledged.map(([id]) => id.replace(/\[.*$/, '')))].sort()).toEqual([
      'AwsSolutions::AwsSolutions-IAM5',
      'AwsSolutions::AwsSolutions-SMG4',
    ]);
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
