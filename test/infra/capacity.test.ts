import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { SchedulerStackProps } from '../../lib/scheduler-stack.js';
import {
  functionProperties,
  roleStatements,
  type SynthesizedStack,
  synthStack,
} from '../support/stack-functions.js';

const synth = (props: SchedulerStackProps = {}) => synthStack(props).template;

describe('capacity and rate isolation props', () => {
  it('bounds the queue trigger at 50 executors by default and reserves no concurrency (deploys on any account)', () => {
    // GIVEN the default props, WHEN synthesized
    const synthesized = synthStack();
    const { template } = synthesized;
    // THEN
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 50 },
    });
    const executor = functionProperties(synthesized, 'executor');
    expect(executor.ReservedConcurrentExecutions).toBeUndefined();
    expect(executor.Environment.Variables.TENANT_RUN_LIMIT).toBe('20');
  });

  it('takes the trigger maximum, the reservation and the tenant run limit from props', () => {
    const synthesized = synthStack({
      executorMaxConcurrency: 200,
      executorReservedConcurrency: 250,
      tenantConcurrentRunLimit: 0,
    });
    const { template } = synthesized;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 200 },
    });
    const executor = functionProperties(synthesized, 'executor');
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
    const sendsTo = roleStatements(synthStack(), 'executor')
      .filter(
        (statement) =>
          statement.Effect === 'Allow' && JSON.stringify(statement.Action).includes('sqs:SendMessage'),
      )
      .map((statement) => (statement.Resource as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
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
    const api = (synthesized: SynthesizedStack) =>
      functionProperties(synthesized, 'api').Environment.Variables;
    expect(api(synthStack())).toMatchObject({
      RATE_LIMIT_CREATE: '600',
      RATE_LIMIT_UPDATE: '600',
      RATE_LIMIT_EXECUTE: '120',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    expect(api(synthStack({ tenantRateLimits: { execute: 5, windowSeconds: 10 } }))).toMatchObject({
      RATE_LIMIT_CREATE: '600',
      RATE_LIMIT_EXECUTE: '5',
      RATE_LIMIT_WINDOW_SECONDS: '10',
    });
    synth().hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ ExposeHeaders: Match.arrayWith(['retry-after']) }),
    });
  });
});
