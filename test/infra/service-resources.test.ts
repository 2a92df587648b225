import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { arnMatches, awsTargetRefusal, isServiceResource } from '../../lambdas/domain/target-policy.js';
import { SchedulerStack, type SchedulerStackProps } from '../../lib/scheduler-stack.js';
import { nameServiceResources } from '../../lib/service-resource-names.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const TARGETABLE = ['AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::Events::EventBus'];
const EXECUTOR = 'Runs job fires from the dispatch queue with an exactly-once effect';

/** Like the local stack: a wildcard allowlist that would match every resource of the stack (JWT tenants, named). */
const LOCAL_LIKE: SchedulerStackProps = {
  auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] },
  targetArnAllowlist: [
    'arn:aws:sqs:*:111122223333:*',
    'arn:aws:events:*:111122223333:event-bus/*',
    'arn:aws:lambda:*:111122223333:function:*',
  ],
  tenantTargetArnAllowlists: { 'team-a': ['arn:aws:sqs:eu-west-1:444455556666:team-a-*'] },
};

function synth(props: SchedulerStackProps = LOCAL_LIKE, id = 'Scheduler') {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new SchedulerStack(app, id, { env, ...props });
  return { app, stack, template: Template.fromStack(stack).toJSON() as Tpl };
}

type Resource = { Type: string; Properties: Record<string, unknown> };
type Tpl = { Resources: Record<string, Resource> };

/** The function of the template with this description; throws when there is none. */
function functionBy(template: Tpl, description: string): Resource {
  const found = Object.values(template.Resources).find((r) => r.Properties.Description === description);
  if (!found) throw new Error(`no function '${description}'`);
  return found;
}
const variablesOf = (fn: Resource) =>
  (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
const resourcesOf = (template: Tpl) => Object.entries(template.Resources);

/** The ARN a job would give to target the resource, as the tenant would write it. */
function arnOf(resource: Resource): string {
  const p = resource.Properties;
  if (resource.Type === 'AWS::SQS::Queue') return `arn:aws:sqs:eu-west-1:111122223333:${p.QueueName}`;
  if (resource.Type === 'AWS::Lambda::Function')
    return `arn:aws:lambda:eu-west-1:111122223333:function:${p.FunctionName}`;
  return `arn:aws:events:eu-west-1:111122223333:event-bus/${p.Name}`;
}

/** Resolves `arn:${AWS::Partition}:…` joins the way IAM would see them. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : 'aws')).join(join[0]);
  return JSON.stringify(value);
}

function executorStatements(template: Tpl) {
  const executor = functionBy(template, EXECUTOR);
  const role = (executor.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return resourcesOf(template)
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(role))
    .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resources = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(resolve);

/** Whether IAM would deny `action` on `arn` by an explicit Deny of the statements. */
const denied = (statements: Statement[], action: string, arn: string) =>
  statements.some(
    (s) =>
      s.Effect === 'Deny' &&
      actions(s).includes(action) &&
      resources(s).some((pattern) => arnMatches(pattern, arn)),
  );

function prefixIn(template: Tpl, description: string): unknown {
  return variablesOf(functionBy(template, description)).SERVICE_RESOURCE_PREFIX;
}

describe('No target is the stack itself', () => {
  it('names every queue, function and event bus of the template with the prefix the API and the executor refuse', () => {
    // GIVEN the local stack's configuration, whose wildcard allowlist matches all of them
    const { template } = synth();
    const prefix = prefixIn(template, 'The jobs API');
    expect(prefix).toBe('Scheduler-');
    expect(prefixIn(template, EXECUTOR)).toBe(prefix);
    // WHEN every targetable resource of the template is enumerated (so one added later is enumerated too)
    const targetable = resourcesOf(template).filter(([, r]) => TARGETABLE.includes(r.Type));
    expect(targetable.length).toBeGreaterThanOrEqual(6);
    // THEN each is refused as the service itself, whatever the allowlist
    for (const [id, resource] of targetable) {
      const arn = arnOf(resource);
      expect(isServiceResource(arn, prefix as string), `${id} (${arn})`).toBe(true);
      const target =
        resource.Type === 'AWS::SQS::Queue'
          ? ({ type: 'sqs', queueArn: arn } as const)
          : resource.Type === 'AWS::Lambda::Function'
            ? ({ type: 'lambda', functionArn: arn, invocationType: 'Event' } as const)
            : ({ type: 'eventbridge', eventBusArn: arn, source: 'team-a', detailType: 'x' } as const);
      const policy = {
        insecureHostsAllowed: [],
        arnAllowlist: ['arn:*'],
        serviceResourcePrefix: prefix as string,
      };
      expect(awsTargetRefusal(target, policy, 'team-a')?.code, id).toBe('target_is_the_service');
    }
  });

  it('denies the executor, explicitly, every target call on the stack except its DLQ, its dispatch queue and its run-event bus', () => {
    const { template } = synth();
    const statements = executorStatements(template);
    for (const [id, resource] of resourcesOf(template)) {
      const arn = arnOf(resource);
      if (resource.Type === 'AWS::Lambda::Function') {
        expect(denied(statements, 'lambda:InvokeFunction', arn), id).toBe(true);
      } else if (resource.Type === 'AWS::SQS::Queue') {
        // The DLQ (malformed fires go there) and the dispatch queue (a fire over its tenant's run limit goes
        // back there, delayed): the executor sends to both, so the runtime check is the control.
        expect(denied(statements, 'sqs:SendMessage', arn), id).toBe(
          !id.startsWith('DispatchDeadLetterQueue') && !/^DispatchQueue[0-9A-F]+$/.test(id),
        );
      } else if (resource.Type === 'AWS::Events::EventBus') {
        // The run-event bus: the executor announces runs on it; the runtime check is the control.
        expect(denied(statements, 'events:PutEvents', arn), id).toBe(!id.startsWith('RunEvents'));
      }
    }
    // A control: a tenant's own queue and function stay callable (allowed, not denied).
    expect(denied(statements, 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:jobs-mail')).toBe(false);
    expect(
      denied(statements, 'lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:111122223333:function:report'),
    ).toBe(false);
  });

  it('fails the synthesis when a queue, function or bus is added after the stack named its resources', () => {
    for (const add of [
      (stack: Stack) => new Queue(stack, 'LateQueue'),
      (stack: Stack) =>
        new LambdaFunction(stack, 'LateFunction', {
          runtime: Runtime.NODEJS_24_X,
          handler: 'index.handler',
          code: Code.fromInline('exports.handler = async () => {}'),
        }),
      (stack: Stack) => new EventBus(stack, 'LateBus'),
      (stack: Stack) => new Queue(stack, 'HandNamed', { queueName: 'jobs-dispatch' }),
    ]) {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const stack = new SchedulerStack(app, 'Scheduler', { env });
      add(stack);
      expect(() => app.synth()).toThrow(/not 'Scheduler-…': jobs could target it/);
    }
  });

  it('names resources of any construct, FIFO queues and long paths within the limits', () => {
    // As another construct of the stack (a dead-letter consumer, say) would be named.
    const stack = new Stack(new App(), 'S', { env });
    const deep = new Queue(stack, `${'Deep'.repeat(30)}`, { fifo: true });
    new Queue(stack, 'Plain');
    new EventBus(stack, 'Bus');
    const names = [...nameServiceResources(stack, 'Scheduler-').values()];
    expect(names).toContain('Scheduler-Plain');
    expect(names).toContain('Scheduler-Bus');
    const fifo = names.find((name) => name.endsWith('.fifo')) ?? '';
    expect(fifo.length).toBeLessThanOrEqual(80);
    expect(fifo).toMatch(/^Scheduler-DeepDeep.*-[0-9a-f]{8}\.fifo$/);
    expect(deep.queueName).toBeDefined();
  });

  it('takes the prefix from the stack name or the prop, and refuses one that cannot be a name', () => {
    expect(prefixIn(synth({}, 'Jobs').template, EXECUTOR)).toBe('Jobs-');
    expect(prefixIn(synth({ resourceNamePrefix: 'sched_' }).template, EXECUTOR)).toBe('sched_');
    expect(() => synth({ resourceNamePrefix: 'a:b' })).toThrow(/resourceNamePrefix/);
    expect(() => synth({}, `S${'x'.repeat(40)}`)).toThrow(/resourceNamePrefix/);
  });
});

describe('Per-tenant allowlists', () => {
  it('passes the lists to the API and the executor as JSON, and allows the executor their union', () => {
    const { template } = synth();
    for (const description of ['The jobs API', EXECUTOR]) {
      const variables = variablesOf(functionBy(template, description));
      expect(JSON.parse(variables.TENANT_TARGET_ARN_ALLOWLISTS ?? '')).toEqual(
        LOCAL_LIKE.tenantTargetArnAllowlists,
      );
      expect(variables.TARGET_ARN_ALLOWLIST).toBe(LOCAL_LIKE.targetArnAllowlist?.join(','));
    }
    const allowed = executorStatements(template)
      .filter((s) => s.Effect !== 'Deny')
      .flatMap(resources);
    expect(allowed).toEqual(
      expect.arrayContaining(['arn:aws:sqs:eu-west-1:444455556666:team-a-*', 'arn:aws:sqs:*:111122223333:*']),
    );
  });

  it('refuses lists too large for a Lambda environment', () => {
    const many = Object.fromEntries(
      Array.from({ length: 40 }, (_, n) => [
        `arn:aws:iam::111122223333:role/team-${n}`,
        ['arn:aws:sqs:*:111122223333:q-*'],
      ]),
    );
    expect(() => synth({ tenantTargetArnAllowlists: many })).toThrow(/fewer, wider patterns/);
  });
});
