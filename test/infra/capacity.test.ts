import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SchedulerStack, type SchedulerStackProps } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const EXECUTOR = 'Runs job fires from the dispatch queue with an exactly-once effect';

function synth(props: SchedulerStackProps = {}) {
  // Assertions read the template only: skip bundling the Lambdas.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new SchedulerStack(app, 'Scheduler', { env, ...props }));
}

const functionNamed = (template: Template, description: string) =>
  Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }),
  )[0]?.Properties as Record<string, unknown> & { Environment: { Variables: Record<string, string> } };

describe('capacity and rate isolation props', () => {
  it('bounds the queue trigger at 50 executors by default and reserves no concurrency (deploys on any account)', () => {
    // GIVEN the default props, WHEN synthesized
    const template = synth();
    // THEN
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 50 },
    });
    const executor = functionNamed(template, EXECUTOR);
    expect(executor.ReservedConcurrentExecutions).toBeUndefined();
    expect(executor.Environment.Variables.TENANT_RUN_LIMIT).toBe('20');
  });

  it('takes the trigger maximum, the reservation and the tenant run limit from props', () => {
    const template = synth({
      executorMaxConcurrency: 200,
      executorReservedConcurrency: 250,
      tenantConcurrentRunLimit: 0,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 200 },
    });
    const executor = functionNamed(template, EXECUTOR);
    expect(executor.ReservedConcurrentExecutions).toBe(250);
    expect(executor.Environment.Variables.TENANT_RUN_LIMIT).toBe('0');
  });

  it.each([
    [{ executorMaxConcurrency: 1 }, /from 2 to 1000/],
    [{ executorMaxConcurrency: 1001 }, /from 2 to 1000/],
    [{ executorMaxConcurrency: 2.5 }, /from 2 to 1000/],
    // A reservation under the trigger's maximum throttles the trigger: receives spent, fires dead-lettered.
    [{ executorMaxConcurrency: 100, executorReservedConcurrency: 20 }, /at least executorMaxConcurrency/],
    [{ tenantConcurrentRunLimit: -1 }, /from 0 to executorMaxConcurrency - 1/],
    // A tenant at its limit would hold every executor (a batch lasts as long as its slowest fire).
    [{ tenantConcurrentRunLimit: 50 }, /from 0 to executorMaxConcurrency - 1 \(49\)/],
  ] as const)('refuses %j at synthesis', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it('lets the executor send to its own dispatch queue, to put a waiting fire back', () => {
    const template = synth();
    const roleRef = (functionNamed(template, EXECUTOR).Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: Match.arrayWith([{ Ref: roleRef }]) },
    });
    const sendsTo = Object.values(policies)
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter(
        (statement: { Action: unknown; Effect: string }) =>
          statement.Effect === 'Allow' && JSON.stringify(statement.Action).includes('sqs:SendMessage'),
      )
      .map((statement: { Resource: { 'Fn::GetAtt': string[] } }) => statement.Resource['Fn::GetAtt'][0]);
    expect(sendsTo).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DispatchQueue[0-9A-F]+$/),
        expect.stringMatching(/DeadLetterQueue/),
      ]),
    );
  });

  it('keeps the stage throttle at 100 rps / burst 200 by default, and takes it from a prop', () => {
    synth().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
    });
    synth({ apiThrottle: { rateLimit: 500, burstLimit: 1000 } }).hasResourceProperties(
      'AWS::ApiGatewayV2::Stage',
      {
        DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 }),
      },
    );
  });

  it('gives the API the per-tenant rate limits: the defaults, or those given, and exposes Retry-After', () => {
    const api = (template: Template) => functionNamed(template, 'The jobs API').Environment.Variables;
    expect(api(synth())).toMatchObject({
      RATE_LIMIT_CREATE: '600',
      RATE_LIMIT_UPDATE: '600',
      RATE_LIMIT_EXECUTE: '120',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    expect(api(synth({ tenantRateLimits: { execute: 5, windowSeconds: 10 } }))).toMatchObject({
      RATE_LIMIT_CREATE: '600',
      RATE_LIMIT_EXECUTE: '5',
      RATE_LIMIT_WINDOW_SECONDS: '10',
    });
    synth().hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ ExposeHeaders: Match.arrayWith(['retry-after']) }),
    });
  });
});
