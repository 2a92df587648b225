import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { parseInsecureHost } from '../../../lambdas/domain/http-reach.js';
import {
  arnMatches,
  checkTarget,
  checkTargetUrl,
  TargetNotAllowedError,
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
  };

  it('accepts AWS targets that match an allowlist pattern', () => {
    expect(() =>
      checkTarget({ type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs-mail' }, policy),
    ).not.toThrow();
    expect(() =>
      checkTarget(
        {
          type: 'lambda',
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:report',
          invocationType: 'Event',
        },
        policy,
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
    expect(() => checkTarget(target, policy)).toThrow(TargetNotAllowedError);
  });

  it('matches IAM-style wildcards and escapes everything else', () => {
    expect(arnMatches('arn:aws:sqs:*:1:a.b', 'arn:aws:sqs:eu-west-1:1:a.b')).toBe(true);
    expect(arnMatches('arn:aws:sqs:*:1:a.b', 'arn:aws:sqs:eu-west-1:1:aXb')).toBe(false);
    expect(arnMatches('arn:aws:sqs:eu-west-?:1:q', 'arn:aws:sqs:eu-west-2:1:q')).toBe(true);
  });
});
