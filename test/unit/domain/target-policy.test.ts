import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { parseInsecureHost } from '../../../lambdas/domain/http-reach.js';
import {
  arnAllowlistOf,
  arnMatches,
  awsTargetRefusal,
  checkTarget,
  checkTargetUrl,
  isReservedEventSource,
  isServiceResource,
  TargetIsTheServiceError,
  TargetNotAllowedError,
  type TargetPolicy,
} from '../../../lambdas/domain/target-policy.js';

describe('checkTargetUrl', () => {
  const strict = { ports: [443, 80], insecureHosts: [] };
  const local = { ports: [443, 80], insecureHosts: ['127.0.0.1:8080', '[::1]:8080'].map(parseInsecureHost) };

  it('accepts https anywhere', () => {
    expect(() => checkTargetUrl('https://hooks.example.com/x', strict)).not.toThrow();
  });

  it('refuses plain http unless the host is allowlisted', () => {
    expect(() => checkTargetUrl('http://hooks.example.com/x', strict)).toThrow(ValidationError);
    expect(() => checkTargetUrl('http://127.0.0.1:8080/x', strict)).toThrow(ValidationError);
    expect(() => checkTargetUrl('http://127.0.0.1:8080/x', local)).not.toThrow();
    expect(() => checkTargetUrl('http://[::1]:8080/x', local)).not.toThrow();
  });

  it('refuses credentials in the URL', () => {
    expect(() => checkTargetUrl('https://user:secret@example.com/x', strict)).toThrow(/Credentials/);
  });
});

describe('checkTarget', () => {
  const policy = {
    insecureHostsAllowed: [],
    arnAllowlist: [
      'arn:aws:sqs:eu-west-1:123456789012:jobs-*',
      'arn:aws:lambda:*:123456789012:function:report',
    ],
    serviceResourcePrefix: 'Scheduler-',
  };

  it('accepts AWS targets that match an allowlist pattern', () => {
    expect(() =>
      checkTarget({ type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs-mail' }, policy, 'alpha'),
    ).not.toThrow();
    expect(() =>
      checkTarget(
        {
          type: 'lambda',
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:report',
          invocationType: 'Event',
        },
        policy,
        'alpha',
      ),
    ).not.toThrow();
  });

  it.each([
    ['another queue', { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:billing' }],
    ['another account', { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:999999999999:jobs-mail' }],
    [
      'a function alias not listed',
      {
        type: 'lambda',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:report:live',
        invocationType: 'Event',
      },
    ],
    [
      'any bus',
      {
        type: 'eventbridge',
        eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
        source: 's',
        detailType: 'd',
      },
    ],
  ] as const)('refuses %s with 403 target_not_allowed', (_case, target) => {
    expect(() => checkTarget(target, policy, 'alpha')).toThrow(TargetNotAllowedError);
  });

  it('matches IAM-style wildcards and escapes everything else', () => {
    expect(arnMatches('arn:aws:sqs:*:1:a.b', 'arn:aws:sqs:eu-west-1:1:a.b')).toBe(true);
    expect(arnMatches('arn:aws:sqs:*:1:a.b', 'arn:aws:sqs:eu-west-1:1:aXb')).toBe(false);
    expect(arnMatches('arn:aws:sqs:eu-west-?:1:q', 'arn:aws:sqs:eu-west-2:1:q')).toBe(true);
  });
});

describe('the service itself and per-tenant allowlists', () => {
  const policy: TargetPolicy = {
    insecureHostsAllowed: [],
    arnAllowlist: ['arn:aws:sqs:*:123456789012:*', 'arn:aws:events:*:123456789012:event-bus/*'],
    tenantArnAllowlists: {
      'team-a': ['arn:aws:sqs:*:123456789012:team-a-*'],
      'arn:aws:sts::123456789012:assumed-role/TeamB/x': [],
    },
    serviceResourcePrefix: 'Scheduler-',
  };

  it.each([
    ['the dispatch queue', 'arn:aws:sqs:eu-west-1:123456789012:Scheduler-Dispatch-Queue'],
    ['a FIFO queue of the stack', 'arn:aws:sqs:eu-west-1:123456789012:Scheduler-X.fifo'],
    ['a function, qualified', 'arn:aws:lambda:eu-west-1:123456789012:function:Scheduler-Api:live'],
    ['the run-event bus', 'arn:aws:events:eu-west-1:123456789012:event-bus/Scheduler-RunEvents'],
    ['a case variant, in another region', 'arn:aws:sqs:us-east-1:123456789012:scheduler-dispatch'],
  ])('knows %s as the service', (_case, arn) => {
    expect(isServiceResource(arn, 'Scheduler-')).toBe(true);
  });

  it('tells tenant resources from the service by name', () => {
    expect(isServiceResource('arn:aws:sqs:eu-west-1:123456789012:jobs-Scheduler-x', 'Scheduler-')).toBe(
      false,
    );
    expect(isServiceResource('arn:aws:lambda:eu-west-1:123456789012:function:report', 'Scheduler-')).toBe(
      false,
    );
    // Without a prefix nothing can be told apart: everything is refused.
    expect(isServiceResource('arn:aws:sqs:eu-west-1:123456789012:jobs', '')).toBe(true);
  });

  it("refuses the stack's resources whatever the allowlist says, with target_is_the_service", () => {
    const refusal = awsTargetRefusal(
      { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:Scheduler-Dispatch-Queue' },
      { ...policy, arnAllowlist: ['arn:*'] },
      'anyone',
    );
    expect(refusal).toBeInstanceOf(TargetIsTheServiceError);
    expect(refusal).toMatchObject({ status: 403, code: 'target_is_the_service' });
  });

  it.each(['serverless-scheduler', 'Serverless-Scheduler', 'serverless-scheduler.fake', 'aws.s3'])(
    'refuses the reserved event source %s on any bus',
    (source) => {
      const target = {
        type: 'eventbridge',
        eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
        source,
        detailType: 'Job Run Succeeded',
      } as const;
      expect(isReservedEventSource(source)).toBe(true);
      expect(awsTargetRefusal(target, policy, 'anyone')).toMatchObject({ code: 'target_is_the_service' });
    },
  );

  it('checks each tenant against its own list, and the others against the fallback', () => {
    const queue = (name: string) =>
      ({ type: 'sqs', queueArn: `arn:aws:sqs:eu-west-1:123456789012:${name}` }) as const;
    expect(awsTargetRefusal(queue('team-a-mail'), policy, 'team-a')).toBeUndefined();
    expect(awsTargetRefusal(queue('billing'), policy, 'team-a')).toBeInstanceOf(TargetNotAllowedError);
    expect(awsTargetRefusal(queue('billing'), policy, 'team-c')).toBeUndefined();
    expect(
      awsTargetRefusal(queue('team-a-mail'), policy, 'arn:aws:sts::123456789012:assumed-role/TeamB/x'),
    ).toBeInstanceOf(TargetNotAllowedError);
  });

  it('gives a tenant named like an Object.prototype member the fallback, not a prototype function', () => {
    expect(arnAllowlistOf(policy, 'constructor')).toBe(policy.arnAllowlist);
    expect(arnAllowlistOf(policy, '__proto__')).toBe(policy.arnAllowlist);
    expect(arnAllowlistOf(policy, 'team-a')).toEqual(['arn:aws:sqs:*:123456789012:team-a-*']);
  });
});
